"""URLs of the last site that this one would lose: each a problem naming its fix.

The last site is the one in the output folder that a build replaces: its essays
(``/essays/<slug>/``), pages (``/<slug>/``) and topics (``/roles/<key>/``,
``/examples/<key>/``), redirects from former slugs and keys included, are compared with
the new site's, since a former slug or key can keep each of them.  The later pages of
lists come and go with the number of essays, and are not compared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from former_urls import former_slugs
from service_topics.vocabulary import KINDS, Topic

from .documents import Document
from .problems import WARNING, Problem
from .renames import FIELD


def previous_urls(output: Path) -> dict[str, Path]:
    """The URL (relative: ``essays/slug/``) of each essay, page and topic in ``output``,
    and its file."""
    files = sorted((*output.glob("*/index.html"), *output.glob("*/*/index.html")))
    urls = {f"{file.parent.relative_to(output).as_posix()}/": file for file in files}
    return {url: file for url, file in urls.items() if fix_for(url)}


def fix_for(url: str) -> str | None:
    """What keeps ``url`` (relative: ``essays/old/``) when its essay, page or topic is
    renamed; None for the other URLs of a site."""
    parts = url.split("/")
    if len(parts) == 3 and not parts[2] and parts[1]:
        if parts[0] == "essays":
            return f'add "Former_slugs: {parts[1]}" to the essay that replaces it'
        if parts[0] in KINDS:
            return (f'add former = ["{parts[1]}"] to the {KINDS[parts[0]]} that replaces it '
                    "in topics.toml")
    if len(parts) == 2 and not parts[1] and parts[0]:
        return f'add "Former_slugs: {parts[0]}" to the page that replaces it'
    return None


def lost_urls(output: Path, exists: Callable[[str], bool],
              severity: str = WARNING) -> list[Problem]:
    """A problem for each essay, page or topic URL of the site in ``output`` for which
    ``exists`` (given the relative URL) is false."""
    return [Problem(severity, file, None,
                    f"/{url} was in the last site and would now be a 404: {fix_for(url)}")
            for url, file in previous_urls(output).items() if not exists(url)]


def future_urls(documents: Iterable[Document], folders: Iterable[str],
                topics: Iterable[Topic]) -> frozenset[str]:
    """The essay, page and topic URLs (former ones included) that the content would give,
    and the site's own folders; ``topics`` are those that get a page."""
    urls = {f"{folder}/" for folder in folders}
    for document in documents:
        if document.slug and not document.draft:
            field = document.field(FIELD)
            prefix = "essays/" if document.kind == "essay" else ""
            urls |= {f"{prefix}{slug}/" for slug in
                     (document.slug, *(former_slugs(field.value) if field else ()))}
    for topic in topics:
        urls |= {topic.url, *topic.former_urls}
    return frozenset(urls)
