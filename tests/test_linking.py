"""Linking first mentions: links where they belong, and the text never changes."""

import re

from bs4 import BeautifulSoup

from service_topics.linking import link_mentions
from tests.test_detection import detected


def linked(html):
    return link_mentions(html, detected(html), lambda topic: f"/{topic.url}")


def visible_text(html):
    return BeautifulSoup(html, "html.parser").get_text()


def test_the_first_mention_of_each_topic_becomes_a_link_with_an_id():
    html = linked("<p>A barista smiled. Another barista waved. I held the door open.</p>")
    soup = BeautifulSoup(html, "html.parser")
    links = soup.select("a.topic-link")
    assert [(a["href"], a["id"], a.get_text()) for a in links] == [
        ("/roles/barista/", "topic-barista", "barista"),
        ("/examples/holding-the-door/", "topic-holding-the-door", "held the door open")]


def test_visible_text_and_everything_else_are_unchanged():
    html = ("<h2>The barista</h2><p>Ask the <em>bus</em> driver &amp; the barista—"
            "or <code>barista</code>; see <a href='/x'>a barista</a>.</p>")
    result = linked(html)
    assert visible_text(result) == visible_text(html)
    inserted = r'<a class="topic-link"[^>]*>|<span id="topic-[^"]*"></span>|</a>'
    assert re.sub(inserted, "", result) == re.sub("</a>", "", html)


def test_links_never_nest_and_never_enter_headings_or_code():
    result = linked("<h2>The barista</h2><p><a href='/x'>a barista</a> and <code>barista</code>"
                    " then a barista.</p>")
    soup = BeautifulSoup(result, "html.parser")
    assert not soup.select("a a") and not soup.select("h2 a") and not soup.select("code a")
    assert soup.select_one("a.topic-link").parent.name == "p"


def test_a_mention_inside_another_link_gets_an_anchor_at_its_sentence():
    result = linked("<p>Hello. Be patient with the barista today.</p>")
    soup = BeautifulSoup(result, "html.parser")
    assert soup.select_one("a.topic-link")["href"] == "/examples/being-patient/"
    anchor = soup.find(id="topic-barista")
    assert anchor.name == "span" and anchor.next_sibling == "Be "


def test_a_mention_only_in_a_heading_gets_an_anchor_not_a_link():
    soup = BeautifulSoup(linked("<h2>The barista</h2><p>Coffee.</p>"), "html.parser")
    assert soup.select_one("h2 span#topic-barista") and not soup.select("a")
