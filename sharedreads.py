"""Render each essay's Markdown once per build, though the author checks and Pelican both read it.

The checks (``authoring.check``) read every file they have not cached with Pelican's
own readers before Pelican starts, and Pelican then reads the same files again.
Inside ``shared_reads()``, every reader that Pelican's ``Readers`` make hands what it
read of a file (its HTML and metadata) to the next reader of the same kind asking for
the same file, unchanged since (same size and modification time), instead of
rendering it again; each reading is handed on once, then forgotten.  What comes
after the reader (Pelican's metadata defaults, typogrify, the plugins) runs as before.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Any, Iterator

from pelican.plugins import signals


@contextmanager
def shared_reads() -> Iterator[None]:
    """Share readings between the ``Readers`` made inside the block."""
    kept: dict[tuple, tuple[str, dict]] = {}
    sharing: dict[type, type] = {}  # each reader class, and the one that shares its readings

    def share(readers) -> None:
        for fmt, reader in readers.reader_classes.items():
            if reader:
                if reader not in sharing:
                    sharing[reader] = _sharing(reader, kept)
                readers.reader_classes[fmt] = sharing[reader]

    signals.readers_init.connect(share)
    try:
        yield
    finally:
        signals.readers_init.disconnect(share)


def _sharing(reader: type, kept: dict[tuple, tuple[str, dict]]) -> type:
    """``reader`` that hands its readings on through ``kept`` (named as it is: Pelican
    records a content's reader by its class's name)."""

    def read(self, path: str) -> tuple[str, dict]:
        stat = os.stat(path)
        key = (reader, os.path.abspath(path), stat.st_size, stat.st_mtime_ns)
        if key in kept:
            content, metadata = kept.pop(key)
        else:
            content, metadata = kept[key] = reader.read(self, path)
        return content, {name: _copy(value) for name, value in metadata.items()}

    return type(reader.__name__, (reader,), {"read": read, "__qualname__": reader.__qualname__,
                                            "__module__": reader.__module__})


def _copy(value: Any) -> Any:
    """A value of a reading's metadata, its lists copied so that neither reader's changes
    reach the other."""
    return list(value) if isinstance(value, list) else value
