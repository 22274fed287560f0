"""The real content/, built with the development settings, checked as a reader would."""

import json
import re
from urllib.parse import urldefrag, urlparse, urlsplit

import feedparser
import pytest

ESSAYS = {
    "service-is-as-service-does": dict(
        title="Service Is as Service Does. No, Really!", date="2025-03-11",
        author=None, source="Yahoo Contributor Network"),
    "who-provides-customer-service": dict(
        title="Who Provides Customer Service?", date="2025-05-20",
        author=None, source=None),
    "are-you-in-customer-service": dict(
        title="Are You In Customer Service?", date="2025-08-12",
        author="Jacqueline Wolven", source="Jacqueline Wolven"),
    "what-is-customer-service": dict(
        title="Customer Service Appreciation Week – What Is Customer Service?",
        date="2025-10-06", author=None, source=None),
    "customer-service-is-a-full-time-career": dict(
        title="Customer Service Is a Full-Time Career", date="2026-01-27",
        author="David", source=None),
}

NEWEST_FIRST = sorted(ESSAYS, key=lambda slug: ESSAYS[slug]["date"], reverse=True)

SCRAPE_RESIDUE = [
    "Leave a Reply", "Fill in your details below", "You are commenting using",
    "Connecting to %s", "Your email address will not be published", "Akismet",
    "Advertisement", "WordPress.com", "Flickr", "verticalpharmacy", "Bookmark the permalink",
    "This entry was posted in", "@theupe.com", "share buttons", "Originally posted on",
    "appeared first on", "_____", "The Ultimate Patient Experience is",
]


def text(node):
    """Visible text with typogrify's non-breaking spaces read as spaces."""
    return " ".join(node.get_text(" ").replace("\xa0", " ").split())


@pytest.mark.parametrize("slug", ESSAYS)
def test_essay_page_shows_title_author_date_and_attribution(real_site, slug):
    expected = ESSAYS[slug]
    page = real_site.page(f"/essays/{slug}/")
    assert text(page.find("h1")) == expected["title"]
    assert text(page.title).startswith(expected["title"])
    assert page.find("time")["datetime"].startswith(expected["date"])
    author = page.select_one(".essay-header .author")
    assert (text(author) if author else None) == expected["author"]
    assert "min read" in text(page.select_one(".byline"))
    attribution = page.select_one(".attribution")
    if expected["source"]:
        assert f"First published on {expected['source']}" in text(attribution)
    else:
        assert attribution is None
    assert len(text(page.select_one(".essay .prose"))) > 1000


def test_fourth_essay_keeps_its_job_list_and_fifth_its_quotes(real_site):
    jobs = real_site.page("/essays/are-you-in-customer-service/").select("dt")
    assert [text(dt) for dt in jobs] == [
        "Loan Officer", "Parks Department Employee", "Produce Clerk", "Admitting Nurse",
        "Toll Booth Operator", "High School Teacher", "Main Street Director"]
    quotes = real_site.page("/essays/what-is-customer-service/").select("blockquote")
    assert [text(q).split("—")[-1].strip() for q in quotes] == ["LEWIS CAROL", "UNKNOWN"]


def test_no_scrape_residue_anywhere_in_the_output(real_site):
    files = [p for p in real_site.output.rglob("*") if p.suffix in {".html", ".xml"}]
    assert files
    for path in files:
        body = path.read_text(encoding="utf-8")
        for residue in SCRAPE_RESIDUE:
            assert residue.lower() not in body.lower(), f"{residue!r} in {path}"


def test_home_lists_every_essay_newest_first(real_site):
    home = real_site.page("/")
    links = [a["href"] for a in home.select(".card-title a")]
    assert links == [f"/essays/{slug}/" for slug in NEWEST_FIRST]


def test_archives_and_about_and_404_exist(real_site):
    archive_links = {a["href"] for a in real_site.page("/archives/").select(".archive a")}
    assert archive_links == {f"/essays/{slug}/" for slug in ESSAYS}
    about = real_site.page("/about/")
    assert text(about.find("h1")) == "About"
    assert "roles" in text(about.select_one("article")).lower()
    assert "Page not found" in text(real_site.page("/404.html"))


@pytest.mark.parametrize("feed", ["/feeds/all.atom.xml", "/feeds/all.rss.xml"])
def test_site_feeds_parse_and_list_the_five_essays(real_site, feed):
    parsed = feedparser.parse(real_site.file(feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == [ESSAYS[slug]["title"] for slug in NEWEST_FIRST]
    for entry in parsed.entries:
        assert "<" not in entry.title
        assert len(entry.content[0].value if "content" in entry else entry.description) > 1000


def test_every_page_links_to_the_feeds(real_site):
    for path in real_site.html_files():
        page = real_site.page("/" + path.relative_to(real_site.output).as_posix())
        types = {link["type"] for link in page.select('link[rel="alternate"]')}
        assert types == {"application/atom+xml", "application/rss+xml"}, path


def test_no_page_has_a_broken_internal_link(real_site):
    broken = []
    for path in real_site.html_files():
        page_url = "/" + path.relative_to(real_site.output).as_posix()
        page = real_site.page(page_url)
        ids = {tag["id"] for tag in page.find_all(id=True)}
        for tag in page.find_all(["a", "link", "img", "script"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or urlparse(ref).scheme or ref.startswith("//"):
                continue
            target, fragment = urldefrag(ref)
            if not target:
                if fragment not in ids:
                    broken.append(f"{page_url}: #{fragment}")
                continue
            assert target.startswith("/"), f"{page_url}: relative link {ref}"
            if not real_site.file(urlsplit(target).path).is_file():  # a query reaches the same file
                broken.append(f"{page_url}: {ref}")
    assert not broken, broken


def test_titles_carry_no_typogrify_markup(real_site):
    for path in real_site.html_files():
        title = path.read_text(encoding="utf-8").split("<title>")[1].split("</title>")[0]
        assert not re.search("<|&nbsp;|&#160;|&#8217;|\xa0", title), (path, title)


def structured_data(page):
    return json.loads(page.find("script", type="application/ld+json").string)


def test_pages_describe_themselves_to_search_engines_and_social_sites(real_site):
    essay = real_site.page("/essays/are-you-in-customer-service/")
    data = structured_data(essay)
    assert data["@type"] == "BlogPosting" and data["headline"] == "Are You In Customer Service?"
    assert data["author"]["name"] == "Jacqueline Wolven"
    assert data["datePublished"].startswith("2025-08-12")
    meta = {tag.get("property") or tag.get("name"): tag["content"]
            for tag in essay.find_all("meta", content=True)}
    assert meta["og:title"] == "Are You In Customer Service?" and meta["og:type"] == "article"
    assert meta["description"] == meta["og:description"] == meta["twitter:description"]
    assert meta["description"].startswith("Naming jobs from loan officer")
    assert essay.find("link", rel="canonical")["href"] == (
        "http://127.0.0.1:8000/essays/are-you-in-customer-service/")
    topic = structured_data(real_site.page("/roles/barista/"))
    assert topic["@type"] == "CollectionPage" and topic["name"] == "Barista"
    assert [part["url"] for part in topic["hasPart"]] == [
        "http://127.0.0.1:8000/essays/who-provides-customer-service/"]


def test_each_essay_links_to_the_previous_and_next_one(real_site):
    for newer, older in zip(NEWEST_FIRST, NEWEST_FIRST[1:]):
        assert real_site.page(f"/essays/{newer}/").find("a", rel="prev")["href"] == (
            f"/essays/{older}/")
        assert real_site.page(f"/essays/{older}/").find("a", rel="next")["href"] == (
            f"/essays/{newer}/")
    assert not real_site.page(f"/essays/{NEWEST_FIRST[0]}/").find("a", rel="next")
    assert not real_site.page(f"/essays/{NEWEST_FIRST[-1]}/").find("a", rel="prev")
