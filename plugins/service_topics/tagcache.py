"""Each essay's candidates, kept between builds in Pelican's cache folder.

``tagging.candidates`` is a function of the essay's HTML, title and summary, of
the vocabulary and of the plugin's code and quote length alone: site-wide
statistics (commonness, the salience threshold) come after, on every build.
So its result can be kept, keyed by what it reads:

- each entry by a hash of the essay's HTML (as the sanitizer left it), title and
  summary, the bytes of ``topics.toml``, ``TOPICS_QUOTE_LENGTH`` and ``TOPICS_RELATIVES``: an edited
  essay or vocabulary misses, and its old entries are dropped when the cache is
  written again;
- the whole file by a hash of the code that tags (this package, the modules it
  imports from ``plugins/``), lemminflect's and Python's versions and the pickle
  protocol.

The file, ``CACHE_PATH/service_topics/candidates.pickle``, is a ``cachefile``: written
whole and moved into place, ignored with one warning line when it is cut short, corrupt or
written by other code, and then every essay is tagged afresh.  The cache changes the speed
of a build, never its output.

Pelican's own settings govern it: it is read when ``LOAD_CONTENT_CACHE`` is on
and written when ``CACHE_CONTENT`` is.
"""

from __future__ import annotations

import hashlib
import platform
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Mapping

from . import cachefile

FILE = Path("service_topics") / "candidates.pickle"
HEADER = b"service_topics candidates 1\n"
PLUGINS = Path(__file__).resolve().parent.parent
CODE = ("service_topics", "safe_html")  # folders of plugins/ whose code shapes the candidates
AFRESH = "tagging every essay afresh"


def code_key() -> str:
    """What every entry depends on besides the essay and the vocabulary."""
    digest = hashlib.sha256(f"python {platform.python_version()} lemminflect "
                            f"{version('lemminflect')} pickle {cachefile.PROTOCOL}\n".encode())
    for folder in CODE:
        for path in sorted((PLUGINS / folder).rglob("*.py")):
            digest.update(path.relative_to(PLUGINS).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class CandidateCache(cachefile.Entries):
    """The candidates of the essays of one build: ``get`` them, then ``save``."""

    def __init__(self, cache_path: Path, vocabulary: bytes, config: Mapping, *,
                 load: bool = True, save: bool = True) -> None:
        super().__init__(Path(cache_path) / FILE, HEADER, code_key(), AFRESH,
                         read=load, write=save)
        self.vocabulary = hashlib.sha256(vocabulary).hexdigest()
        self._salt = (f"{self.vocabulary}\0{config['TOPICS_QUOTE_LENGTH']!r}\0"
                      f"{config['TOPICS_RELATIVES']!r}\0")

    @classmethod
    def of_site(cls, settings: Mapping, vocabulary_path: Path,
                config: Mapping) -> CandidateCache | None:
        """The cache Pelican's ``settings`` ask for, or None when they ask for none."""
        load, save = bool(settings.get("LOAD_CONTENT_CACHE")), bool(settings.get("CACHE_CONTENT"))
        if not (load or save):
            return None
        return cls(Path(settings["CACHE_PATH"]), Path(vocabulary_path).read_bytes(), config,
                   load=load, save=save)

    def get(self, html: str, title: str, summary: str, compute: Callable[[], tuple]) -> tuple:
        """The essay's candidates: the cached ones, else ``compute()``'s."""
        text = f"{self._salt}{html}\0{title}\0{summary}"
        return super().get(hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                           digest_size=20).hexdigest(), compute)
