"""The essays and pages Pelican will read, each with its text, metadata block and slug."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from pelican.readers import MarkdownReader
from pelican.utils import slugify

from .frontmatter import Field, FrontMatter, read_front_matter
from .problems import Problem, error

KINDS = {"essay": ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"), "page": ("PAGE_PATHS", "PAGE_EXCLUDES")}


@dataclass(frozen=True)
class Document:
    """One readable, non-empty Markdown file."""

    path: Path
    kind: str  # "essay" or "page"
    text: str
    front: FrontMatter
    slug: str | None  # as Pelican makes it: Slug, else the title slugified; None without either

    def field(self, name: str) -> Field | None:
        return self.front.get(name)

    @property
    def status(self) -> str:
        status = self.field("Status")
        return status.value if status else "published"

    @property
    def draft(self) -> bool:
        return self.status == "draft"


def slug_for(title: str, settings: Mapping) -> str:
    """The slug Pelican makes of ``title``."""
    return slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
                   preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
                   use_unicode=settings["SLUGIFY_USE_UNICODE"])


def read_documents(settings: Mapping) -> tuple[list[Document], list[Problem]]:
    """Every essay and page that can be read, and an error for each file that cannot."""
    documents, problems = [], []
    for kind, path in _sources(settings):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as bad:
            problems.append(error(path, raw[:bad.start].count(b"\n") + 1,
                                  "is not UTF-8: save it as UTF-8"))
            continue
        if not text.strip():
            problems.append(error(path, 1, "is empty: start it with its metadata "
                                           "(docs/authoring.md shows how)"))
            continue
        front = read_front_matter(text)
        slug, title = front.get("Slug"), front.get("Title")
        documents.append(Document(path, kind, text, front, slug.value if slug else
                                  slug_for(title.value, settings) if title else None))
    return documents, problems


def _sources(settings: Mapping) -> list[tuple[str, Path]]:
    """``(kind, path)`` of every Markdown file Pelican reads, as its generators find them."""
    content = Path(settings["PATH"])
    ignores = settings["IGNORE_FILES"]
    extensions = {f".{ext}" for ext in MarkdownReader.file_extensions}
    found = []
    for kind, (paths_setting, excludes_setting) in KINDS.items():
        excluded = {content / path for path in settings[excludes_setting]}
        for folder in (content / path for path in settings[paths_setting]):
            for dirpath, dirs, files in os.walk(folder, followlinks=True):
                dirs[:] = sorted(d for d in dirs if Path(dirpath, d) not in excluded
                                 and not any(fnmatch.fnmatch(d, i) for i in ignores))
                found += [(kind, Path(dirpath, name)) for name in sorted(files)
                          if Path(name).suffix in extensions
                          and not any(fnmatch.fnmatch(name, i) for i in ignores)]
    return found
