"""The hand labels of ``labels.toml`` and the essays they describe.

``[<set>.<slug>]`` labels an essay of one of the ``SETS``: ``[corpus.<slug>]`` one of
``evaluation/essays/``, ``[holdout.<slug>]`` one of ``evaluation/holdout/``,
``[holdout2.<slug>]`` one of ``evaluation/holdout2/`` and ``[holdout3.<slug>]`` one of
``evaluation/holdout3/`` (all three written without looking at the vocabulary, and never tuned
to), ``[site.<slug>]`` one of the site's own ``content/essays/``.
Each essay lists its ``roles`` and ``examples`` as ``["plain name", "the sentence that shows
it"]`` pairs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LABELS = HERE / "labels.toml"
SETS = {"corpus": HERE / "essays", "holdout": HERE / "holdout",
        "holdout2": HERE / "holdout2", "holdout3": HERE / "holdout3",
        "site": ROOT / "content" / "essays"}
KINDS = ("roles", "examples")


class LabelsError(Exception):
    """labels.toml does not match the essays; the message says what to fix."""


@dataclass(frozen=True)
class Label:
    """One role or example a reader would name, and the sentence that shows it."""

    name: str
    sentence: str


@dataclass(frozen=True)
class LabelledEssay:
    slug: str
    path: Path
    roles: tuple[Label, ...]
    examples: tuple[Label, ...]

    def labels(self, kind: str) -> tuple[Label, ...]:
        return self.roles if kind == "roles" else self.examples


def essay_files(folder: Path) -> dict[str, Path]:
    """The Markdown essays of ``folder`` by their ``Slug:``."""
    return {metadata(path)["slug"]: path for path in sorted(folder.glob("*.md"))}


def metadata(path: Path) -> dict[str, str]:
    """The essay's ``Field: value`` header, field names lowercased."""
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {name.strip().lower(): value.strip() for name, value in
            (line.split(":", 1) for line in header.splitlines() if ":" in line)}


def body(path: Path) -> str:
    """The essay's text below its metadata, Markdown emphasis and heading marks removed."""
    text = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
    return re.sub(r"(?m)^#+\s*|[*_]", "", text)


def load_labels(path: Path = LABELS,
                sets: dict[str, Path] = SETS) -> dict[str, list[LabelledEssay]]:
    """Every labelled essay, by set, in the order of ``path``; LabelsError on a mismatch."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    unknown = set(data) - set(sets)
    if unknown:
        raise LabelsError(f"{path.name}: unknown set [{sorted(unknown)[0]}]: "
                          f"use {', '.join(f'[{name}.<slug>]' for name in sets)}")
    labelled = {}
    for name, folder in sets.items():
        files = essay_files(folder)
        labelled[name] = [_essay(path.name, name, slug, files, table)
                          for slug, table in data.get(name, {}).items()]
    return labelled


def _essay(where: str, set_name: str, slug: str, files: dict[str, Path],
           table: dict) -> LabelledEssay:
    section = f"{where}: [{set_name}.{slug}]"
    if slug not in files:
        raise LabelsError(f"{section}: no essay has Slug: {slug}")
    unknown = set(table) - set(KINDS)
    if unknown:
        raise LabelsError(f"{section}: unknown field {sorted(unknown)[0]!r}: "
                          "use roles = [...] and examples = [...]")
    pairs = {}
    for kind in KINDS:
        entries = table.get(kind, [])
        if not all(isinstance(entry, list) and len(entry) == 2 and
                   all(isinstance(item, str) and item.strip() for item in entry)
                   for entry in entries):
            raise LabelsError(f"{section}: every entry of {kind} is "
                              '["plain name", "the sentence that shows it"]')
        pairs[kind] = tuple(Label(name.strip(), sentence.strip()) for name, sentence in entries)
    return LabelledEssay(slug, files[slug], pairs["roles"], pairs["examples"])
