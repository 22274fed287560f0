"""Topic checks: the vocabulary, each essay's declared topics, and (as warnings) topics
found but not declared, topics no essay mentions and aliases that match too often.

An alias matches too often when it is a single word of one or two letters or one
of the 100 most common English words, or (once there are ``MAJORITY_FROM``
published essays) when it is found in more than half of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from service_topics.errors import TopicsError
from service_topics.htmltext import blocks
from service_topics.index import build_index
from service_topics.matching import Matcher, normalise_alias, words
from service_topics.tagging import EssayText, Tag, declared_topics, tag_site
from service_topics.vocabulary import KINDS, Vocabulary, field_line, header_line, \
    load_vocabulary

from .documents import Document
from .problems import Problem, warning

# The 100 most common words of written English (Oxford English Corpus), in base form.
COMMON_WORDS = frozenset("""
    the be to of and a in that have i it for not on with he as you do at this but his by from
    they we say her she or an will my one all would there their what so up out if about who get
    which go me when make can like time no just him know take people into year your good some
    could them see other than then now look only come its over think also back after use two how
    our work first well way even new want because any these give day most us
""".split())
MAJORITY_FROM = 10  # published essays needed before "found in most essays" means anything
FIELDS = {"roles": "Roles", "examples": "Examples"}


@dataclass(eq=False, frozen=True)
class Essay:
    """An essay as Pelican reads it: its HTML and its metadata."""

    document: Document
    html: str
    metadata: Mapping


def check_vocabulary(path: Path) -> tuple[Vocabulary | None, list[Problem]]:
    """The vocabulary at ``path``, or None and its first mistake."""
    try:
        return load_vocabulary(path), []
    except TopicsError as broken:
        return None, [Problem.of(broken)]


def check_declared(document: Document, vocabulary: Vocabulary) -> list[Problem]:
    """The first mistake in the essay's Roles:, Examples: and Not-Topics: fields (read as
    Pelican reads them: a field given twice is a list)."""
    values: dict[str, list[str]] = {}
    for field in document.front.fields:
        values.setdefault(field.name.lower(), []).append(field.value)
    metadata = {name: found[0] if len(found) == 1 else found for name, found in values.items()}
    try:
        declared_topics(metadata, document.path, vocabulary)
    except TopicsError as wrong:
        return [Problem.of(wrong)]
    return []


def tag_essays(essays: list[Essay], vocabulary: Vocabulary,
               config: Mapping) -> dict[Essay, tuple[Tag, ...]]:
    """Each essay's tags, as the plugin finds them (declared topics must be right): the
    published essays make the site's statistics, as in a build."""
    tagged = tag_site({essay: EssayText(essay.html, essay.metadata, essay.document.path)
                       for essay in essays}, vocabulary, config,
                      lambda essay: essay.document.status == "published")
    return {essay: tagging.tags for essay, tagging in tagged.items()}


def topic_pages(vocabulary: Vocabulary,
                tags_of: Mapping[Essay, tuple[Tag, ...]]) -> frozenset[str]:
    """The keys of the topics that get a page: those the published essays mention."""
    published = {essay: tags for essay, tags in tags_of.items()
                 if essay.document.status == "published"}  # the plugin tags these only
    return frozenset(build_index(vocabulary, published, 0).pages)


def topic_warnings(vocabulary: Vocabulary, path: Path, tags_of: Mapping[Essay, tuple[Tag, ...]],
                   *, unused: bool = False) -> list[Problem]:
    """Topics found but not declared, topics without a page (one line for them all, unless
    ``unused`` asks for a line each), aliases that match too often."""
    problems = [problem for essay, tags in tags_of.items()
                for problem in _undeclared(essay.document, tags)]
    pages = topic_pages(vocabulary, tags_of)
    text = path.read_text(encoding="utf-8")
    pageless = [topic for topic in vocabulary if topic.key not in pages]
    if unused:
        problems += [warning(path, header_line(text, topic.kind, topic.key),
                             f"{topic.kind}.{topic.key}: no published essay mentions it yet, "
                             "so it has no page")
                     for topic in pageless]
    elif pageless:
        problems.append(warning(path, None, f"{len(pageless)} topic"
                                f"{' has' if len(pageless) == 1 else 's have'} no published "
                                "essay yet, so no page: `invoke check --unused` lists them"))
    published = [essay.html for essay in tags_of if essay.document.status == "published"]
    return problems + _common_aliases(vocabulary, path, text, published)


def _undeclared(document: Document, tags: tuple[Tag, ...]) -> list[Problem]:
    """One warning per kind listing the topics found in the text but not declared."""
    problems = []
    for kind, name in FIELDS.items():
        found = [tag.topic.name for tag in tags if tag.topic.kind == kind and not tag.declared]
        if found:
            declared = document.field(name)
            problems.append(warning(document.path, declared.line if declared else 1,
                                    f"{name}: found in the text: {', '.join(found)}; declare "
                                    f"them in {name}: to confirm, or list them in Not-Topics: "
                                    "to drop them"))
    return problems


def _common_aliases(vocabulary: Vocabulary, path: Path, text: str,
                    published: list[str]) -> list[Problem]:
    found_in = _essays_per_alias(vocabulary, published) \
        if len(published) >= MAJORITY_FROM else Counter()
    problems = []
    for topic in vocabulary:
        for alias in topic.aliases:
            reason = _too_common(alias, found_in[normalise_alias(alias)], len(published))
            if reason:
                problems.append(warning(path, field_line(text, topic.kind, topic.key,
                                                         "aliases", alias),
                                        f"alias {alias!r} of {topic.kind}.{topic.key} {reason}: "
                                        "too common to tell essays apart; use a longer phrase"))
    return problems


def _too_common(alias: str, found: int, essays: int) -> str | None:
    """Why ``alias`` matches too often, or None."""
    alias_words = words(alias)
    if len(alias_words) == 1 and len(alias_words[0].text) <= 2:
        return "is one or two letters long"
    if len(alias_words) == 1 and alias_words[0].text in COMMON_WORDS:
        return "is one of the most common English words"
    if essays >= MAJORITY_FROM and found > essays / 2:
        return f"is found in {found} of the {essays} published essays"
    return None


def _essays_per_alias(vocabulary: Vocabulary, htmls: list[str]) -> Counter:
    """For each alias (normalised), the number of essays it is found in."""
    matchers = [Matcher({normalise_alias(alias): [alias] for topic in vocabulary
                         if topic.kind == kind for alias in topic.aliases},
                        nouns=kind == "roles") for kind in KINDS]
    counts: Counter = Counter()
    for html in htmls:
        counts.update({match.key for block in blocks(html) for matcher in matchers
                       for match in matcher.find(block.searchable)})
    return counts
