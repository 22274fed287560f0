"""An OPML 2.0 subscription list: every feed of the site, for a feed reader to import at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Sequence
from xml.etree import ElementTree

SPEC = "http://opml.org/spec2.opml"


@dataclass(frozen=True)
class Subscription:
    """One feed: its name here, its absolute address and the page it follows."""

    text: str
    xml_url: str
    html_url: str


def subscription_list(title: str, modified: datetime | None, feeds: Sequence[Subscription],
                      groups: Sequence[tuple[str, Sequence[Subscription]]]) -> bytes:
    """The OPML document: ``feeds`` first, then one outline per group holding its feeds.

    ElementTree escapes every name; ``modified`` (the newest essay's date, not
    the clock) keeps the file the same for the same content.
    """
    opml = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(opml, "head")
    ElementTree.SubElement(head, "title").text = title
    if modified:
        ElementTree.SubElement(head, "dateModified").text = format_datetime(modified)
    ElementTree.SubElement(head, "docs").text = SPEC
    body = ElementTree.SubElement(opml, "body")
    for feed in feeds:
        _outline(body, feed)
    for name, members in groups:
        group = ElementTree.SubElement(body, "outline", text=name)
        for feed in members:
            _outline(group, feed)
    ElementTree.indent(opml)
    return ElementTree.tostring(opml, encoding="utf-8", xml_declaration=True) + b"\n"


def _outline(parent: ElementTree.Element, feed: Subscription) -> None:
    # OPML 2.0 calls every feed "rss", Atom included.
    ElementTree.SubElement(parent, "outline", type="rss", text=feed.text, xmlUrl=feed.xml_url,
                           htmlUrl=feed.html_url)
