"""The topic map (/map/) and the OPML subscription list, in small real builds."""

from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest

from plugins.service_topics.topicmap import topic_map
from plugins.service_topics.vocabulary import Topic, Vocabulary
from tests.test_feeds import sitemap
from tests.test_topics_site import essay

COOK = "Cook <script>alert(1)</script> & Co"
VOCABULARY = f"""
[roles.barista]
name = "Barista"
aliases = ["barista"]
description = "Makes the coffee."

[roles.bus-driver]
name = "Bus driver"
aliases = ["bus driver"]
description = "Drives the bus."

[roles.cook]
name = "{COOK}"
aliases = ["cook"]
description = "Cooks <b>everything</b>."

[roles.mother]
name = "Mother"
aliases = ["mother"]
description = "Serves first."

[examples.holding-the-door]
name = "Holding the door"
aliases = ["hold the door"]
description = "The smallest act of service."

[examples.listening]
name = "Listening & hearing"
aliases = ["listen"]
description = "Hearing someone out."

[examples.saying-thank-you]
name = "Saying thank you"
aliases = ["say thank you"]
description = "Two words."
"""
ESSAYS = {
    "essays/e1.md": essay(1, "The barista held the door, and I said thank you to her."),
    "essays/e2.md": essay(2, "The bus driver held the door while the barista listened."),
    "essays/e3.md": essay(3, "The cook held the door for us."),
    "essays/e4.md": essay(4, "My mother listened to every word."),
}
# Three roles and two examples: ties (one essay each) rank A–Z, so Mother is left out.
ROWS = ["Barista", "Bus driver", COOK]
COLUMNS = ["Holding the door", "Listening & hearing"]
COUNTS = {("Barista", "Holding the door"): 2, ("Barista", "Listening & hearing"): 1,
          ("Bus driver", "Holding the door"): 1, ("Bus driver", "Listening & hearing"): 1,
          (COOK, "Holding the door"): 1, (COOK, "Listening & hearing"): 0}
FEED_DOMAIN = "http://127.0.0.1:8000"


@pytest.fixture
def site(make_site):
    return make_site({**ESSAYS, "topics.toml": VOCABULARY},
                     overrides={"TOPICS_MAP_ROLES": 3, "TOPICS_MAP_EXAMPLES": 2})


def svg_cells(page):
    """{(role, example): (count, shade class, href)} from the map's SVG."""
    cells = {}
    for link in page.select(".topic-map a[class^='shade-']"):
        role, rest = link.title.get_text().split(" × ")
        example, essays = rest.rsplit(": ", 1)
        count = int(link.find("text").get_text())
        assert essays == ("1 essay" if count == 1 else f"{count} essays")
        cells[role, example] = (count, link["class"][0], link["href"])
    return cells


def test_the_map_shows_the_most_mentioned_roles_against_the_most_mentioned_examples(site):
    page = site.page("/map/")
    rows = page.select(".topic-map-rows a")
    assert [" ".join(t.get_text() for t in a.select("tspan")) for a in rows] == ROWS
    assert [a["href"] for a in rows] == ["/roles/barista/", "/roles/bus-driver/", "/roles/cook/"]
    columns = page.select(".topic-map svg:not(.topic-map-rows) > a:not([class])")
    assert [a.get_text() for a in columns] == COLUMNS
    for link in rows + columns:
        assert site.file(link["href"]).is_file()
    cells = svg_cells(page)
    assert {key: count for key, (count, _, _) in cells.items()} == {
        key: n for key, n in COUNTS.items() if n}
    assert len(page.select(".topic-map svg:not(.topic-map-rows) > rect")) == 1  # the empty cell


def test_each_cell_links_to_the_search_for_its_role_and_example(site):
    options = {o.get_text() for o in site.page("/search/").select("#search-form option")}
    for (role, example), (_, _, href) in svg_cells(site.page("/map/")).items():
        url = urlsplit(href)
        assert url.path == "/search/" and site.file(url.path).is_file()
        assert parse_qs(url.query) == {"role": [role], "example": [example]}
        assert {role, example} <= options  # what search.js selects from the query


def test_shades_follow_counts(site):
    shades = {key: shade for key, (_, shade, _) in svg_cells(site.page("/map/")).items()}
    # A cell's shade is its share of the largest count (2), in fifths, rounded up.
    assert shades[("Barista", "Holding the door")] == "shade-5"
    assert set(shades.values()) - {shades[("Barista", "Holding the door")]} == {"shade-3"}


def test_the_table_holds_the_same_numbers_and_links(site):
    table = site.page("/map/").select_one("details table")
    assert [th.get_text() for th in table.select("thead th")] == ["Role", *COLUMNS]
    numbers = {}
    for tr in table.select("tbody tr"):
        role = tr.th.get_text()
        for example, td in zip(COLUMNS, tr.select("td")):
            numbers[role, example] = int(td.get_text())
            link = td.find("a")
            assert (link is not None) == bool(numbers[role, example])
            if link:
                assert link["href"] == svg_cells(site.page("/map/"))[role, example][2]
    assert numbers == COUNTS


def test_author_controlled_names_are_escaped(site):
    html = site.file("/map/").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "Cook &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "role=Cook+%3Cscript%3Ealert%281%29%3C%2Fscript%3E+%26+Co&amp;example=" in html


def test_the_map_is_linked_from_the_indexes_and_listed_in_the_sitemap(site):
    for index in ("/roles/", "/examples/"):
        assert site.page(index).find("a", href="/map/")
    assert f"{FEED_DOMAIN}/map/" in sitemap(site)
    assert site.page("/map/").find("link", rel="canonical")["href"] == f"{FEED_DOMAIN}/map/"


def test_a_site_without_examples_says_so_on_its_map(make_site):
    site = make_site({"essays/e1.md": essay(1, "The barista smiled."),
                      "topics.toml": VOCABULARY})
    page = site.page("/map/")
    assert not page.select(".topic-map") and "No essay tags both" in page.select_one(".empty").text


def test_the_layout_is_pure_and_wraps_long_role_names():
    def topic(kind, key, name):
        return Topic(kind, key, name, (name.lower(),), "")

    vocabulary = Vocabulary.of([topic("roles", "csr", "Customer service representative"),
                                topic("roles", "cook", "Cook"),
                                topic("examples", "door", "Holding the door")])
    topics_of = {"e1": ["csr", "door"], "e2": ["cook", "door", "csr"]}
    laid_out = topic_map(vocabulary, topics_of, 12, 12)
    assert laid_out == topic_map(vocabulary, dict(reversed(topics_of.items())), 12, 12)
    assert [line for line, _ in laid_out.rows[0].lines] == ["Customer service", "representative"]
    assert [line for line, _ in laid_out.rows[1].lines] == ["Cook"]
    assert [cell.count for row in laid_out.cells for cell in row] == [2, 1]
    assert laid_out.cells[0][0].name == (
        "Customer service representative × Holding the door: 2 essays")


def opml_feeds(site):
    """The OPML document's root and its feed outlines (those with an xmlUrl)."""
    root = ElementTree.parse(site.file("/subscriptions.opml")).getroot()
    return root, root.findall(".//outline[@xmlUrl]")


def test_the_opml_lists_every_feed_and_each_parses(site):
    root, feeds = opml_feeds(site)
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == "Everybody Serves: every feed"
    assert len(feeds) == 1 + 4 + 3
    for outline in feeds:
        url = outline.get("xmlUrl")
        assert url.startswith(FEED_DOMAIN + "/") and outline.get("type") == "rss"
        path = site.file(url.removeprefix(FEED_DOMAIN))
        assert path.is_file(), url
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.entries and parsed.feed.title.count("Everybody Serves") == 1
        assert site.file(outline.get("htmlUrl").removeprefix(FEED_DOMAIN)).is_file()


def test_the_opml_groups_topic_feeds_by_kind_with_names_as_written(site):
    root, _ = opml_feeds(site)
    body = root.find("body")
    assert body[0].get("xmlUrl") == f"{FEED_DOMAIN}/feeds/all.atom.xml"
    groups = {group.get("text"): [o.get("text") for o in group] for group in body[1:]}
    assert groups == {"Roles": ["Barista", "Bus driver", COOK, "Mother"],
                      "Examples": ["Holding the door", "Listening & hearing",
                                   "Saying thank you"]}
    assert b"&lt;script&gt;" in site.file("/subscriptions.opml").read_bytes()


def test_the_opml_is_linked_from_the_footer_and_the_indexes(site):
    for url in ("/", "/map/", "/roles/", "/examples/", "/essays/essay-1/"):
        links = site.page(url).select('a[href="/subscriptions.opml"]')
        assert links and all(a["type"] == "text/x-opml" for a in links), url
    assert len(site.page("/roles/").select('a[href="/subscriptions.opml"]')) == 2


def test_published_opml_uses_the_public_address(make_site, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    site = make_site({**ESSAYS, "topics.toml": VOCABULARY}, settings="publishconf.py")
    _, feeds = opml_feeds(site)
    assert all(o.get("xmlUrl").startswith("https://blog.example.org/") for o in feeds)
