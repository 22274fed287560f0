"""Pelican's content cache, guarded so that it can never yield a wrong page.

Pelican pickles what it has read into ``CACHE_PATH`` and, on the next build,
trusts any file it can unpickle: a file cut short by a killed build stops the
build with a traceback (gzip's ``EOFError`` is not among the errors Pelican
catches), and a cache written by another version of Pelican, of the plugins or
with other settings is used as if it were current.  This module keeps a stamp
beside the cache, ``CACHE_PATH/stamp.json``, written (atomically) only when a
build has finished: the cache's version key and the hash of every file in it.
Before each build the stamp is checked and removed; a cache without a stamp
(its build was killed), with another key or with a file that does not match
its hash is emptied with one warning, and the build reads every file afresh.

The key covers Pelican's and Python's versions, the code of the plugins and of
the author checks (the Markdown extension that reads metadata lives there),
and the settings (paths aside).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sys
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Iterator, Mapping

from pelican.plugins import signals

ROOT = Path(__file__).resolve().parent
STAMP = "stamp.json"
CODE = ("plugins", "authoring")  # folders whose Python code shapes what is read
VOLATILE = {"OUTPUT_PATH", "CACHE_PATH"}  # differ from build to build, change nothing read


def live_context(generator) -> None:
    """Give every content of ``generator`` this build's context.

    Pelican's cache (at its "generator" layer) pickles each content with the context
    of the build that read it, and resolves ``{filename}`` links and the site URL
    through it: a cached essay would link to another's old URL.
    """
    for content in (*getattr(generator, "articles", ()), *getattr(generator, "translations", ()),
                    *getattr(generator, "drafts", ()),
                    *getattr(generator, "drafts_translations", ()),
                    *getattr(generator, "hidden_articles", ()),
                    *getattr(generator, "hidden_translations", ()),
                    *getattr(generator, "pages", ()), *getattr(generator, "hidden_pages", ()),
                    *getattr(generator, "draft_pages", ())):
        content._context = generator.context


signals.article_generator_pretaxonomy.connect(live_context)
signals.page_generator_finalized.connect(live_context)


def cache_key(settings: Mapping) -> str:
    """What the cache's content depends on besides the files it caches."""
    digest = hashlib.sha256()
    digest.update(f"pelican {version('pelican')} python {platform.python_version()}\n".encode())
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    for name, value in sorted(settings.items()):
        if name not in VOLATILE:
            text = repr(value)
            # Objects without a stable repr (functions, instances) count by their type only.
            digest.update(f"{name}={type(value).__name__ if ' at 0x' in text else text}\n"
                          .encode())
    return digest.hexdigest()


@contextmanager
def guarded_cache(cache: Path, key: str) -> Iterator[None]:
    """Check the cache before the build, stamp it once the build has succeeded.

    ``key`` is ``cache_key`` of the settings as read, before any build (plugins
    may add to the settings while building).
    """
    problem = _problem(cache, key)
    if problem:
        print(f"warning: {_shown(cache)}: {problem}: ignoring it and reading every file afresh",
              file=sys.stderr)
        shutil.rmtree(cache, ignore_errors=True)
    (cache / STAMP).unlink(missing_ok=True)  # a build killed from here on leaves no stamp
    yield
    if cache.is_dir():
        _write_stamp(cache, key)


def _problem(cache: Path, key: str) -> str | None:
    """Why the cache at ``cache`` cannot be trusted, or None (an empty cache is fine)."""
    files = _cache_files(cache)
    if not files:
        return None
    try:
        stamp = json.loads((cache / STAMP).read_text(encoding="utf-8"))
        stamped_key, hashes = stamp["key"], stamp["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return "it was left by a build that did not finish"
    if stamped_key != key:
        return "it was written by another version of the code, of Pelican or of the settings"
    if hashes != {name: _hash(cache / name) for name in files}:
        return "it is corrupt or incomplete"
    return None


def _write_stamp(cache: Path, key: str) -> None:
    stamp = {"key": key, "files": {name: _hash(cache / name) for name in _cache_files(cache)}}
    partial = cache / f".{STAMP}.{os.getpid()}"
    partial.write_text(json.dumps(stamp, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(partial, cache / STAMP)


def _cache_files(cache: Path) -> list[str]:
    if not cache.is_dir():
        return []
    return sorted(path.relative_to(cache).as_posix() for path in cache.rglob("*")
                  if path.is_file() and path.name != STAMP and not path.name.startswith("."))


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _shown(path: Path) -> str:
    try:
        return f"{path.relative_to(Path.cwd())}/"
    except ValueError:
        return f"{path}/"
