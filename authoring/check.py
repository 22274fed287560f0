"""Check every essay, page and the vocabulary, writing nothing: what ``invoke check`` and
every build run before Pelican starts."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Mapping

from pelican.contents import Content
from pelican.readers import Readers

from safe_html.sanitizer import sanitize
from service_topics.errors import display_path
from service_topics.generator import MAP_URL
from service_topics.settings import topics_settings
from service_topics.vocabulary import KINDS, Topic

from .body import Site, check_targets, link_targets
from .checkcache import CheckCache, Checked
from .documents import Document, read_documents
from .lost_urls import future_urls, lost_urls
from .markup import check_characters, check_markup
from .metadata import check_metadata, check_slugs
from .problems import ERROR, Problem, Report
from .proposals import essay_proposals, proposals_warning
from .renames import check_former_slugs, moves
from .topics import Essay, check_declared, check_vocabulary, tag_essays, topic_pages, \
    topic_warnings


def check_site(settings: Mapping, *, warnings: bool = True, unused: bool = False,
               cache: CheckCache | None = None) -> Report:
    """Every problem in the content that ``settings`` (Pelican's, read) build.

    Without ``warnings`` the errors alone are looked for, the same ones: essays are
    then tagged only if a link to a topic's page needs it. ``unused`` lists the topics
    no essay mentions one by one instead of counting them.  With a ``cache``, a file
    read before in the same text is not rendered again (checkcache.py): what it told
    the checks is taken from the cache and its links checked against the site as it is.
    """
    documents, problems = read_documents(settings)
    for document in documents:
        problems += check_metadata(document, settings) + check_characters(document)
    folders = frozenset({*KINDS, MAP_URL.strip("/"), *_direct_folders(settings)})
    problems += check_slugs(documents, folders)
    problems += check_former_slugs(documents, folders, settings)
    config = topics_settings(settings)
    vocabulary_path = Path(settings["PATH"]) / config["TOPICS_VOCABULARY"]
    vocabulary, found = check_vocabulary(vocabulary_path)
    problems += found
    essays = [document for document in documents if document.kind == "essay"]
    for document in essays if vocabulary else ():
        problems += check_declared(document, vocabulary)
    broken = {problem.path for problem in problems if problem.severity == ERROR}
    readable = [document for document in documents if document.path not in broken]
    reads: dict[Path, Unsanitized] = {}

    @functools.cache
    def readers() -> Readers:
        return Readers(settings)

    def read(document: Document) -> Unsanitized:
        """The document rendered as Pelican renders it, once."""
        if document.path not in reads:
            reads[document.path] = _read(readers(), document, settings["PATH"])
        return reads[document.path]

    def checked(document: Document) -> Checked:
        rendered = read(document)
        html = rendered._content or ""
        return Checked(tuple(check_markup(document, html, rendered.metadata, settings)),
                       tuple(link_targets(document, html)))

    @functools.cache
    def tagged():
        return tag_essays([_published(document, read(document)) for document in essays
                           if document.path not in broken], vocabulary, config)

    moved = moves(documents, vocabulary or ())
    site = Site(Path(settings["PATH"]), _slugs(documents, "essay", draft=False),
                _slugs(documents, "essay", draft=True), _slugs(documents, "page", draft=False),
                folders, vocabulary, lambda: topic_pages(vocabulary, tagged()), moved)
    for document in readable:
        markup, links = cache.get(document, checked) if cache else checked(document)
        problems += [*markup, *check_targets(document, links, site)]
    if cache:
        cache.save()
    if warnings and vocabulary:
        problems += topic_warnings(vocabulary, vocabulary_path, tagged(), unused=unused)
        problems += proposals_warning(vocabulary_path, {
            essay.document.path: essay_proposals(essay, vocabulary) for essay in tagged()})
        problems += _lost_urls(settings, documents, folders,
                               [vocabulary[key] for key in site.topic_pages()], moved)
    return Report(tuple(problems), _checked(documents, vocabulary_path))


def _lost_urls(settings: Mapping, documents: list[Document], folders: frozenset[str],
               topics: list[Topic], moved: Mapping[str, str]) -> list[Problem]:
    """The URLs of the last site built (setting LAST_SITE: its folder) and of the last one
    published (PUBLISHED_URLS: their record) that the content would lose; none unless set."""
    last_site, published = settings.get("LAST_SITE"), settings.get("PUBLISHED_URLS")
    return lost_urls(last_site and Path(last_site), published and Path(published),
                     future_urls(documents, folders, topics, moved).__contains__)


def _direct_folders(settings: Mapping) -> set[str]:
    """The first folder of each page Pelican makes from a template: archives/, search/…"""
    urls = (settings.get(f"{name.upper()}_URL", "") for name in settings["DIRECT_TEMPLATES"])
    return {url.strip("/").split("/")[0] for url in urls} - {""}


class Unsanitized(Content):
    """A file as Pelican's reader makes it, before the sanitizer (which cleans Articles and
    Pages only) has seen it."""

    default_template = "page"


def read_essay(readers: Readers, document: Document, content: str) -> Essay:
    """The essay as the site publishes it: Markdown, typogrify and the sanitizer applied."""
    return _published(document, _read(readers, document, content))


def _read(readers: Readers, document: Document, content: str) -> Unsanitized:
    """The document as Pelican reads it: Markdown and typogrify applied."""
    return readers.read_file(content, str(document.path.relative_to(content)),
                             content_class=Unsanitized)


def _published(document: Document, read: Unsanitized) -> Essay:
    return Essay(document, sanitize(read._content or ""), read.metadata)


def _slugs(documents: list[Document], kind: str, *, draft: bool) -> frozenset[str]:
    return frozenset(d.slug for d in documents if d.kind == kind and d.draft == draft and d.slug)


def _checked(documents: list[Document], vocabulary: Path) -> str:
    counted = (sum(d.kind == kind for d in documents) for kind in ("essay", "page"))
    essays, pages = (f"{n} {kind}{'' if n == 1 else 's'}"
                     for n, kind in zip(counted, ("essay", "page")))
    return f"{essays}, {pages} and {display_path(vocabulary)}"
