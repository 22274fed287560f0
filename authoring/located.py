"""Where in its source file an author wrote what the rendered HTML holds.

The checks read the HTML Pelican renders; an author fixes the Markdown.  A construct
(a tag, an attribute, a URL) is looked for in the text below the metadata, code left
out, each from the line of the one before it, so that the same construct written twice
is found on each of its lines.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Iterable, Iterator

from .documents import Document

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+).+?\1")


def lines_of(document: Document, needles: Iterable[str]) -> Iterator[int]:
    """The line of each of ``needles``, in order; the text's first line for one not found."""
    lines = [(number, normalised(line)) for number, line in text_lines(document)]
    cursor = 0
    for needle in map(normalised, needles):
        at = next((i for i in [*range(cursor, len(lines)), *range(cursor)]
                   if needle in lines[i][1]), None)
        if at is None:
            yield document.front.last_line + 1
        else:
            cursor = at
            yield lines[at][0]


def normalised(text: str) -> str:
    """``text`` as compared when locating: entities decoded, lowercase, without whitespace
    or control characters (which browsers, and so the sanitizer, skip in a URL)."""
    return "".join(c for c in html.unescape(text).lower()
                   if not c.isspace() and unicodedata.category(c) != "Cc")


def text_lines(document: Document) -> Iterator[tuple[int, str]]:
    """``(number, line)`` of the text below the metadata: code spans blanked, code blocks
    left out."""
    fence = None
    start = document.front.last_line
    for number, line in enumerate(document.text.splitlines()[start:], start + 1):
        opening = FENCE.match(line)
        if opening and (fence is None or opening[1].startswith(fence)):
            fence = opening[1][:3] if fence is None else None
        elif fence is None:
            yield number, CODE_SPAN.sub("", line)
