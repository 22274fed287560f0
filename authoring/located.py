"""Where in its source file an author wrote what the rendered HTML holds.

The checks read the HTML Pelican renders; an author fixes the Markdown.  A construct
(a tag, an attribute, a URL) is looked for in the text below the metadata, code left
out, each from where the one before it was found, so that the same construct written
twice is found where each one is.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Iterable, Iterator

from .documents import Document
from .frontmatter import source_lines

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+).+?\1")


def lines_of(document: Document, needles: Iterable[str]) -> Iterator[int]:
    """The line of each of ``needles``, in order; the text's first line for one not found."""
    numbered = list(text_lines(document))
    lines = [normalised(line) for _, line in numbered]
    line, column = 0, 0
    for needle in map(normalised, needles):
        found = _find(lines, needle, line, column)
        if found is None:
            yield document.front.last_line + 1
        else:
            line, column = found[0], found[1] + len(needle)
            yield numbered[line][0]


def _find(lines: list[str], needle: str, line: int, column: int) -> tuple[int, int] | None:
    """Where ``needle`` is first found from ``line``'s ``column`` on, else from the start."""
    starts = [(line, column), *((i, 0) for i in range(line + 1, len(lines))),
              *((i, 0) for i in range(line + 1))]
    for index, start in starts:
        found = lines[index].find(needle, start) if index < len(lines) else -1
        if found >= 0:
            return index, found
    return None


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
    for number, line in enumerate(source_lines(document.text)[start:], start + 1):
        opening = FENCE.match(line)
        if opening and (fence is None or opening[1].startswith(fence)):
            fence = opening[1][:3] if fence is None else None
        elif fence is None:
            yield number, CODE_SPAN.sub("", line)
