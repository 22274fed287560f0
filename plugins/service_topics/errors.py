"""The one exception the plugin raises for bad input: it names the file and line."""

from __future__ import annotations

import os
from pathlib import Path


class TopicsError(Exception):
    """Bad vocabulary or essay metadata, reported as ``file:line: message``."""

    def __init__(self, path: str | Path, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = display_path(self.path)
        return f"{where}:{self.line}: {self.message}" if self.line else f"{where}: {self.message}"


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


def line_of(text: str, pattern, start: int = 1) -> int | None:
    """The 1-based number of the first line at or after ``start`` matching ``pattern``; lines
    end at line feeds only, as TOML and Markdown count them (not at U+2028, U+0085…)."""
    for number, line in enumerate(text.split("\n")[start - 1:], start):
        if pattern.search(line):
            return number
    return None
