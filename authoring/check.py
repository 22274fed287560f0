"""Check every essay, page and the vocabulary, writing nothing: what ``invoke check`` and
every build run before Pelican starts."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Mapping

from pelican.readers import Readers

from service_topics.errors import display_path
from service_topics.settings import topics_settings
from service_topics.vocabulary import KINDS

from .body import Site, check_text
from .documents import Document, read_documents
from .metadata import check_metadata, check_slugs
from .problems import ERROR, Report
from .proposals import essay_proposals, proposals_warning
from .topics import Essay, check_declared, check_vocabulary, tag_essays, topic_pages, \
    topic_warnings


def check_site(settings: Mapping, *, warnings: bool = True, unused: bool = False) -> Report:
    """Every problem in the content that ``settings`` (Pelican's, read) build.

    Without ``warnings`` the errors alone are looked for, the same ones: essays are
    then rendered and tagged only if a link to a topic's page needs it. ``unused``
    lists the topics no essay mentions one by one instead of counting them.
    """
    documents, problems = read_documents(settings)
    for document in documents:
        problems += check_metadata(document, settings)
    folders = frozenset({*KINDS, *_direct_folders(settings)})
    problems += check_slugs(documents, folders)
    config = topics_settings(settings)
    vocabulary_path = Path(settings["PATH"]) / config["TOPICS_VOCABULARY"]
    vocabulary, found = check_vocabulary(vocabulary_path)
    problems += found
    essays = [document for document in documents if document.kind == "essay"]
    for document in essays if vocabulary else ():
        problems += check_declared(document, vocabulary)
    broken = {problem.path for problem in problems if problem.severity == ERROR}

    @cache
    def tagged():
        readers = Readers(settings)
        return tag_essays([read_essay(readers, document, settings["PATH"])
                           for document in essays if document.path not in broken],
                          vocabulary, config)

    site = Site(Path(settings["PATH"]), _slugs(documents, "essay", draft=False),
                _slugs(documents, "essay", draft=True), _slugs(documents, "page", draft=False),
                folders, vocabulary, lambda: topic_pages(vocabulary, tagged()))
    problems += check_text(documents, site)
    if warnings and vocabulary:
        problems += topic_warnings(vocabulary, vocabulary_path, tagged(), unused=unused)
        problems += proposals_warning(vocabulary_path, {
            essay.document.path: essay_proposals(essay, vocabulary) for essay in tagged()})
    return Report(tuple(problems), _checked(documents, vocabulary_path))


def _direct_folders(settings: Mapping) -> set[str]:
    """The first folder of each page Pelican makes from a template: archives/, search/…"""
    urls = (settings.get(f"{name.upper()}_URL", "") for name in settings["DIRECT_TEMPLATES"])
    return {url.strip("/").split("/")[0] for url in urls} - {""}


def read_essay(readers: Readers, document: Document, content: str) -> Essay:
    """The essay as Pelican reads it: Markdown and typogrify applied."""
    read = readers.read_file(content, str(document.path.relative_to(content)))
    return Essay(document, read._content, read.metadata)


def _slugs(documents: list[Document], kind: str, *, draft: bool) -> frozenset[str]:
    return frozenset(d.slug for d in documents if d.kind == kind and d.draft == draft and d.slug)


def _checked(documents: list[Document], vocabulary: Path) -> str:
    counted = (sum(d.kind == kind for d in documents) for kind in ("essay", "page"))
    essays, pages = (f"{n} {kind}{'' if n == 1 else 's'}"
                     for n, kind in zip(counted, ("essay", "page")))
    return f"{essays}, {pages} and {display_path(vocabulary)}"
