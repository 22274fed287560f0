"""The metadata block at the top of an essay or page, read with its line numbers.

The block is what Python-Markdown's ``meta`` extension, and so Pelican, reads:
``Key: value`` lines (an indented line continues the value above) up to the
first blank line, after an optional ``---`` line.  Lines starting with ``#``
are comments, as ``invoke new`` writes them; ``CommentsExtension`` removes them
before Pelican reads the block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator

from markdown import Extension, Markdown
from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE
from markdown.preprocessors import Preprocessor

COMMENT = re.compile(r"#(\s|$)")


@dataclass(frozen=True)
class Field:
    """One ``Key: value`` line."""

    name: str  # as the author wrote it
    value: str
    line: int


@dataclass(frozen=True)
class FrontMatter:
    fields: tuple[Field, ...]
    last_line: int  # the block's last line, 0 without one: the text starts after it

    def get(self, name: str) -> Field | None:
        """The field called ``name`` in any case; its first definition, as Pelican reads it."""
        return next((f for f in self.fields if f.name.lower() == name.lower()), None)


def read_front_matter(text: str) -> FrontMatter:
    """The metadata block of ``text``."""
    fields: list[Field] = []
    last = 0
    for index, line, kind in _block(source_lines(text)):
        last = index + 1
        if kind == "field":
            found = META_RE.match(line)
            fields.append(Field(found["key"], found["value"].strip(), index + 1))
        elif kind == "more":
            value = f"{fields[-1].value} {META_MORE_RE.match(line)['value'].strip()}".strip()
            fields[-1] = replace(fields[-1], value=value)
    return FrontMatter(tuple(fields), last)


def source_lines(text: str) -> list[str]:
    """The lines of ``text`` as Python-Markdown splits them: at line ends only, where
    ``str.splitlines()`` also splits at form feeds, U+2028 and other separators."""
    return text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")


def _block(lines: list[str]) -> Iterator[tuple[int, str, str]]:
    """``(index, line, kind)`` of each line of the block: "begin", "field", "more", "comment".

    The ``meta`` extension reads the block with the comments gone, so a line's
    kind is decided as if they were.
    """
    first, key = True, False
    for index, line in enumerate(lines):
        if COMMENT.match(line):
            yield index, line, "comment"
            continue
        if first and BEGIN_RE.match(line):
            yield index, line, "begin"
        elif not line.strip() or END_RE.match(line):
            return
        elif META_RE.match(line):
            key = True
            yield index, line, "field"
        elif key and META_MORE_RE.match(line):
            yield index, line, "more"
        else:
            return
        first = False


class CommentsExtension(Extension):
    """Python-Markdown extension: ``#`` lines in the metadata block are comments."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_DropComments(md), "metadata-comments", 28)  # before "meta"


class _DropComments(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if "meta" not in self.md.preprocessors:  # Pelican renders Summary with "meta" off
            return lines
        comments = {index for index, _, kind in _block(lines) if kind == "comment"}
        return [line for index, line in enumerate(lines) if index not in comments]
