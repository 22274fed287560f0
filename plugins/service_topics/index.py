"""Gather tagged essays into topics: who mentions each, what stands beside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping, Sequence

from .ranking import co_occurring
from .tagging import Tag
from .vocabulary import KINDS, Topic, Vocabulary


@dataclass(frozen=True)
class Entry:
    """One essay on a topic's page, and the tag that put it there."""

    essay: Any  # a Pelican Article
    tag: Tag
    via: Topic | None = None  # the narrower topic the essay mentions, if not this one

    @property
    def quote(self) -> str | None:
        return self.tag.evidence[0] if self.tag.evidence else None

    def __fingerprint__(self, depth: int) -> list:
        """What a topic page shows of an entry (incremental.py): the essay's metadata (its
        title, date, summary…), the entry's URL, and the tag; not the essay's text nor
        anything else of the essay, however deep the entry is met."""
        return [self.essay.metadata, self.url, self.tag, self.via]

    @cached_property  # Pelican works an essay's URL out afresh on every access
    def url(self) -> str:
        """The essay's URL, at the quoted passage where there is one."""
        return f"{self.essay.url}#{self.tag.anchor}" if self.tag.anchor else self.essay.url


@dataclass
class TopicPage:
    """A topic with essays: what its page and feed show."""

    topic: Topic
    entries: list[Entry] = field(default_factory=list)  # newest first
    broader: TopicPage | None = None
    narrower: list[TopicPage] = field(default_factory=list)
    related: list[TopicPage] = field(default_factory=list)
    beside: dict[str, list[tuple[TopicPage, int]]] = field(default_factory=dict)  # by kind

    @property
    def essays(self) -> list:
        return [entry.essay for entry in self.entries]

    def __fingerprint__(self, depth: int) -> list:
        """What a page may show of this topic page (incremental.py): its topic, count and
        neighbouring topics, and (as the page's own subject) its entries."""
        outline = [self.topic, self.count, self.broader.topic if self.broader else None,
                   [page.topic for page in self.narrower], [page.topic for page in self.related],
                   {kind: [shown for page, n in pages for shown in (page.topic, n)]
                    for kind, pages in self.beside.items()}]  # flat: one list, not a pair each
        return outline + [self.entries] if depth >= 2 else outline

    @property
    def count(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class TopicIndex:
    """Every topic that has essays, by key; topics without essays are left out."""

    pages: Mapping[str, TopicPage]

    def __getitem__(self, key: str) -> TopicPage:
        return self.pages[key]

    def __fingerprint__(self, depth: int) -> list:
        """What a page may show of the index (incremental.py): every topic page's outline."""
        return [self.pages[key] for key in sorted(self.pages)]

    def of_kind(self, kind: str) -> list[TopicPage]:
        """The pages of one kind, A–Z."""
        return sorted((p for p in self.pages.values() if p.topic.kind == kind),
                      key=lambda p: p.topic.name.casefold())

    def top_level(self, kind: str) -> list[TopicPage]:
        """The pages of one kind that no broader page groups, A–Z."""
        return [page for page in self.of_kind(kind) if page.broader is None]

    def most_mentioned(self, kind: str, limit: int) -> list[TopicPage]:
        return sorted(self.of_kind(kind), key=lambda p: -p.count)[:limit]

    @property
    def roles(self) -> list[TopicPage]:
        return self.of_kind("roles")

    @property
    def examples(self) -> list[TopicPage]:
        return self.of_kind("examples")


def build_index(vocabulary: Vocabulary, tags_of: Mapping[Any, Sequence[Tag]],
                beside_limit: int) -> TopicIndex:
    """Topic pages for ``tags_of`` (essays newest first, each with its tags)."""
    entries: dict[str, list[Entry]] = {}
    for essay, tags in tags_of.items():
        direct = {tag.topic.key for tag in tags}
        counted = set(direct)
        for tag in tags:
            entries.setdefault(tag.topic.key, []).append(Entry(essay, tag))
        for tag in tags:
            for broader in vocabulary.broader_chain(tag.topic.key):
                if broader.key not in counted:
                    counted.add(broader.key)
                    entries.setdefault(broader.key, []).append(Entry(essay, tag, tag.topic))

    pages = {key: TopicPage(vocabulary[key], found) for key, found in entries.items()}
    beside = co_occurring({essay: [t.topic.key for t in tags] for essay, tags in tags_of.items()})
    for page in pages.values():
        topic = page.topic
        page.broader = pages.get(topic.broader) if topic.broader else None
        if page.broader:
            page.broader.narrower.append(page)
        page.related = [pages[key] for key in topic.related if key in pages]
        ranked = sorted(beside.get(topic.key, {}).items(),
                        key=lambda item: (-item[1], vocabulary[item[0]].name.casefold()))
        page.beside = {kind: [(pages[key], n) for key, n in ranked
                              if vocabulary[key].kind == kind][:beside_limit]
                       for kind in KINDS}
    for page in pages.values():
        page.narrower.sort(key=lambda p: p.topic.name.casefold())
    return TopicIndex(pages)
