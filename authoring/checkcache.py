"""What the author checks found in each file, kept between builds in Pelican's cache folder.

Most of the checks' time goes into rendering every file with Markdown and
typogrify, as Pelican will, to find what the sanitizer would drop and where the
file's links lead.  What rendering tells depends on the file alone: its path and
text, the code of the checks and plugins, the settings, the versions of Pelican,
Python and the libraries that render and read HTML.  So each file's findings are
kept, keyed by those:

- the errors in its HTML and HTML fields (``markup.check_markup``);
- the links it makes, each with its line (``body.link_targets``); whether each
  one leads somewhere depends on the whole site, so they are checked on every
  build, against the site as it is then.

A file's errors are reported, and stop the build, on every build until the file
is fixed: the cache keeps them as it keeps a clean file's lack of them.

The file, ``CACHE_PATH/authoring/checks.pickle``, is a ``service_topics.cachefile``:
written whole and moved into place, ignored with one warning line when it is cut
short, corrupt or written by other code, and then every file is checked afresh.
Builds use it when Pelican's content cache is on (read with ``LOAD_CONTENT_CACHE``,
written with ``CACHE_CONTENT``); ``invoke check`` does not.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Mapping, NamedTuple

from service_topics import cachefile

from .documents import Document
from .problems import Problem

FILE = Path("authoring") / "checks.pickle"
HEADER = b"authoring checks 1\n"
AFRESH = "checking every file afresh"
# Besides Pelican and Python (in contentcache.cache_key): what renders and reads the HTML.
LIBRARIES = ("markdown", "typogrify", "smartypants", "pygments", "beautifulsoup4", "nh3")


class Checked(NamedTuple):
    """What rendering one file tells the checks."""

    markup: tuple[Problem, ...]  # constructs the sanitizer would drop, bad HTML fields
    links: tuple[tuple[str, int], ...]  # every link target, with its line


class CheckCache(cachefile.Entries):
    """The findings of each file of one build: ``get`` them, then ``save``."""

    def __init__(self, cache_path: Path, key: str, *, load: bool = True,
                 save: bool = True) -> None:
        super().__init__(Path(cache_path) / FILE, HEADER, hashlib.sha256(" ".join(
            [key, *(f"{name} {version(name)}" for name in LIBRARIES)]).encode()).hexdigest(),
            AFRESH, read=load, write=save)

    @classmethod
    def of_site(cls, settings: Mapping, key: str) -> CheckCache | None:
        """The cache Pelican's ``settings`` ask for (None when they ask for none); ``key`` is
        ``contentcache.cache_key(settings)``: the code, Pelican, Python and the settings."""
        load, save = bool(settings.get("LOAD_CONTENT_CACHE")), bool(settings.get("CACHE_CONTENT"))
        if not (load or save):
            return None
        return cls(Path(settings["CACHE_PATH"]), key, load=load, save=save)

    def get(self, document: Document, compute: Callable[[Document], Checked]) -> Checked:
        """The findings of ``document``: the cached ones, else ``compute``'s."""
        name = hashlib.blake2b(f"{document.path}\0{document.kind}\0{document.text}"
                               .encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()
        return super().get(name, lambda: compute(document))

