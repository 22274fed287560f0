"""Find an essay's topics: detected in its text, declared or suppressed in its metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from .errors import TopicsError, line_of
from .htmltext import blocks, plain_text_run
from .matching import Matcher, words
from .sentences import quote, sentence_at, sentence_spans
from .vocabulary import KINDS, Topic, Vocabulary

# Metadata fields, as Pelican lower-cases them, and the kind of topic each names.
DECLARING = {"roles": "roles", "examples": "examples"}
SUPPRESSING = "not-topics"


@dataclass(frozen=True)
class Mention:
    """Where the essay names a topic: ``html[start:end]``, in ``sentence``."""

    key: str
    start: int
    end: int
    sentence: str
    sentence_start: int  # where the sentence begins in the HTML
    linkable: bool  # plain text outside headings: it can become a link

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Tag:
    """One topic of one essay, with the sentences that show it."""

    topic: Topic
    evidence: tuple[str, ...]  # sentences that mention it, the passage's first
    declared: bool
    passage: Mention | None  # the mention a topic page links to; None when only declared
    linked: bool = False  # the passage becomes a link to the topic's page

    @property
    def anchor(self) -> str | None:
        """The id of the passage in the essay's page."""
        return f"topic-{self.topic.key}" if self.passage else None


def matchers_for(vocabulary: Vocabulary) -> list[Matcher]:
    """One matcher per kind, so that a role named inside an example counts for both."""
    return [Matcher({t.key: t.aliases for t in vocabulary if t.kind == kind}) for kind in KINDS]


def tag_essay(html: str, metadata: Mapping, source: Path, vocabulary: Vocabulary,
              matchers: Iterable[Matcher], quote_length: int) -> tuple[Tag, ...]:
    """Detected topics plus declared ones, less suppressed ones, in order of appearance."""
    declared, suppressed = declared_topics(metadata, source, vocabulary)
    found: dict[str, list[Mention]] = {}
    for mention in mentions(html, matchers, quote_length):
        if mention.key not in suppressed:
            found.setdefault(mention.key, []).append(mention)
    declared_keys = {topic.key for topic in declared}
    links: list[Mention] = []
    tags = [_tag(vocabulary[key], found_mentions, key in declared_keys, links)
            for key, found_mentions in found.items()]
    tags += [Tag(topic, (), True, None) for topic in declared if topic.key not in found]
    return tuple(tags)


def declared_topics(metadata: Mapping, source: Path,
                    vocabulary: Vocabulary) -> tuple[list[Topic], set[str]]:
    """The topics the metadata declares, and the keys it suppresses; a bad name stops the build."""
    declared = [topic for field, kind in DECLARING.items()
                for topic in _named_topics(metadata, field, kind, source, vocabulary)]
    suppressed = {t.key for t in _named_topics(metadata, SUPPRESSING, None, source, vocabulary)}
    for topic in declared:
        if topic.key in suppressed:
            raise TopicsError(source, _field_line(source, SUPPRESSING),
                              f"{topic.name!r} is both declared and in Not-Topics: "
                              "keep it in one field only")
    return declared, suppressed


def mentions(html: str, matchers: Iterable[Matcher], quote_length: int) -> list[Mention]:
    """Every alias found in the readable text of ``html``, in order.

    Each matcher resolves its own overlaps, so a role named inside an example
    ("patient with the hurried barista") counts for both.
    """
    found = []
    for block in blocks(html):
        tokens = words(block.searchable)
        matches = sorted((m for matcher in matchers for m in matcher.find_in(tokens)),
                         key=lambda m: (m.start, -m.end))
        spans = sentence_spans(block.text) if matches else []
        for match in matches:
            start, end = block.html_span(match.start, match.end)
            sentence = sentence_at(spans, match.start)
            found.append(Mention(
                match.key, start, end,
                quote(block.text, *sentence, match.start, quote_length),
                block.starts[sentence[0]],
                not block.heading and plain_text_run(html, start, end)))
    return found


def _tag(topic: Topic, found: list[Mention], declared: bool, links: list[Mention]) -> Tag:
    """The tag for ``found`` mentions, choosing the passage that topic pages link to.

    The passage is the first mention that can become a link without touching
    one already made (recorded in ``links``), else the first mention.
    """
    passage = next((m for m in found
                    if m.linkable and not any(m.overlaps(link) for link in links)), None)
    if passage:
        links.append(passage)
    evidence = dict.fromkeys([(passage or found[0]).sentence, *(m.sentence for m in found)])
    return Tag(topic, tuple(evidence), declared, passage or found[0], linked=bool(passage))


def _named_topics(metadata: Mapping, field: str, kind: str | None, source: Path,
                  vocabulary: Vocabulary) -> list[Topic]:
    """The topics a comma-separated metadata field names; unknown names stop the build."""
    value = metadata.get(field)
    if not value:
        return []
    names = value if isinstance(value, list) else str(value).split(",")
    topics = []
    for name in filter(None, (n.strip() for n in names)):
        topic = vocabulary.lookup(name)
        if topic is None:
            raise _unknown(name, field, kind, source, vocabulary)
        if kind and topic.kind != kind:
            right = next(f for f, k in DECLARING.items() if k == topic.kind)
            raise TopicsError(source, _field_line(source, field),
                              f"{_label(field)} {name!r} is {_article(topic)} "
                              f"{topic.singular}, not {'an' if kind == 'examples' else 'a'} "
                              f"{KINDS[kind]}: move it to {_label(right)}")
        if topic not in topics:
            topics.append(topic)
    return topics


def _unknown(name: str, field: str, kind: str | None, source: Path,
             vocabulary: Vocabulary) -> TopicsError:
    near = vocabulary.closest(name, kind)
    hint = f"did you mean {' or '.join(map(repr, near))}?" if near else \
        "no known topic is close"
    what = KINDS[kind] if kind else "topic"
    return TopicsError(source, _field_line(source, field),
                       f"{_label(field)} unknown {what} {name!r}: {hint} "
                       "(new topics are added to topics.toml)")


def _label(field: str) -> str:
    """The metadata field as an author writes it: ``not-topics`` → ``Not-Topics:``."""
    return "-".join(part.capitalize() for part in field.split("-")) + ":"


def _article(topic: Topic) -> str:
    return "an" if topic.singular[0] in "aeiou" else "a"


def _field_line(source: Path, field: str) -> int | None:
    """The line of the essay's metadata field, read from the source file."""
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return line_of(text, re.compile(rf"^\s*{re.escape(field)}\s*:", re.I))
