"""Checks of ``Former_slugs:``: each is a slug, and each former URL is free for its redirect."""

from __future__ import annotations

from typing import Iterable

from former_urls import former_slugs
from service_topics.errors import display_path
from service_topics.vocabulary import Topic

from .documents import Document, slug_for
from .metadata import SLUG
from .problems import Problem, error

FIELD = "Former_slugs"


def moves(documents: Iterable[Document], topics: Iterable[Topic]) -> dict[str, str]:
    """Each former URL (``essays/old/``) of a published essay or page, or of a topic, and
    its URL now."""
    moved = {url: topic.url for topic in topics for url in topic.former_urls}
    for document in documents:
        field = document.field(FIELD)
        if field and document.slug and not document.draft:
            prefix = "essays/" if document.kind == "essay" else ""
            moved |= {f"{prefix}{slug}/": f"{prefix}{document.slug}/"
                      for slug in former_slugs(field.value)}
    return moved


def check_former_slugs(documents: Iterable[Document], site_folders: Iterable[str],
                       settings) -> list[Problem]:
    """A former slug that is no slug, the document's own, listed twice, the slug of another
    essay (or page), or another's former slug; a page's that is one of the site's folders."""
    documents = list(documents)
    live = {(d.kind, d.slug): d for d in documents if d.slug}
    claimed: dict[tuple[str, str], Document] = {}
    problems = []
    for document in documents:
        field = document.field(FIELD)
        slugs = former_slugs(field.value) if field else []
        for index, slug in enumerate(slugs):
            owner = live.get((document.kind, slug))
            other = claimed.setdefault((document.kind, slug), document)
            if not SLUG.match(slug):
                better = slug_for(slug, settings) or "a-slug"
                problem = f"{slug!r} is not a slug: write it as it was, like {better!r}"
            elif slug == document.slug:
                problem = f"{slug!r} is this {document.kind}'s own Slug: remove it"
            elif slug in slugs[:index]:
                problem = f"{slug!r} is listed twice: remove one"
            elif owner:
                problem = (f"{slug!r} is the slug of {display_path(owner.path)}, which is "
                           "there now: remove it here")
            elif document.kind == "page" and slug in site_folders:
                problem = f"{slug!r} is the site's own /{slug}/: remove it"
            elif other is not document:
                problem = (f"{slug!r} is also a former slug of {display_path(other.path)}: "
                           f"keep it in one {document.kind} only")
            else:
                continue
            problems.append(error(document.path, field.line, f"{FIELD}: {problem}"))
    return problems
