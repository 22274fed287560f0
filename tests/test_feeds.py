"""Feeds, sitemap and robots.txt, read the way feed readers and crawlers read them."""

import re
from xml.etree import ElementTree

import feedparser
import pytest
from feed_polish import make_links_absolute

from tests.test_real_site import ESSAYS, NEWEST_FIRST
from tests.test_topics_site import VOCABULARY, essay

DOMAIN = "http://127.0.0.1:8000"


def feeds_of(site):
    return sorted(p for p in site.output.rglob("*.xml") if p.name.endswith(("atom.xml", "rss.xml")))


def parse(path):
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def urls_in(html):
    return re.findall(r'(?:href|src)="([^"]*)"', html)


def test_every_feed_parses_with_absolute_urls_only(real_site):
    feeds = feeds_of(real_site)
    assert len(feeds) > 50  # the two site feeds and one per topic
    for path in feeds:
        feed = parse(path)
        assert feed.entries, path
        assert all(link.href.startswith("http") for link in feed.feed.links), path
        for entry in feed.entries:
            assert entry.link.startswith(DOMAIN + "/essays/")
            body = entry.content[0].value if "content" in entry else entry.description
            assert len(body) > 1000, f"{path}: {entry.title} has no full content"
            relative = [url for url in urls_in(body) if not url.startswith(("http", "#"))]
            assert not relative, (path, entry.title, relative)
            assert "<" not in entry.title and "&nbsp;" not in entry.title
            assert entry.published_parsed, entry


@pytest.mark.parametrize("name", ["all.atom.xml", "all.rss.xml"])
def test_site_feeds_list_every_essay_newest_first_with_author_and_topics(real_site, name):
    feed = parse(real_site.file(f"/feeds/{name}"))
    assert [entry.link for entry in feed.entries] == [
        f"{DOMAIN}/essays/{slug}/" for slug in NEWEST_FIRST]
    by_link = {entry.link: entry for entry in feed.entries}
    career = by_link[f"{DOMAIN}/essays/customer-service-is-a-full-time-career/"]
    assert career.author == "David"
    assert {"Co-worker", "Family member"} <= {tag.term for tag in career.tags}
    assert all(entry.id.startswith("tag:everybody-serves.example,2025:/essays/")
               for entry in feed.entries)


def test_atom_entries_carry_a_plain_text_summary(real_site):
    feed = parse(real_site.file("/feeds/all.atom.xml"))
    for entry in feed.entries:
        assert entry.summary and "<" not in entry.summary


def test_feeds_name_a_style_sheet_so_browsers_show_a_page(real_site):
    for path in [real_site.file("/feeds/all.atom.xml"), real_site.file("/feeds/all.rss.xml"),
                 real_site.file("/roles/barista/atom.xml")]:
        assert '<?xml-stylesheet type="text/css" href="/theme/css/feed.css"?>' in path.read_text()
    assert real_site.file("/theme/css/feed.css").is_file()


def test_entry_ids_survive_an_edit_and_a_move_to_production(make_site, monkeypatch):
    files = {"essays/e1.md": essay(1), "topics.toml": VOCABULARY}
    first = parse(make_site(files).file("/feeds/all.atom.xml")).entries[0]
    edited = {**files, "essays/e1.md": essay(1, "The barista smiled, then laughed.")}
    again = parse(make_site(edited).file("/feeds/all.atom.xml")).entries[0]
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    site = make_site(edited, settings="publishconf.py")
    published = parse(site.file("/feeds/all.atom.xml")).entries[0]
    assert first.id == again.id == published.id == "tag:everybody-serves.example,2025:/essays/essay-1/"
    assert published.link == "https://blog.example.org/essays/essay-1/"
    rss = parse(site.file("/feeds/all.rss.xml")).entries[0]
    assert rss.id == first.id and rss.guidislink is False


def test_every_page_links_the_site_feeds_and_topic_pages_their_own(real_site):
    for path in real_site.html_files():
        if "pagefind" in path.parts:
            continue
        page = real_site.page("/" + path.relative_to(real_site.output).as_posix())
        feeds = {link["href"] for link in page.select('link[rel="alternate"]')}
        assert {"/feeds/all.atom.xml", "/feeds/all.rss.xml"} <= feeds, path
    topic = real_site.page("/examples/holding-the-door/")
    assert "/examples/holding-the-door/atom.xml" in {
        link["href"] for link in topic.select('link[rel="alternate"]')}


def sitemap(site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(site.file("/sitemap.xml"))
    return {url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
            for url in tree.getroot().findall("s:url", namespace)}


def test_the_sitemap_lists_every_page_with_lastmod_and_robots_points_at_it(real_site):
    entries = sitemap(real_site)
    for slug, meta in ESSAYS.items():
        assert entries[f"{DOMAIN}/essays/{slug}/"].startswith(meta["date"])
    for url in ["/", "/about/", "/archives/", "/roles/", "/examples/", "/roles/barista/",
                "/examples/holding-the-door/"]:
        assert DOMAIN + url in entries, url
    assert entries[f"{DOMAIN}/roles/barista/"].startswith(ESSAYS["who-provides-customer-service"]["date"])
    assert all(lastmod for lastmod in entries.values())
    for loc in entries:
        assert real_site.file(loc.removeprefix(DOMAIN)).is_file(), loc
    assert not any("/search/" in loc or "404" in loc for loc in entries)
    robots = real_site.file("/robots.txt").read_text()
    assert f"Sitemap: {DOMAIN}/sitemap.xml" in robots.splitlines()


def test_every_page_of_a_topic_has_its_newest_essay_as_lastmod(make_site):
    """Each page of a topic, later pages too, is as new as the topic's newest essay."""
    essays = {"one": ("2024-05-01", "barista"), "two": ("2024-05-02", "teacher"),
              "three": ("2024-05-03", "barista")}
    site = make_site({f"essays/{slug}.md": f"Title: {slug.title()}\nDate: {date} 10:00\n"
                      f"Summary: Served.\n\nMy favourite {role} held the door open for me.\n"
                      for slug, (date, role) in essays.items()}, overrides={"TOPICS_PER_PAGE": 1})
    lastmod = {loc.split("/", 3)[3]: date[:10] for loc, date in sitemap(site).items()}
    assert lastmod["roles/barista/"] == lastmod["roles/barista/page/2/"] == "2024-05-03"
    assert lastmod["roles/teacher/"] == "2024-05-02"
    assert lastmod["essays/one/"] == "2024-05-01"


def test_the_search_index_is_built_with_role_and_example_filters(real_site):
    assert real_site.file("/pagefind/pagefind.js").is_file()
    essay_page = real_site.page("/essays/who-provides-customer-service/")
    filters = {(tag["data-pagefind-filter"], tag.get_text())
               for tag in essay_page.select("[data-pagefind-filter]")}
    assert {("role", "Barista"), ("example", "Holding the door")} <= filters


def test_the_search_page_lists_every_essay_and_says_so_without_javascript(real_site):
    page = real_site.page("/search/")
    assert {a["href"] for a in page.select("#all-essays a")} == {
        f"/essays/{slug}/" for slug in ESSAYS}
    notice = page.find("noscript").get_text(" ")
    assert "needs JavaScript" in notice and "/roles/" in str(page.find("noscript"))
    options = [o.get_text() for o in page.select("#search-roles option")]
    assert options[0] == "Any role" and "Barista" in options
    assert real_site.page("/").select_one('form[role="search"] input[name="q"]')


def test_feed_links_are_made_absolute_by_parsing_not_by_pattern():
    html = ('<p title="a > b &quot;c&quot;"><a href="/essays/x/" title=\'it&#x27;s\'>x</a>'
            "<!-- <a href=\"/not/a/link/\"> --><img src='../cup.png' alt=\"a > cup\">"
            '<a href="#fn:1">1</a> <a href="https://example.org/">out</a> a &amp; b &lt; c</p>')
    assert make_links_absolute(html, "http://127.0.0.1:8000/essays/y/") == (
        '<p title="a &gt; b &quot;c&quot;"><a href="http://127.0.0.1:8000/essays/x/" '
        'title="it&#x27;s">x</a><!-- <a href="/not/a/link/"> --><img '
        'src="http://127.0.0.1:8000/essays/cup.png" alt="a &gt; cup"><a href="#fn:1">1</a> '
        '<a href="https://example.org/">out</a> a &amp; b &lt; c</p>')
