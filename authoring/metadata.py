"""Checks of each file's metadata block, and of slugs across files."""

from __future__ import annotations

import difflib
import functools
import re
from itertools import groupby
from typing import Iterable, Mapping

from pelican.utils import get_date

from service_topics.errors import display_path

from .documents import Document, slug_for
from .problems import Problem, error, warning

# Every field an essay or page may have, as docs/authoring.md lists them.
FIELDS = ("Title", "Date", "Modified", "Slug", "Summary", "Status", "Author", "Source",
          "Source_title", "Source_url", "Roles", "Examples", "Not-Topics", "Former_slugs")
STATUSES = ("published", "draft", "hidden", "skip")  # what Pelican accepts
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER = "TODO"  # a Summary starting with it is unfinished


def check_metadata(document: Document, settings: Mapping) -> list[Problem]:
    """The mistakes in one file's metadata block."""
    path, problems = document.path, []
    title = document.field("Title")
    if not title or not title.value:
        problems.append(error(path, title.line if title else 1,
                              'no Title: add a "Title: …" line to the metadata at the top'))
    if document.kind == "essay" and not document.field("Date"):
        problems.append(error(path, 1, 'no Date: add a "Date: YYYY-MM-DD HH:MM" line to the '
                                       "metadata at the top"))
    for name in ("Date", "Modified"):
        field = document.field(name)
        if field and not _is_date(field.value):
            problems.append(error(path, field.line, f"{name}: {field.value!r} is not a date: "
                                                    "write it as YYYY-MM-DD HH:MM"))
    status = document.field("Status")
    if status and status.value not in STATUSES:
        problems.append(error(path, status.line, f"Status: unknown status {status.value!r}: "
                                                 'write "Status: draft", or delete the line '
                                                 "to publish"))
    problems += _slug_problems(document, settings)
    problems += _summary_problems(document)
    for field in document.front.fields:
        if field.name.lower() not in {name.lower() for name in FIELDS}:
            near = difflib.get_close_matches(field.name.capitalize(), FIELDS, n=1, cutoff=0.7)
            hint = f"did you mean {near[0]!r}?" if near else \
                "the site ignores it (docs/authoring.md lists the fields)"
            problems.append(warning(path, field.line, f"unknown field {field.name!r}: {hint}"))
    return problems


@functools.lru_cache(maxsize=1 << 14)  # a warm edit loop checks the same dates every build
def _is_date(value: str) -> bool:
    """Whether Pelican reads ``value`` as a date, as it does its Date field."""
    try:
        get_date(value.replace("_", " "))
    except (ValueError, OverflowError):
        return False
    return True


def _slug_problems(document: Document, settings: Mapping) -> list[Problem]:
    slug = document.field("Slug")
    if slug and not SLUG.match(slug.value):
        better = slug_for(slug.value, settings) or "a-slug"
        return [error(document.path, slug.line,
                      f"Slug: {slug.value!r} is not a slug: use lowercase words joined by "
                      f"hyphens, like {better!r}")]
    if not slug and document.slug:
        return [warning(document.path, 1, f"no Slug: the URL comes from the title and changes "
                                          f'with it; add "Slug: {document.slug}"')]
    return []


def _summary_problems(document: Document) -> list[Problem]:
    summary = document.field("Summary")
    if not summary or not summary.value:
        return [warning(document.path, summary.line if summary else 1,
                        "no Summary: add one sentence for the home page and the feeds")]
    if summary.value.startswith(PLACEHOLDER):
        unfinished = warning if document.draft else error
        return [unfinished(document.path, summary.line,
                           "Summary: still a placeholder: write one sentence for the home page "
                           "and the feeds")]
    return []


def check_slugs(documents: Iterable[Document], site_folders: Iterable[str]) -> list[Problem]:
    """Two essays (or two pages) with one slug, and pages that take one of the site's URLs."""
    problems = []
    located = sorted((d for d in documents if d.slug), key=lambda d: (d.kind, d.slug, str(d.path)))
    for (kind, slug), same in groupby(located, key=lambda d: (d.kind, d.slug)):
        first, *others = same
        problems += [error(other.path, _slug_line(other),
                           f"slug {slug!r} is also the slug of {display_path(first.path)}: "
                           f"give each {kind} its own Slug:") for other in others]
    problems += [error(page.path, _slug_line(page),
                       f"slug {page.slug!r} is the site's own /{page.slug}/: choose another Slug:")
                 for page in located if page.kind == "page" and page.slug in site_folders]
    return problems


def _slug_line(document: Document) -> int:
    field = document.field("Slug") or document.field("Title")
    return field.line if field else 1
