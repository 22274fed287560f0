"""What the checks find: one ``severity: file:line: message`` line each, and a summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from service_topics.errors import TopicsError, display_path

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    severity: str  # ERROR stops the build; WARNING is for the author to look at
    path: Path
    line: int | None
    message: str

    @classmethod
    def of(cls, error: TopicsError) -> Problem:
        return cls(ERROR, error.path, error.line, error.message)

    def __str__(self) -> str:
        where = display_path(self.path) + (f":{self.line}" if self.line else "")
        return f"{self.severity}: {where}: {self.message}"


def error(path: Path, line: int | None, message: str) -> Problem:
    return Problem(ERROR, path, line, message)


def warning(path: Path, line: int | None, message: str) -> Problem:
    return Problem(WARNING, path, line, message)


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]
    checked: str  # what was read, e.g. "5 essays, 1 page and content/topics.toml"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def summary(self) -> str:
        return f"checked {self.checked}: {_count(self.errors, 'error')}, " \
               f"{_count(self.warnings, 'warning')}"

    def print(self, file: TextIO, *, warnings: bool) -> None:
        """Errors, then (if asked) warnings and the summary, each group by file and line."""
        shown = [self.errors, self.warnings] if warnings else [self.errors]
        for group in shown:
            for problem in sorted(group, key=lambda p: (str(p.path), p.line or 0)):
                print(problem, file=file)
        if warnings:
            print(self.summary(), file=file)


def _count(items: list, noun: str) -> str:
    return f"{len(items) or 'no'} {noun}{'' if len(items) == 1 else 's'}"
