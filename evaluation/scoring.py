"""Score one essay's topics, as a built site lists them, against its hand labels.

A role label is *tagged* when its topic's page lists the essay, directly or by a
narrower topic; an example label is *found* when its sentence is quoted as evidence
for some example topic of the essay. A tag no label accounts for is a *false tag*.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from evaluation.labels import Label, LabelledEssay
from evaluation.site_output import Listing

SINGULAR = {"roles": "role", "examples": "example"}
# A quote shows a labelled sentence when their longest common run of words covers
# this share of the shorter one: generous about quotes cut to length.
OVERLAP = 0.6
UNKNOWN = "not in the vocabulary"
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"',
                            "„": '"', "″": '"', "–": "-", "—": "-", "‐": "-", "‑": "-",
                            "…": "...", "\u00a0": " "})


@dataclass(frozen=True)
class Resolved:
    """The vocabulary topic a label names."""

    kind: str
    key: str
    name: str
    broader: tuple[str, ...] = ()  # keys of its broader topics, nearest first


Resolver = Callable[[str], Resolved | None]


@dataclass(frozen=True)
class Finding:
    """A label that was (or was not) found, or a tag no label accounts for."""

    name: str       # the label's name, or the tag's topic name
    sentence: str   # the label's sentence, or the tag's quote
    note: str = ""  # how it was found, or why not


@dataclass
class EssayScore:
    slug: str
    hits: dict[str, list[Finding]] = field(default_factory=lambda: {"roles": [], "examples": []})
    misses: dict[str, list[Finding]] = field(default_factory=lambda: {"roles": [], "examples": []})
    tags: dict[str, list[Finding]] = field(default_factory=lambda: {"roles": [], "examples": []})
    false: dict[str, list[Finding]] = field(default_factory=lambda: {"roles": [], "examples": []})


def normalise(text: str) -> str:
    """Lowercase text with straight quotes, plain dashes and single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(TYPOGRAPHY).lower()
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", normalise(text))


def quote_shows(quote: str, sentence: str) -> bool:
    """Whether ``quote`` (perhaps cut, with ellipses) is the labelled ``sentence`` or part of it."""
    a, b = words(quote), words(sentence)
    if not a or not b:
        return False
    run = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match()
    return run.size >= OVERLAP * min(len(a), len(b))


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def score_essay(essay: LabelledEssay, listings: list[Listing], resolve: Resolver) -> EssayScore:
    """Hits, misses and false tags of ``essay``, from the ``listings`` of its site."""
    mine = [listing for listing in listings if listing.slug == essay.slug]
    score = EssayScore(essay.slug)
    _score_roles(score, essay.roles, mine, resolve)
    _score_examples(score, essay.examples, mine, resolve)
    return score


def _resolved(label: Label, kind: str, resolve: Resolver) -> Resolved | None:
    topic = resolve(label.name)
    return topic if topic and topic.kind == kind else None


def _score_roles(score: EssayScore, labels: tuple[Label, ...], mine: list[Listing],
                 resolve: Resolver) -> None:
    pages = {listing.key: listing for listing in mine if listing.kind == "roles"}
    tags = {key: listing for key, listing in pages.items() if listing.via_key is None}
    accounted = set()
    for label in labels:
        topic = _resolved(label, "roles", resolve)
        if topic is None:
            score.misses["roles"].append(Finding(label.name, label.sentence,
                                                 UNKNOWN))
            continue
        accounted.update(topic.broader)  # a broader topic of a label is right, if less precise
        broader = ", ".join(tags[key].name for key in topic.broader if key in tags)
        listed = pages.get(topic.key)
        if listed is None:
            note = f"not tagged ({topic.name})" + \
                (f"; tagged the broader {broader}" if broader else "")
            score.misses["roles"].append(Finding(label.name, label.sentence, note))
            continue
        accounted.add(listed.via_key or topic.key)
        note = topic.name + (f", by the narrower {listed.via_name}" if listed.via_key else "") \
            + (f"; also tagged the broader {broader}" if broader else "")
        score.hits["roles"].append(Finding(label.name, label.sentence, note))
    for key, listing in tags.items():
        finding = Finding(listing.name, listing.quote)
        score.tags["roles"].append(finding)
        if key not in accounted:
            score.false["roles"].append(finding)


def _score_examples(score: EssayScore, labels: tuple[Label, ...], mine: list[Listing],
                    resolve: Resolver) -> None:
    tags = [listing for listing in mine if listing.kind == "examples" and listing.via_key is None]
    accounted = set()
    for label in labels:
        topic = _resolved(label, "examples", resolve)
        quoting = [tag for tag in tags if quote_shows(tag.quote, label.sentence)]
        accounted.update(tag.key for tag in quoting)
        quoted = f"quoted for {', '.join(tag.name for tag in quoting)}" if quoting else ""
        if topic is None:
            note = "; ".join(filter(None, [UNKNOWN, quoted]))
            score.misses["examples"].append(Finding(label.name, label.sentence, note))
            continue
        accounted.add(topic.key)
        if quoting:
            score.hits["examples"].append(Finding(label.name, label.sentence, quoted))
        else:
            own = next((tag for tag in tags if tag.key == topic.key), None)
            note = (f"{topic.name} is tagged, quoting: “{own.quote}”" if own else
                    f"not quoted ({topic.name} is not tagged)")
            score.misses["examples"].append(Finding(label.name, label.sentence, note))
    for tag in tags:
        finding = Finding(tag.name, tag.quote)
        score.tags["examples"].append(finding)
        if tag.key not in accounted:
            score.false["examples"].append(finding)
