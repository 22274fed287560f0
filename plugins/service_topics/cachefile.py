"""A cache file that cannot lie: a dict of entries, pickled, with a header, a key and a hash.

The file holds a header line naming what it is (and the version of its format),
the key of what every entry depends on besides its own key (the code, the
versions of the libraries), the SHA-256 of the rest, and the pickled entries.
It is written whole to a temporary file and moved into place, so a build killed
while writing leaves the previous file.  A file that is not of this kind, was
written with another key, is cut short or corrupt is ignored with one warning
line, and is replaced when the entries are stored again.

A process that builds again and again (the warm worker of ``invoke
livereload``) keeps the entries in memory and reads the file again only when it
is not the one it last read or wrote (another inode, time or size).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable

PROTOCOL = 5

# The entries last read or written, by the file's path: key, (inode, mtime, size), entries.
_memory: dict[Path, tuple[str, tuple[int, int, int], dict]] = {}


class Entries:
    """One build's entries of the cache file at ``path``: ``get`` each by its name, the
    file's entry if it has one, then ``save`` this build's (the others are dropped)."""

    def __init__(self, path: Path, header: bytes, key: str, afresh: str, *,
                 read: bool = True, write: bool = True) -> None:
        self.path, self.header, self.key, self.saving = path, header, key, write
        self.earlier = load(path, header, key, afresh) if read else {}
        self.entries: dict = {}
        self.hits = self.misses = 0

    def get(self, name: str, compute: Callable[[], object]):
        """The entry called ``name``: this build's, the file's, else ``compute()``'s."""
        found = self.entries.get(name)
        if found is None:
            found = self.earlier.get(name)
            if found is None:
                found = compute()
                self.misses += 1
            else:
                self.hits += 1
            self.entries[name] = found
        return found

    def save(self) -> None:
        """Write this build's entries, unless the file already holds exactly them."""
        if self.saving:
            store(self.path, self.header, self.key, self.entries,
                  unchanged=self.entries.keys() == self.earlier.keys())


def load(path: Path, header: bytes, key: str, afresh: str) -> dict:
    """The entries of ``path``; none if it is missing, or (with a warning saying what is
    done ``afresh``) if it cannot be trusted."""
    try:
        signature = _signature(path)
    except FileNotFoundError:
        return {}
    except OSError as error:
        return _ignore(path, f"it cannot be read ({error.strerror})", afresh)
    remembered = _memory.get(path)
    if remembered and remembered[:2] == (key, signature):
        return remembered[2]
    try:
        data = path.read_bytes()
    except OSError as error:
        return _ignore(path, f"it cannot be read ({error.strerror})", afresh)
    first, _, rest = data.partition(b"\n")
    stored_key, _, rest = rest.partition(b"\n")
    digest, _, payload = rest.partition(b"\n")
    if first + b"\n" != header:
        return _ignore(path, "it is not a cache of this kind and version", afresh)
    if stored_key.decode("ascii", "replace") != key:
        return _ignore(path, "it was written by another version of the code", afresh)
    if digest.decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
        return _ignore(path, "it is corrupt or incomplete", afresh)
    try:
        entries = pickle.loads(payload)  # noqa: S301: our own file, its hash checked
    except Exception:  # noqa: BLE001: any pickle that does not load is a cache to ignore
        entries = None
    if not isinstance(entries, dict):
        return _ignore(path, "it is corrupt or incomplete", afresh)
    _memory[path] = (key, signature, entries)
    return entries


def store(path: Path, header: bytes, key: str, entries: dict, *, unchanged: bool = False) -> None:
    """Write ``entries`` to ``path`` (``unchanged``: the file already holds them)."""
    if not unchanged:
        payload = pickle.dumps(entries, protocol=PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(b"".join([header, key.encode(), b"\n",
                                      hashlib.sha256(payload).hexdigest().encode(), b"\n",
                                      payload]))
        os.replace(partial, path)
    try:
        _memory[path] = (key, _signature(path), entries)
    except OSError:
        _memory.pop(path, None)


def forget() -> None:
    """Drop the entries kept in memory, as a new process starts without them."""
    _memory.clear()


def _ignore(path: Path, problem: str, afresh: str) -> dict:
    print(f"warning: {_shown(path)}: {problem}: ignoring it and {afresh}", file=sys.stderr)
    _memory.pop(path, None)
    return {}


def _signature(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
