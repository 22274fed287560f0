"""Checks of the links an essay or page makes: links that lead nowhere.

The links are read from the HTML Pelican renders, so code (fenced blocks and
`spans`) is left alone: what is written there is shown, never followed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from safe_html.allowlist import URL_ATTRIBUTES
from service_topics.errors import display_path
from service_topics.vocabulary import KINDS, Vocabulary

from .documents import Document
from .located import lines_of
from .problems import Problem, error

PLACEHOLDER = re.compile(r"\{(?:filename|static|attach)\}(.*)")


@dataclass(frozen=True)
class Site:
    """What a link may point to: the URLs the site will have."""

    content: Path
    essays: frozenset[str]  # slugs of essays with a page (drafts have none once published)
    drafts: frozenset[str]
    pages: frozenset[str]
    folders: frozenset[str]  # the site's own top-level folders: roles, examples, archives…
    vocabulary: Vocabulary | None  # None when topics.toml is broken: topic links go unchecked
    topic_pages: Callable[[], frozenset[str]]  # keys of the topics that get a page (costly)
    moved: Mapping[str, str]  # former URLs (essays/old/) of essays, pages, topics: their URL now


def check_links(document: Document, html: str, site: Site) -> list[Problem]:
    """The links of ``document`` (its HTML as Pelican renders it) that lead nowhere."""
    return check_targets(document, link_targets(document, html), site)


def link_targets(document: Document, html: str) -> list[tuple[str, int]]:
    """Every URL in ``html`` (the document's, as Pelican renders it), with its line in the
    source: a function of the document alone."""
    targets = [element[name] for element in BeautifulSoup(html, "html.parser").find_all(True)
               for name in sorted(URL_ATTRIBUTES) if element.has_attr(name)]
    return list(zip(targets, lines_of(document, targets)))


def check_targets(document: Document, targets: Iterable[tuple[str, int]],
                  site: Site) -> list[Problem]:
    """The ``link_targets`` of ``document`` that lead nowhere on ``site``."""
    problems = []
    for target, line in targets:
        message = _broken(target, document, site)
        if message:
            problems.append(error(document.path, line, f"link to {target}: {message}"))
    return problems


def _broken(target: str, document: Document, site: Site) -> str | None:
    """Why ``target`` leads nowhere, or None when it leads somewhere (or off the site)."""
    placeholder = PLACEHOLDER.fullmatch(target)
    if placeholder:
        path = unquote(urlsplit(placeholder[1]).path)
        file = site.content / path.lstrip("/") if path.startswith("/") \
            else document.path.parent / path
        return None if file.is_file() else f"there is no file {display_path(file)}"
    url = urlsplit(target)
    if url.scheme or url.netloc or not url.path.startswith("/"):
        return None
    parts = [unquote(part) for part in url.path.split("/") if part]
    for depth in (2, 1):  # essays/old/ and roles/old/, then a page's old/
        moved = site.moved.get("".join(f"{part}/" for part in parts[:depth]))
        if moved and len(parts) >= depth:
            return f"it has moved to /{moved}: link there"
    if len(parts) >= 2 and parts[0] == "essays":
        return _essay(parts[1], site)
    if len(parts) >= 2 and parts[0] in KINDS:
        return _topic(parts[0], parts[1], site)
    if len(parts) == 1 and "." not in parts[0] and parts[0] not in site.folders:
        return None if parts[0] in site.pages else \
            f"no page has the slug {parts[0]!r}{_closest(parts[0], site.pages, '/{}/')}"
    return None


def _essay(slug: str, site: Site) -> str | None:
    if slug in site.essays:
        return None
    if slug in site.drafts:
        return "that essay is a draft, and drafts are not published"
    return f"no essay has the slug {slug!r}{_closest(slug, site.essays, '/essays/{}/')}"


def _topic(kind: str, key: str, site: Site) -> str | None:
    if site.vocabulary is None:
        return None
    topic = site.vocabulary.topics.get(key)
    if topic is None:
        keys = [t.key for t in site.vocabulary if t.kind == kind]
        return f"no {KINDS[kind]} has the key {key!r}{_closest(key, keys, f'/{kind}/{{}}/')}"
    if topic.kind != kind:
        return f"{topic.name!r} is {'an' if topic.kind == 'examples' else 'a'} " \
               f"{topic.singular}: link to /{topic.url}"
    if key not in site.topic_pages():
        return f"no published essay mentions {topic.name!r} yet, so it has no page"
    return None


def _closest(word: str, candidates: Iterable[str], url: str) -> str:
    near = difflib.get_close_matches(word, list(candidates), n=1)
    return f": did you mean {url.format(near[0])!r}?" if near else ""
