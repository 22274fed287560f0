"""URLs of the last sites that this one would lose: each a problem naming its fix.

The last sites are the one in the output folder that a build replaces and the one last
published, whose URLs ``invoke publish`` records in a file (``write_record``).  Their
essays (``/essays/<slug>/``), pages (``/<slug>/``) and topics (``/roles/<key>/``,
``/examples/<key>/``), redirects from former slugs and keys included, are compared with
the new site's, since a former slug or key can keep each of them.  The later pages of
lists come and go with the number of essays, and are not compared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Mapping

from service_topics.vocabulary import KINDS, Topic

from .documents import Document
from .problems import WARNING, Problem

RECORD_HEADER = """\
# The essay, page and topic URLs of the site as last published, written by `invoke publish`:
# commit this file. Builds and `invoke check` warn about each one that would become a 404.
"""


def site_urls(output: Path) -> dict[str, Path]:
    """The URL (relative: ``essays/slug/``) of each essay, page and topic in ``output``,
    and its file."""
    files = sorted((*output.glob("*/index.html"), *output.glob("*/*/index.html")))
    urls = {f"{file.parent.relative_to(output).as_posix()}/": file for file in files}
    return {url: file for url, file in urls.items() if fix_for(url)}


def recorded_urls(record: Path) -> dict[str, int]:
    """The URLs listed in ``record``, each with its line."""
    if not record.is_file():
        return {}
    lines = enumerate(record.read_text(encoding="utf-8").splitlines(), 1)
    return {line.strip().lstrip("/"): number for number, line in lines
            if line.strip() and not line.startswith("#")}


def write_record(record: Path, output: Path) -> None:
    """Record the essay, page and topic URLs of the site in ``output`` as published."""
    record.write_text(RECORD_HEADER + "".join(f"/{url}\n" for url in sorted(site_urls(output))),
                      encoding="utf-8")


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


def lost_urls(output: Path | None, record: Path | None, exists: Callable[[str], bool],
              severity: str = WARNING) -> list[Problem]:
    """A problem for each essay, page or topic URL of the site in ``output``, or listed in
    ``record``, for which ``exists`` (given the relative URL) is false; each names the
    record's line, else the old page."""
    last = {url: (file, None) for url, file in site_urls(output).items()} if output else {}
    if record:
        last |= {url: (record, line) for url, line in recorded_urls(record).items()
                 if fix_for(url)}
    return [Problem(severity, path, line,
                    f"/{url} was in the last site and would now be a 404: {fix_for(url)}")
            for url, (path, line) in sorted(last.items()) if not exists(url)]


def future_urls(documents: Iterable[Document], folders: Iterable[str],
                topics: Iterable[Topic], moved: Mapping[str, str]) -> frozenset[str]:
    """The essay, page and topic URLs that the content would give, the site's own folders,
    and the ``moved`` URLs that lead to one of them; ``topics`` are those with a page."""
    urls = {f"{folder}/" for folder in folders} | {topic.url for topic in topics}
    urls |= {f"{'essays/' if document.kind == 'essay' else ''}{document.slug}/"
             for document in documents if document.slug and not document.draft}
    return frozenset(urls | {old for old, new in moved.items() if new in urls})
