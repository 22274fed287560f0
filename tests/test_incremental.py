"""Fingerprints of what a template reads: the same inputs give the same fingerprint, and any
change a page could show gives another."""

from dataclasses import dataclass
from datetime import datetime

from jinja2 import DictLoader, Environment
from pelican.contents import Article
from pelican.paginator import PaginationRule, Paginator
from pelican.settings import DEFAULT_CONFIG

from incremental import Fingerprints, template_names

TEMPLATES = {
    "base.html": "{% if topics %}<nav>{% endif %}{% block content %}{% endblock %}",
    "article.html": '{% extends "base.html" %}{% block content %}{{ article.title }}'
                    "{% if article.newer %}{{ article.newer.title }}{% endif %}{% endblock %}",
    "index.html": '{% extends "base.html" %}{% block content %}'
                  "{% for page in topics.most_mentioned(8) %}{{ page }}{% endfor %}{% endblock %}",
    "list.html": "{% for article in articles_page.object_list %}{{ article.title }}"
                 "{{ article.newer.url }}{% endfor %}",
}


def essay(title, slug, **fields):
    metadata = {"title": title, "slug": slug, "date": datetime(2024, 5, 1), **fields}
    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "essays/{slug}/",
                "ARTICLE_SAVE_AS": "essays/{slug}/index.html"}
    return Article("<p>Text.</p>", metadata=metadata, settings=settings)


def test_a_template_reads_what_it_and_its_parents_name_and_tests_some_only():
    environment = Environment(loader=DictLoader(TEMPLATES))
    read, tested = template_names(environment.get_template("article.html"))
    assert read == {"topics", "article"} and tested == {"topics"}
    read, tested = template_names(environment.get_template("index.html"))
    assert read == {"topics"} and tested == set()  # its own use reads the topics


def test_a_page_changes_with_its_essay_and_its_neighbour_but_not_further():
    environment = Environment(loader=DictLoader(TEMPLATES))
    template = environment.get_template("article.html")
    first, newer, newest = essay("First", "first"), essay("Newer", "newer"), essay("Newest", "n")
    first.newer, newer.newer = newer, newest

    def fingerprint(topics=("some",)):
        return Fingerprints().page(template, {"article": first, "topics": list(topics),
                                              "output_file": "essays/first/index.html"})

    before = fingerprint()
    assert fingerprint() == before
    assert fingerprint(topics=("other", "topics")) == before  # only tested: still true
    assert fingerprint(topics=()) != before
    newest.title = "Renamed"  # the neighbour's neighbour: not shown
    assert fingerprint() == before
    newer.title = "Renamed"
    assert fingerprint() != before


def test_a_page_of_a_list_changes_with_its_items_and_their_links_not_what_they_link_to():
    template = Environment(loader=DictLoader(TEMPLATES)).get_template("list.html")
    first, second, newer = essay("First", "first"), essay("Second", "second"), essay("N", "n")
    first.newer = newer

    def fingerprint():
        rules = [PaginationRule(*rule) for rule in DEFAULT_CONFIG["PAGINATION_PATTERNS"]]
        page = Paginator("index.html", "index{number}.html", [first, second],
                         {**DEFAULT_CONFIG, "PAGINATION_PATTERNS": rules}, per_page=1).page(1)
        return Fingerprints().page(template, {"articles_page": page, "output_file": "index.html"})

    before = fingerprint()
    assert fingerprint() == before
    newer.title = "Renamed"  # what the listed essay links to: a list shows its link only
    assert fingerprint() == before
    newer.slug = "renamed"  # the link itself
    assert fingerprint() != before
    before = fingerprint()
    second.title = "Renamed"  # on the list's second page
    assert fingerprint() == before
    first.title = "Renamed"
    assert fingerprint() != before


@dataclass
class Badge:
    label: str
    count: int


class Shown:
    """An object that says what a page shows of it, at each depth."""

    def __init__(self, outline, detail):
        self.outline, self.detail = outline, detail

    def __fingerprint__(self, depth):
        return [self.outline, self.detail] if depth >= 2 else [self.outline]


def test_a_dataclass_counts_by_every_field_and_an_object_by_what_it_says_it_shows():
    environment = Environment(loader=DictLoader(TEMPLATES))
    template = environment.get_template("article.html")
    first = essay("First", "first")
    first.badges, first.shown = [Badge("kind", 1)], Shown("outline", "detail")

    def fingerprint():
        return Fingerprints().page(template, {"article": first, "topics": [first.shown],
                                              "output_file": "essays/first/index.html"})

    before = fingerprint()
    first.badges[0].count = 2
    assert fingerprint() != before
    first.badges[0].count = 1
    assert fingerprint() == before
    first.shown.detail = "changed"  # shown at depth 2 only: the essay's own field is depth 0
    assert fingerprint() == before
    first.shown.outline = "changed"
    assert fingerprint() != before


def test_a_value_of_unknown_kind_has_no_fingerprint_and_the_page_is_always_rendered():
    environment = Environment(loader=DictLoader(TEMPLATES))
    page = Fingerprints().page(environment.get_template("article.html"),
                               {"article": object(), "output_file": "x.html"})
    assert page is None


@dataclass(frozen=True)
class Stamp:
    label: str
    held: tuple


def test_what_cannot_change_keeps_its_fingerprint_for_the_next_build_and_nothing_else_does():
    template = Environment(loader=DictLoader(TEMPLATES)).get_template("article.html")
    first, inner = essay("First", "first"), ["one"]
    first.stamps = (Stamp("fixed", ("a", "b")), Stamp("open", (inner,)))

    def fingerprint(fingerprints):
        return fingerprints.page(template, {"article": first, "output_file": "first.html"})

    earlier = Fingerprints()
    before = fingerprint(earlier)
    assert [value.label for value, _ in earlier.kept.values() if isinstance(value, Stamp)] \
        == ["fixed"]  # the other holds a list
    assert fingerprint(Fingerprints(earlier.kept)) == before
    inner.append("two")
    assert fingerprint(Fingerprints(earlier.kept)) != before
