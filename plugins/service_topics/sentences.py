"""Sentences of a block of text, and quotes of a readable length."""

from __future__ import annotations

import bisect
import re

# A sentence ends at . ! ? or … (closing quotes and brackets included) before
# white space and the capital, digit or opening quote that starts the next one.
BOUNDARY = re.compile(r"(?<=[.!?…])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|etc|e\.g|i\.e|No)\.$")
ABBREVIATION_REACH = 5  # the longest abbreviation, in characters: where to look for one


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, surrounding white space left out."""
    spans, start = [], 0
    for boundary in BOUNDARY.finditer(text):
        if ABBREVIATIONS.search(text, max(0, boundary.start() - ABBREVIATION_REACH),
                                boundary.start()):
            continue
        spans.append((start, boundary.end(1)))
        start = boundary.end()
    spans.append((start, len(text)))
    return [_strip(text, a, b) for a, b in spans if text[a:b].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The span in ``spans`` that holds ``position``."""
    index = bisect.bisect_right([start for start, _ in spans], position) - 1
    return spans[max(index, 0)]


def quote(text: str, start: int, end: int, focus: int, limit: int) -> str:
    """``text[start:end]`` as one line of at most about ``limit`` characters around ``focus``.

    A longer sentence is cut at word boundaries on both sides of ``focus`` and
    the cuts are marked with an ellipsis.
    """
    sentence = " ".join(text[start:end].split())
    if len(sentence) <= limit:
        return sentence
    focus = len(" ".join(text[start:focus].split()))
    left = max(0, min(focus - limit // 3, len(sentence) - limit))
    right = left + limit
    if left:
        left = sentence.find(" ", left, focus) + 1 or left
    if right < len(sentence):
        right = sentence.rfind(" ", focus, right) if " " in sentence[focus:right] else right
    opening = "…" if left else ""
    closing = "…" if right < len(sentence) else ""
    return f"{opening}{sentence[left:right].strip()}{closing}"
