"""The evaluation report, in Markdown: figures per set, then every miss and false tag."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from evaluation.scoring import SINGULAR, UNKNOWN, EssayScore, Finding, ratio

KINDS = ("roles", "examples")


@dataclass(frozen=True)
class SetResult:
    """The scores of one set of labelled essays (one of ``labels.SETS``)."""

    name: str
    folder: str
    titles: dict[str, str]  # by slug
    scores: list[EssayScore]

    def count(self, what: str, kind: str) -> int:
        return sum(len(getattr(score, what)[kind]) for score in self.scores)

    def labels(self, kind: str) -> int:
        return self.count("hits", kind) + self.count("misses", kind)

    def precision(self, kind: str) -> float | None:
        tags = self.count("tags", kind)
        return ratio(tags - self.count("false", kind), tags)

    def recall(self, kind: str) -> float | None:
        return ratio(self.count("hits", kind), self.labels(kind))

    def unknown(self, kind: str) -> Counter[str]:
        """The names of labels that name no topic of the vocabulary, with their counts."""
        return Counter(finding.name for score in self.scores for finding in score.misses[kind]
                       if finding.note.startswith(UNKNOWN))


def render(results: list[SetResult], vocabulary: str) -> str:
    lines = ["# Tagging evaluation", "",
             "Written by `invoke eval-tagging` (see `evaluation/README.md`): each set of "
             "hand-labelled essays is built into a real site with the vocabulary "
             f"{vocabulary}, and its topic pages are compared with the labels.", "",
             "- **Role precision**: the share of the essays' role tags that a label accounts for; "
             "**recall**: the share of role labels whose topic page lists the essay.",
             "- **Examples found**: the share of example labels whose sentence is quoted as "
             "evidence for some example topic of the essay; **example precision**: the share "
             "of example tags whose topic or quote a label accounts for.",
             "- A label that names no topic of the vocabulary is a miss.", "",
             "| set | essays | role labels (not in vocabulary) | role tags | role precision "
             "| role recall | example labels (not in vocabulary) | example tags "
             "| examples found | example precision |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for result in results:
        lines.append(
            f"| {result.name} (`{result.folder}`) | {len(result.scores)} "
            f"| {result.labels('roles')} ({result.unknown('roles').total()}) "
            f"| {result.count('tags', 'roles')} "
            f"| {_figure(result.precision('roles'))} | {_figure(result.recall('roles'))} "
            f"| {result.labels('examples')} ({result.unknown('examples').total()}) "
            f"| {result.count('tags', 'examples')} | {_figure(result.recall('examples'))} "
            f"| {_figure(result.precision('examples'))} |")
    lines += ["", "## Labels the vocabulary lacks", ""]
    for result in results:
        for kind in KINDS:
            lacking = sorted(result.unknown(kind).items())
            lines.append(f"- {result.name}, {kind}: " + (", ".join(
                _text(name) + (f" ({count})" if count > 1 else "") for name, count in lacking)
                if lacking else "none"))
    for result in results:
        lines += ["", f"## {result.name.capitalize()}: essay by essay"]
        for score in result.scores:
            lines += _essay(score, result.titles[score.slug])
    return "\n".join(lines) + "\n"


def summary(results: list[SetResult]) -> str:
    """One line per set, for the terminal."""
    return "\n".join(
        f"{result.name}: roles precision {_figure(result.precision('roles'))}, "
        f"recall {_figure(result.recall('roles'))}; examples found "
        f"{_figure(result.recall('examples'))}, precision {_figure(result.precision('examples'))}"
        for result in results)


def _essay(score: EssayScore, title: str) -> list[str]:
    lines = ["", f"### {_text(title)} (`{score.slug}`)", ""]
    for kind in KINDS:
        hits, labels = len(score.hits[kind]), len(score.hits[kind]) + len(score.misses[kind])
        tags = ", ".join(f"{_text(hit.name)} ({_text(hit.note)})" for hit in score.hits[kind])
        lines.append(f"- {kind.capitalize()} found {hits} of {labels}" +
                     (f": {tags}" if tags else ""))
        lines += [_finding(f"missed {SINGULAR[kind]}", miss) for miss in score.misses[kind]]
        lines += [_finding(f"false {SINGULAR[kind]} tag", false) for false in score.false[kind]]
    return lines


def _finding(what: str, finding: Finding) -> str:
    note = f" ({_text(finding.note)})" if finding.note else ""
    return f"  - **{what}** {_text(finding.name)}{note}: “{_text(finding.sentence)}”"


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _text(text: str) -> str:
    """``text`` shown literally in Markdown."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
