"""The topic map: the most-mentioned roles against the most-mentioned examples.

A pure function lays the map out as SVG geometry (whole pixels, so the same
essays give the same bytes); ``map.html`` only prints it.  Text widths are
estimated from the number of characters, generously, since a build knows no
font metrics.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import urlencode

from .ranking import co_occurring
from .vocabulary import Topic, Vocabulary

SHADES = 5  # shade classes of a cell with essays: 1 (fewest) to 5 (most)
CELL = 30  # side of a cell, in px
STEP = CELL + 2  # from one cell to the next
FONT = 13  # size of the labels, in px (site.css: .topic-map text)
LINE = 14  # from one line of a row's label to the next
CHAR = 0.55 * FONT  # average width of a character, rounded up
WRAP = 18  # a row's label longer than this many characters takes two lines
PAD = 8  # between a label and the cells
EDGE = 2  # room left of the first column for a focused cell's outline
SLANT = math.sqrt(0.5)  # column labels rise at 45°


@dataclass(frozen=True)
class Label:
    """A row's role or a column's example: its lines of text and their positions.

    A row's lines end at ``x``; a column's one line starts there and rises.
    """

    topic: Topic
    x: int
    lines: tuple[tuple[str, int], ...]  # (text, baseline y)

    @property
    def y(self) -> int:
        return self.lines[0][1]


@dataclass(frozen=True)
class Cell:
    """The essays that tag both a role and an example."""

    role: Topic
    example: Topic
    count: int
    shade: int  # 0 for no essay, else 1..SHADES
    search: str  # the search page's query for both, e.g. "?role=Barista&example=…"
    x: int
    y: int

    @property
    def name(self) -> str:
        """What a screen reader says: "Barista × Holding the door: 3 essays"."""
        essays = "no essays" if not self.count else (
            "1 essay" if self.count == 1 else f"{self.count} essays")
        return f"{self.role.name} × {self.example.name}: {essays}"

    @property
    def centre(self) -> tuple[int, int]:
        return self.x + CELL // 2, self.y + CELL // 2


@dataclass(frozen=True)
class TopicMap:
    """The map in two pictures side by side: the rows' labels, and the grid.

    The grid (column labels and cells) scrolls sideways on a narrow screen
    while the labels stay, so both have the same ``height``.
    """

    rows: tuple[Label, ...] = ()
    columns: tuple[Label, ...] = ()
    cells: tuple[tuple[Cell, ...], ...] = ()  # one tuple per row
    label_width: int = 0
    grid_width: int = 0
    height: int = 0
    cell: int = CELL

    def __bool__(self) -> bool:
        return bool(self.rows and self.columns)


def topic_map(vocabulary: Vocabulary, topics_of: Mapping[Any, Sequence[str]],
              roles: int, examples: int) -> TopicMap:
    """The ``roles`` most-mentioned roles against the ``examples`` most-mentioned examples.

    ``topics_of`` gives each essay's topic keys, as tagged (not broader ones),
    so that a cell counts exactly the essays a search for both finds.  Ties
    rank A–Z.  A cell's shade is its count as a share of the largest count, in
    ``SHADES`` steps.
    """
    mentions = Counter(key for keys in topics_of.values() for key in set(keys))
    ranked = sorted(mentions, key=lambda k: (-mentions[k], vocabulary[k].name.casefold(), k))
    row_topics = [vocabulary[k] for k in ranked if vocabulary[k].kind == "roles"][:roles]
    column_topics = [vocabulary[k] for k in ranked if vocabulary[k].kind == "examples"][:examples]
    beside = co_occurring(topics_of)
    counts = [[beside[role.key][example.key] for example in column_topics]
              for role in row_topics]
    most = max((n for row in counts for n in row), default=0)

    row_lines = [_wrap(role.name) for role in row_topics]
    label_width = _width(line for lines in row_lines for line in lines) + PAD
    top = math.ceil(_width(e.name for e in column_topics) * SLANT) + PAD + FONT
    rows = tuple(Label(role, label_width - PAD, _baselines(lines, top + i * STEP + CELL // 2))
                 for i, (role, lines) in enumerate(zip(row_topics, row_lines)))
    columns = tuple(Label(example, EDGE + j * STEP + CELL // 2, ((example.name, top - PAD),))
                    for j, example in enumerate(column_topics))
    cells = tuple(
        tuple(Cell(role, example, n, math.ceil(SHADES * n / most) if n else 0,
                   "?" + urlencode({"role": role.name, "example": example.name}),
                   EDGE + j * STEP, top + i * STEP)
              for j, (example, n) in enumerate(zip(column_topics, row_counts)))
        for i, (role, row_counts) in enumerate(zip(row_topics, counts)))
    reach = max((label.x + math.ceil(_width([label.topic.name]) * SLANT) for label in columns),
                default=0)
    return TopicMap(rows, columns, cells, label_width,
                    max(EDGE + len(columns) * STEP, reach) + PAD, top + len(rows) * STEP)


def _wrap(name: str) -> tuple[str, ...]:
    """``name`` on one line, or on two split at the space that balances them best."""
    spaces = [i for i, char in enumerate(name) if char == " "]
    if len(name) <= WRAP or not spaces:
        return (name,)
    at = min(spaces, key=lambda i: (max(i, len(name) - i - 1), i))
    return name[:at], name[at + 1:]


def _baselines(lines: tuple[str, ...], centre: int) -> tuple[tuple[str, int], ...]:
    """Each line with the baseline that centres the lines on ``centre``."""
    first = centre - (len(lines) - 1) * LINE // 2 + round(0.35 * FONT)
    return tuple((line, first + i * LINE) for i, line in enumerate(lines))


def _width(texts: Iterable[str]) -> int:
    """The widest of ``texts``, estimated, in px."""
    return math.ceil(max((len(text) for text in texts), default=0) * CHAR)
