"""The topics plugin in real builds: pages, links, evidence, feeds, errors, caching."""

import re
from textwrap import dedent

import feedparser
import pytest

from sitebuild import BuildFailed
from tests.conftest import ESSAY
from tests.test_build import fingerprint
from tests.test_real_site import ESSAYS, text

# What the five essays must be tagged with, at least (detected or declared).
EXPECTED = {
    "service-is-as-service-does": {
        "roles": {"mother", "teacher", "boss", "customer-service-representative"},
        "examples": {"holding-the-door", "passing-the-peas"}},
    "who-provides-customer-service": {
        "roles": {"barista", "bus-driver", "manager"},
        "examples": {"holding-the-door", "being-patient-with-a-hurried-barista",
                     "listening", "answering-the-phone"}},
    "what-is-customer-service": {
        "roles": {"purchasing-agent", "call-center-agent", "returns-desk-clerk"},
        "examples": {"refilling-a-bin-of-bolts", "fielding-complaints", "taking-orders",
                     "answering-questions"}},
    "are-you-in-customer-service": {
        "roles": {"receptionist", "security-guard", "loan-officer", "parks-department-employee",
                  "produce-clerk", "admitting-nurse", "toll-booth-operator",
                  "high-school-teacher", "main-street-director"},
        "examples": {"calling-a-car", "listening"}},
    "customer-service-is-a-full-time-career": {
        "roles": {"co-worker", "family-member"},
        "examples": set()},
}


def topic_keys(page, kind):
    """The keys of the roles or examples an essay page lists."""
    return {a["href"].rstrip("/").rsplit("/", 1)[1]
            for a in page.select(f".essay-topics a.chip-{kind}")}


@pytest.mark.parametrize("slug", EXPECTED)
def test_each_essay_lists_its_roles_and_examples(real_site, slug):
    page = real_site.page(f"/essays/{slug}/")
    assert EXPECTED[slug]["roles"] <= topic_keys(page, "roles")
    assert EXPECTED[slug]["examples"] <= topic_keys(page, "examples")


def test_every_listed_topic_has_a_page_with_the_essay_on_it(real_site):
    for slug in ESSAYS:
        page = real_site.page(f"/essays/{slug}/")
        for link in page.select("section.essay-topics a"):
            topic_page = real_site.page(link["href"])
            assert any(a["href"] == f"/essays/{slug}/"
                       for a in topic_page.select(".evidence h3 a")), link["href"]


def test_topic_page_quotes_the_evidence_and_deep_links_to_the_passage(real_site):
    page = real_site.page("/roles/barista/")
    assert text(page.find("h1")) == "Barista"
    quote = page.select_one(".evidence blockquote")
    assert "hurried barista" in text(quote)
    href = page.select_one(".evidence figcaption a")["href"]
    essay_url, anchor = href.split("#")
    essay = real_site.page(essay_url)
    target = essay.find(id=anchor)
    assert target is not None
    sentence = text(target.parent)
    assert "hurried barista" in sentence


def test_first_mentions_in_essays_link_to_topic_pages_without_nesting(real_site):
    for slug in ESSAYS:
        body = real_site.page(f"/essays/{slug}/").select_one(".essay .prose")
        links = body.select("a.topic-link")
        assert not body.select("a a") and not body.select("h1 a, h2 a, h3 a")
        hrefs = [a["href"] for a in links]
        assert len(hrefs) == len(set(hrefs)), "a topic is linked twice"
        for a in links:
            assert real_site.file(a["href"]).is_file()


def test_declared_only_topics_say_so_on_their_page(real_site):
    page = real_site.page("/roles/security-guard/")
    assert "Named by the essay’s author" in text(page)


def test_narrower_topics_link_to_their_broader_one(real_site):
    narrower = real_site.page("/roles/high-school-teacher/")
    assert narrower.select_one(".breadcrumbs a[href='/roles/teacher/']")
    assert real_site.page("/roles/teacher/").find("a", href="/roles/high-school-teacher/")


def test_indexes_list_topics_a_to_z_with_counts_and_group_narrower_ones(real_site):
    roles = real_site.page("/roles/")
    top = [text(li.find("a")) for li in roles.select(".topic-index > li")]
    assert top == sorted(top, key=str.casefold)
    teacher = roles.find("a", href="/roles/teacher/").parent
    assert teacher.select_one("ul a[href='/roles/high-school-teacher/']")
    assert "essay" in text(teacher.select_one(".count"))
    for link in roles.select(".topic-index a") + real_site.page("/examples/").select(".topic-index a"):
        assert real_site.file(link["href"]).is_file()


def test_topics_without_essays_get_no_page(real_site):
    assert not real_site.file("/roles/flight-attendant/").exists()
    assert not real_site.file("/roles/flight-attendant/atom.xml").exists()


def test_topic_feeds_are_valid_atom_with_full_content_and_autodiscovery(real_site):
    page = real_site.page("/roles/barista/")
    link = page.find("link", rel="alternate", href=lambda h: h.endswith("/roles/barista/atom.xml"))
    assert link and link["type"] == "application/atom+xml"
    feed = feedparser.parse(real_site.file("/roles/barista/atom.xml").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    assert [e.title for e in feed.entries] == ["Who Provides Customer Service?"]
    assert len(feed.entries[0].content[0].value) > 2000


def test_site_feed_entries_carry_roles_and_examples_as_categories(real_site):
    feed = feedparser.parse(real_site.file("/feeds/all.atom.xml").read_bytes())
    entry = next(e for e in feed.entries if e.title == "Who Provides Customer Service?")
    terms = {tag.term for tag in entry.tags}
    assert {"Barista", "Bus driver", "Holding the door"} <= terms


def test_essays_list_related_essays(real_site):
    related = real_site.page("/essays/who-provides-customer-service/").select(
        ".related-essays a")
    assert related and all(real_site.file(a["href"]).is_file() for a in related)


VOCABULARY = """\
    [roles.barista]
    name = "Barista"
    aliases = ["barista"]
    description = "Makes coffee."
    broader = "food-service-worker"

    [roles.food-service-worker]
    name = "Food service worker"
    aliases = ["food service worker"]
    description = "Feeds people."

    [roles.nurse]
    name = "Nurse"
    aliases = ["nurse"]
    description = "Cares."
"""


def essay(number, body="The barista smiled."):
    return dedent(f"""\
        Title: Essay {number}
        Date: 2024-01-{number:02d} 10:00
        Slug: essay-{number}
        Summary: Number {number}.

        {body}
        """)


def test_an_essay_counts_for_the_broader_topic_of_what_it_mentions(make_site):
    site = make_site({"essays/e1.md": essay(1), "topics.toml": VOCABULARY})
    broader = site.page("/roles/food-service-worker/")
    assert [text(p) for p in broader.select(".via")] == ["Mentions Barista"]
    assert broader.select_one(".evidence blockquote").get_text() == "The barista smiled."
    essay_page = site.page("/essays/essay-1/")
    assert not essay_page.find("a", href="/roles/food-service-worker/")


def test_topic_pages_paginate_past_the_configured_number(make_site):
    files = {f"essays/e{n}.md": essay(n) for n in range(1, 26)}
    site = make_site({**files, "topics.toml": VOCABULARY})
    first = site.page("/roles/barista/")
    assert len(first.select(".evidence > li")) == 20
    assert first.find("a", rel="next")["href"] == "/roles/barista/page/2/"
    second = site.page("/roles/barista/page/2/")
    assert len(second.select(".evidence > li")) == 5
    assert second.find("a", rel="prev")["href"] == "/roles/barista/"


def test_editing_the_vocabulary_retags_every_essay_even_with_the_cache_on(make_site):
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    files = {"essays/e1.md": essay(1, "The barista and the nurse."), "topics.toml": VOCABULARY}
    site = make_site(files, overrides=cache)
    assert site.file("/roles/nurse/").is_file()
    cached = make_site(files, overrides=cache)
    unindexed = {"pagefind"}
    assert fingerprint(cached.output, unindexed) == fingerprint(site.output, unindexed)
    without_nurse = VOCABULARY.split("[roles.nurse]")[0]
    site = make_site({**files, "topics.toml": without_nurse}, overrides=cache)
    assert not site.file("/roles/nurse/").exists()
    assert not site.page("/essays/essay-1/").find("a", href="/roles/nurse/")


def test_cache_on_or_off_gives_the_same_site(make_site, tmp_path):
    files = {f"essays/e{n}.md": essay(n, "The nurse met a barista.") for n in range(1, 4)}
    plain = fingerprint(make_site(files).output, skip={"pagefind"})
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    make_site(files, overrides=cache)
    assert fingerprint(make_site(files, overrides=cache).output, skip={"pagefind"}) == plain


def test_an_unknown_declared_role_stops_the_build_with_one_line(make_site, capfd):
    site = make_site({"essays/kindness.md": ESSAY})
    before = fingerprint(site.output)
    with pytest.raises(BuildFailed):
        make_site({"essays/kindness.md": ESSAY.replace("Summary:", "Roles: barsita\nSummary:")})
    errors = [line for line in capfd.readouterr().err.splitlines() if "error:" in line]
    assert len(errors) == 1
    assert re.fullmatch(r"error: \S+/essays/kindness\.md:5: Roles: unknown role 'barsita': "
                        r"did you mean 'Barista'.*\? \(new topics are added to topics\.toml\)",
                        errors[0]), errors
    assert fingerprint(site.output) == before


def test_a_broken_vocabulary_stops_the_build_with_one_line(make_site, capfd):
    broken = VOCABULARY.replace('aliases = ["nurse"]', 'aliases = ["barista"]')
    with pytest.raises(BuildFailed):
        make_site({"essays/e1.md": essay(1), "topics.toml": broken})
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "topics.toml:14: alias 'barista' of roles.nurse is already an alias of roles.barista" in err


def test_markup_in_an_essay_is_escaped_in_evidence_and_feeds(make_site):
    body = "The barista typed &lt;script&gt;alert(1)&lt;/script&gt; into the form."
    site = make_site({"essays/e1.md": essay(1, body), "topics.toml": VOCABULARY})
    page = site.page("/roles/barista/")
    assert not page.select("script:not([type=\"application/ld+json\"])")
    assert page.select_one(".evidence blockquote").get_text() == (
        "The barista typed <script>alert(1)</script> into the form.")
    assert "&lt;script&gt;" in site.file("/roles/barista/").read_text()
    feed = feedparser.parse(site.file("/roles/barista/atom.xml").read_bytes())
    assert "&lt;script&gt;" in feed.entries[0].content[0].value


def test_published_topic_feeds_use_absolute_urls_everywhere(make_site, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    site = make_site({"essays/e1.md": essay(1), "topics.toml": VOCABULARY},
                     settings="publishconf.py")
    feed = feedparser.parse(site.file("/roles/barista/atom.xml").read_bytes())
    assert feed.feed.links[0].href.startswith("https://blog.example.org/")
    entry = feed.entries[0]
    assert entry.link == "https://blog.example.org/essays/essay-1/"
    hrefs = re.findall(r'href="([^"]+)"', entry.content[0].value)
    assert hrefs == ["https://blog.example.org/roles/barista/"]
