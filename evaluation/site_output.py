"""What a built site says about its essays' topics, read from its topic pages alone.

Nothing here asks the plugin how it tagged: an essay has a topic when the topic's
page (any page of it) lists the essay, with the quote shown there as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

KINDS = ("roles", "examples")
ESSAY_URL = re.compile(r"essays/([^/]+)/")
TOPIC_URL = re.compile(r"(roles|examples)/([^/]+)/")


@dataclass(frozen=True)
class Listing:
    """One entry of a topic page: the essay it lists, the quote, the narrower topic it came by."""

    kind: str
    key: str
    name: str
    slug: str
    quote: str
    via_key: str | None = None
    via_name: str | None = None


def read_listings(output: Path) -> list[Listing]:
    """Every entry of every page of every topic in the built site ``output``."""
    return [listing for kind in KINDS
            for page in sorted((output / kind).glob("*/**/index.html"))
            for listing in _page_listings(kind, page.relative_to(output / kind).parts[0], page)]


def _page_listings(kind: str, key: str, page: Path) -> list[Listing]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    entries = soup.select("ol.evidence > li")  # none on a page that only redirects
    name = soup.h1.get_text(" ", strip=True) if entries else ""
    listings = []
    for entry in entries:
        slug = ESSAY_URL.search(entry.h3.a["href"]).group(1)
        quote = entry.find("blockquote")
        via = entry.select_one(".via a")
        via_key = TOPIC_URL.search(via["href"]).group(2) if via else None
        listings.append(Listing(kind, key, name, slug,
                                quote.get_text(" ", strip=True) if quote else "",
                                via_key, via.get_text(" ", strip=True) if via else None))
    return listings
