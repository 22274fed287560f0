"""The readable text of an essay's HTML, block by block, mapped back to the HTML.

Links must be inserted into the HTML exactly where a phrase was found, leaving
every other byte as Markdown and typogrify wrote it, so this module keeps, for
each character of text, its offset in the HTML source.  (A parsed tree such as
BeautifulSoup's would re-serialise the whole essay and lose those offsets.)  It is a
scanner, not a parser, and reads only what the safe_html sanitizer wrote: there every
``<`` opens a tag, no attribute value holds a ``<``, ``>`` or stray quote, and there is
no comment or CDATA section (plugins/safe_html/README.md says why).
Text inside code, pre, kbd, samp and existing links is part of a block's text
(a sentence quoted as evidence reads as the reader sees it) but hidden from its
``searchable`` text, where nothing may be found or linked.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>", re.S)
ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
UNSEARCHABLE = frozenset("a code pre kbd samp".split())
INVISIBLE = frozenset("script style svg math template".split())
HIDDEN = "\x00"  # stands in for unsearchable characters: no word, no phrase crosses it
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
BLOCKS = HEADINGS | frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer header "
    "hr li main nav ol p section summary table tbody td tfoot th thead tr ul".split()
)
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


@dataclass(frozen=True)
class Block:
    """The text of one paragraph, list item, heading… and where each character came from."""

    text: str
    searchable: str  # ``text`` with unsearchable characters replaced by HIDDEN
    starts: tuple[int, ...]  # where each character begins in the HTML
    ends: tuple[int, ...]  # and where it ends (an entity is several bytes long)
    heading: bool

    def html_span(self, start: int, end: int) -> tuple[int, int]:
        """The HTML source range of ``text[start:end]``."""
        return self.starts[start], self.ends[end - 1]


def blocks(source: str) -> list[Block]:
    """The readable blocks of ``source`` in document order."""
    found: list[Block] = []
    text: list[str] = []
    hidden: list[bool] = []
    starts: list[int] = []
    ends: list[int] = []
    open_tags: list[str] = []
    heading = False

    def close_block():
        plain = "".join(text)
        if plain.strip():
            searchable = ("".join(HIDDEN if h else c for c, h in zip(plain, hidden))
                          if any(hidden) else plain)
            found.append(Block(plain, searchable, tuple(starts), tuple(ends), heading))
        text.clear()
        hidden.clear()
        starts.clear()
        ends.clear()

    position = 0
    for tag in TAG.finditer(source):
        _read(source, position, tag.start(), open_tags, text, hidden, starts, ends)
        position = tag.end()
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        if not name:
            continue
        if name in BLOCKS:
            close_block()
            heading = name in HEADINGS and not closing
        if name in VOID or tag.group(3):
            continue
        if closing:
            if name in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
        else:
            open_tags.append(name)
    _read(source, position, len(source), open_tags, text, hidden, starts, ends)
    close_block()
    return found


def _read(source, start, end, open_tags, text, hidden, starts, ends) -> None:
    """Append the text between two tags, unless an open tag makes it invisible."""
    inside = set(open_tags)
    if start == end or inside & INVISIBLE:
        return
    before = len(text)
    _decode(source, start, end, text, starts, ends)
    hidden.extend([bool(inside & UNSEARCHABLE)] * (len(text) - before))


def _decode(source: str, start: int, end: int, text: list[str], starts: list[int],
            ends: list[int]) -> None:
    """Append the characters of ``source[start:end]``, entities decoded, with their offsets."""
    position = start
    for entity in ENTITY.finditer(source, start, end):
        _append_plain(source, position, entity.start(), text, starts, ends)
        decoded = html.unescape(entity.group())
        text.extend(decoded)
        starts.extend([entity.start()] * len(decoded))
        ends.extend([entity.end()] * len(decoded))
        position = entity.end()
    _append_plain(source, position, end, text, starts, ends)


def _append_plain(source, start, end, text, starts, ends) -> None:
    text.extend(source[start:end])
    starts.extend(range(start, end))
    ends.extend(range(start + 1, end + 1))


def plain_text_run(source: str, start: int, end: int) -> bool:
    """Whether ``source[start:end]`` is text alone, with no tag inside it."""
    return "<" not in source[start:end]


def insert(source: str, insertions: list[tuple[int, int, str, str]]) -> str:
    """Wrap each ``(start, end, before, after)`` range of ``source``; ranges must not overlap."""
    pieces, position = [], 0
    for start, end, before, after in sorted(insertions):
        pieces += [source[position:start], before, source[start:end], after]
        position = end
    pieces.append(source[position:])
    return "".join(pieces)
