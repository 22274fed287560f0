"""Add a topic's table to topics.toml as text, keeping every byte already there."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from service_topics.errors import TopicsError
from service_topics.vocabulary import load_vocabulary

HEADER = re.compile(r"^\s*\[")


def insert_stanza(text: str, kind: str, stanza: str) -> str:
    """``text`` with ``stanza`` after the last table of ``kind`` (its section's end), or at
    the end of the file when there is none; a blank line before it."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    table = re.compile(rf"^\s*\[\s*{re.escape(kind)}\s*\.")
    last = max((i for i, line in enumerate(lines) if table.match(line)), default=None)
    if last is None:
        end = len(lines)
    else:
        end = last + 1  # after the table's last field, before comments about what follows
        for i in range(last + 1, len(lines)):
            if HEADER.match(lines[i]):
                break
            if lines[i].strip() and not lines[i].lstrip().startswith("#"):
                end = i + 1
    before = "".join(lines[:end])
    if before and not before.endswith(("\n", "\r")):
        before += newline
    blank = newline if before.strip() else ""
    after = "".join(lines[end:])
    added = blank + stanza.replace("\n", newline)
    if after.strip() and not after.startswith(("\n", "\r\n")):
        added += newline
    return before + added + after


def add_stanza(path: Path, kind: str, stanza: str) -> None:
    """Insert ``stanza`` in the vocabulary at ``path``, which must load afterwards; replace
    the file in one step (a temporary file renamed over it), or raise TopicsError and
    leave it as it was."""
    text = path.read_text(encoding="utf-8")
    updated = insert_stanza(text, kind, stanza)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".new")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(updated)
        try:
            load_vocabulary(temporary)
        except TopicsError as broken:
            raise TopicsError(path, broken.line, broken.message) from None
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
