"""Find an essay's topics: candidates detected in its text, the salient ones kept as tags,
declared ones added and suppressed ones dropped (salience.py decides what is salient)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Collection, Hashable, Iterable, Mapping, NamedTuple, \
    Sequence

from .errors import TopicsError, line_of
from .htmltext import blocks, plain_text_run
from .matching import Matcher, words
from .salience import ASIDE, DISCOUNTED, DISCUSSED, Evidence, Salience, commonness, \
    near_service, opens_fragment, possessive, roll_call, serves, standing, weights_of
from .sentences import quote, sentence_at, sentence_spans
from .vocabulary import KINDS, Topic, Vocabulary

# Metadata fields, as Pelican lower-cases them, and the kind of topic each names.
DECLARING = {"roles": "roles", "examples": "examples"}
SUPPRESSING = "not-topics"
# Where in the essay a mention stands.
HEADING, LEAD, BODY = "heading", "lead", "body"
TERMS = frozenset({"dt"})  # blocks that, like headings, name what follows them
DEFAULT_RELATIVES = ("family-member",)  # TOPICS_RELATIVES when the settings say nothing


@dataclass(frozen=True)
class Mention:
    """Where the essay names a topic: ``html[start:end]``, in ``sentence``."""

    key: str
    start: int
    end: int
    sentence: str
    sentence_start: int  # where the sentence begins in the HTML
    linkable: bool  # plain text outside headings: it can become a link
    served: bool = False  # it takes part in an act of service
    discussed: bool = False  # its sentence says who someone is
    place: str = BODY  # HEADING (or the like: salience.py), LEAD (first paragraph) or BODY
    paragraph: int = 0  # the number of its paragraph, from 1 (0 in a heading before any)

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Candidate:
    """A topic the essay mentions: the mentions that count, and the evidence they make."""

    key: str
    mentions: tuple[Mention, ...]
    evidence: Evidence


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


class Tagging(NamedTuple):
    """An essay's tags, and the topics it only mentions in passing."""

    tags: tuple[Tag, ...]
    also_mentioned: tuple[Topic, ...]


class EssayText(NamedTuple):
    """What tagging reads of an essay: its HTML and metadata (title and summary, HTML
    too), and the file they came from."""

    html: str
    metadata: Mapping
    source: Path


def relatives_of(vocabulary: Vocabulary, config: Mapping[str, Any]) -> frozenset[str]:
    """The keys of the roles that are someone's relatives: the TOPICS_RELATIVES roles
    (by default ``family-member``, if the vocabulary has it) and every topic under them."""
    roots = config["TOPICS_RELATIVES"]
    if roots is None:
        roots = [key for key in DEFAULT_RELATIVES if key in vocabulary.topics]
    unknown = [key for key in roots if key not in vocabulary.topics
               or vocabulary[key].kind != "roles"]
    if unknown:
        raise ValueError(f"TOPICS_RELATIVES: {unknown[0]!r} is not the key of a role in "
                         "the vocabulary: name roles by their keys")
    return frozenset(topic.key for topic in vocabulary if topic.key in roots or any(
        broader.key in roots for broader in vocabulary.broader_chain(topic.key)))


def salience_of(config: Mapping[str, Any], found_in: Iterable[Iterable[str]] = (),
                relatives: Collection[str] = frozenset()) -> Salience:
    """The plugin's salience settings, with the commonness of the topics ``found_in``
    the site's essays (the keys of each essay's candidates) and the keys of the
    ``relatives`` (relatives_of)."""
    return Salience(config["TOPICS_SALIENCE_THRESHOLD"],
                    weights_of(config["TOPICS_SALIENCE_WEIGHTS"]),
                    commonness(found_in, config["TOPICS_COMMON_MIN_ESSAYS"],
                               config["TOPICS_COMMON_SHARE"]), relatives)


def tag_site(essays: Mapping[Hashable, EssayText], vocabulary: Vocabulary,
             config: Mapping[str, Any],
             counted: Callable[[Hashable], bool] = lambda essay: True,
             found_by: Callable[[EssayText, Callable[[], tuple]], tuple] | None = None
             ) -> dict[Any, Tagging]:
    """Every essay's tagging: candidates essay by essay, then salience with the site's
    statistics, taken over the essays that are ``counted`` (the published ones).

    ``found_by(text, compute)``, if given, returns an essay's candidates, calling
    ``compute()`` for those it does not keep (a cache: tagcache.py); an essay whose
    candidates are the very objects of the last call, and tagged the same, then gets the
    very tagging it had (``_Remembered``)."""
    relatives = relatives_of(vocabulary, config)

    def compute(text: EssayText) -> tuple[Candidate, ...]:
        return candidates(text.html, text.metadata.get("title", ""),
                          text.metadata.get("summary", ""), vocabulary,
                          vocabulary.matchers, config["TOPICS_QUOTE_LENGTH"], relatives)

    found = {essay: found_by(text, lambda text=text: compute(text)) if found_by
             else compute(text) for essay, text in essays.items()}
    salience = salience_of(config, ([c.key for c in found[essay]]
                                    for essay in found if counted(essay)), relatives)
    remembered = _REMEMBERED if found_by else None
    tagged = {essay: tag_essay(found[essay], text.metadata, text.source, vocabulary, salience,
                               remembered) for essay, text in essays.items()}
    if remembered:
        remembered.turn()
    return tagged


def candidates(html: str, title: str, summary: str, vocabulary: Vocabulary,
               matchers: Sequence[Matcher], quote_length: int,
               relatives: Collection[str] = frozenset()) -> tuple[Candidate, ...]:
    """The topics the essay's text mentions, each with its evidence, in order of appearance;
    ``relatives``: the keys of the roles that are someone's relatives (relatives_of).

    A function of the essay and the vocabulary alone: site-wide statistics come after.
    """
    found, paragraphs = mentions(html, vocabulary, matchers, quote_length, relatives)
    in_title, in_summary = ({m.key for m in mentions(text, vocabulary, matchers, quote_length,
                                                     relatives)[0]}
                            for text in (title, summary))
    by_key: dict[str, list[Mention]] = {}
    for mention in found:
        by_key.setdefault(mention.key, []).append(mention)
    for key in sorted((in_title | in_summary) - by_key.keys()):
        if vocabulary[key].kind == "roles" and key not in relatives:  # a person named there alone
            by_key[key] = []
    return tuple(Candidate(key, tuple(own), Evidence(
        mentions=len(own),
        served=sum(m.served for m in own),
        discussed=sum(m.discussed for m in own),
        title=key in in_title,
        summary=key in in_summary,
        heading=any(m.place == HEADING for m in own),
        lead=any(m.place == LEAD for m in own),
        share=len({m.paragraph for m in own if m.place != HEADING}) / paragraphs))
        for key, own in by_key.items())


def tag_essay(found: Sequence[Candidate], metadata: Mapping, source: Path,
              vocabulary: Vocabulary, salience: Salience,
              remembered: _Remembered | None = None) -> Tagging:
    """The salient candidates plus declared topics, less suppressed ones, in order of
    appearance; the other candidates are only mentioned.  With ``remembered``, the tagging
    it made of the same objects and choices, if any."""
    declared, suppressed = declared_topics(metadata, source, vocabulary)
    declared_keys = {topic.key for topic in declared}
    kept, passing = [], []
    for candidate in found:
        if candidate.key in suppressed:
            continue
        if candidate.key in declared_keys or salience.keeps(candidate.key, candidate.evidence):
            kept.append(candidate)
        elif salience.commonness.get(candidate.key, 1.0) == 1.0:
            passing.append(vocabulary[candidate.key])

    def tagging() -> Tagging:
        links: list[Mention] = []
        tags = [_tag(vocabulary[c.key], c.mentions, c.key in declared_keys, links) for c in kept]
        tags += [Tag(topic, (), True, None) for topic in declared
                 if topic.key not in {c.key for c in kept}]
        return Tagging(tuple(tags), tuple(passing))

    if remembered is None:
        return tagging()
    return remembered.get((found, vocabulary), (
        tuple(c.key for c in kept), tuple(topic.key for topic in declared),
        tuple(topic.key for topic in passing)), tagging)


class _Remembered:
    """The taggings of the last ``tag_site`` with a cache, by what made them: in a warm
    process (the edit loop), an unchanged essay gets the very objects it had, whose
    fingerprints incremental.py keeps from one build to the next instead of working them
    out again."""

    def __init__(self) -> None:
        self.last: dict[tuple, tuple[tuple, Tagging]] = {}
        self.now: dict[tuple, tuple[tuple, Tagging]] = {}

    def get(self, made_of: tuple, choices: tuple, make: Callable[[], Tagging]) -> Tagging:
        """The tagging of the objects ``made_of`` (by identity) and the ``choices`` made."""
        key = (*map(id, made_of), choices)
        found = self.now.get(key) or self.last.get(key)
        if found is None:
            found = (made_of, make())  # the objects kept alive, so that no id is reused
        self.now[key] = found
        return found[1]

    def turn(self) -> None:
        """Forget what the last ``tag_site`` made and this one did not."""
        self.last, self.now = self.now, {}


_REMEMBERED = _Remembered()


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


def mentions(html: str, vocabulary: Vocabulary, matchers: Iterable[Matcher],
             quote_length: int, relatives: Collection[str] = frozenset()
             ) -> tuple[list[Mention], int]:
    """Every alias found in the readable text of ``html`` that counts, in order, and the
    number of paragraphs of the text (blocks that are not headings).

    Each matcher resolves its own overlaps, so a role named inside an example
    ("patient with the hurried barista") counts for both.  Negated, contrasted and
    addressing mentions are left out (salience.standing), and so are relatives named as
    owners ("my mother's passport"); a relative is served only as the one who serves,
    and sets the scene rather than leads in the first paragraph.
    """
    found, paragraphs = [], 0
    for block in blocks(html):
        title_like = block.heading or block.element in TERMS
        paragraphs += not title_like
        tokens = words(block.searchable)
        matches = sorted((m for matcher in matchers for m in matcher.find_in(tokens)),
                         key=lambda m: (m.start, -m.end))
        if not matches:
            continue
        spans = sentence_spans(block.text)
        starts = [token.start for token in tokens]
        spans_of = {m: (bisect.bisect_left(starts, m.start), bisect.bisect_left(starts, m.end))
                    for m in matches}
        mentioned = {i for first, last in spans_of.values() for i in range(first, last)}
        act_starts = [m.start for m in matches if vocabulary[m.key].kind == "examples"]
        acts = {sentence_at(spans, start) for start in act_starts}
        sentence_of = {m: sentence_at(spans, m.start) for m in matches}
        roles_in: dict[tuple[int, int], list[int]] = {}
        for match in matches:
            if vocabulary[match.key].kind == "roles":
                roles_in.setdefault(sentence_of[match], []).append(match.start)
        listed = {start for sentence, starts in roles_in.items()
                  for start in roll_call(block.text, sentence, starts, act_starts)}
        place = HEADING if title_like else LEAD if paragraphs == 1 else BODY
        quotes: dict[tuple[int, int], str] = {}  # a short sentence is quoted whole, once
        for match in matches:
            sentence = sentence_of[match]
            relative = match.key in relatives
            held = standing(block.text, sentence, match.start, match.end, relative)
            if held in DISCOUNTED or relative and possessive(block.text[match.start:match.end]):
                continue
            first = sentence == spans[0]
            act = sentence in acts  # an example of service is, or is beside, the mention
            words_of_sentence = (bisect.bisect_left(starts, sentence[0]),
                                 bisect.bisect_left(starts, sentence[1])) \
                if first or not act else (0, 0)
            served = (act or near_service(tokens, spans_of[match], words_of_sentence, mentioned)
                      ) and not (relative and not serves(block.text, sentence, match.start,
                                                          match.end, act_starts))
            opening = first and opens_fragment(tokens, spans_of[match], words_of_sentence)
            start, end = block.html_span(match.start, match.end)
            if sentence not in quotes or sentence[1] - sentence[0] > quote_length:
                quotes[sentence] = quote(block.text, *sentence, match.start, quote_length)
            found.append(Mention(
                match.key, start, end, quotes[sentence],
                block.starts[sentence[0]],
                not block.heading and plain_text_run(html, start, end),
                served and held != ASIDE and match.start not in listed,
                held == DISCUSSED and match.start not in listed,
                HEADING if opening else BODY if relative and place == LEAD else place,
                paragraphs))
    return found, max(paragraphs, 1)


def _tag(topic: Topic, found: list[Mention], declared: bool, links: list[Mention]) -> Tag:
    """The tag for ``found`` mentions, choosing the passage that topic pages link to.

    The passage is the first mention that can become a link without touching
    one already made (recorded in ``links``), else the first mention; a topic that only
    the title or the summary names has none.
    """
    if not found:
        return Tag(topic, (), declared, None)
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
