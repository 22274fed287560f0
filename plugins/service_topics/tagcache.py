"""Each essay's candidates, kept between builds in Pelican's cache folder.

``tagging.candidates`` is a function of the essay's HTML, title and summary, of
the vocabulary and of the plugin's code and quote length alone: site-wide
statistics (commonness, the salience threshold) come after, on every build.
So its result can be kept, keyed by what it reads:

- each entry by a hash of the essay's HTML (as the sanitizer left it), title and
  summary, the bytes of ``topics.toml`` and ``TOPICS_QUOTE_LENGTH``: an edited
  essay or vocabulary misses, and its old entries are dropped when the cache is
  written again;
- the whole file by a hash of the code that tags (this package, the modules it
  imports from ``plugins/``), lemminflect's and Python's versions and the pickle
  protocol.

The file, ``CACHE_PATH/service_topics/candidates.pickle``, is written whole to a
temporary file and moved into place, so a build killed while writing it leaves
the previous file.  It starts with a header line, the code's key and a hash of
the rest: a file that is not a cache of this kind, written by other code, cut
short or corrupt is ignored with one warning line, every essay is tagged
afresh and the file written again.  The cache changes the speed of a build,
never its output.

Pelican's own settings govern it: it is read when ``LOAD_CONTENT_CACHE`` is on
and written when ``CACHE_CONTENT`` is.  A process that builds again and again
(the warm worker of ``invoke livereload``) keeps the entries in memory and reads
the file again only when it is not the one it last read or wrote.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Hashable, Mapping

FILE = Path("service_topics") / "candidates.pickle"
HEADER = b"service_topics candidates 1\n"
PROTOCOL = 5
PLUGINS = Path(__file__).resolve().parent.parent
CODE = ("service_topics", "safe_html")  # folders of plugins/ whose code shapes the candidates

# The entries last read or written, by the file's path: its key, its (inode, mtime, size), them.
_memory: dict[Path, tuple[str, tuple[int, int, int], dict[str, tuple]]] = {}


def code_key() -> str:
    """What every entry depends on besides the essay and the vocabulary."""
    digest = hashlib.sha256(f"python {platform.python_version()} lemminflect "
                            f"{version('lemminflect')} pickle {PROTOCOL}\n".encode())
    for folder in CODE:
        for path in sorted((PLUGINS / folder).rglob("*.py")):
            digest.update(path.relative_to(PLUGINS).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class CandidateCache:
    """The candidates of the essays of one build: ``get`` them, then ``save``."""

    def __init__(self, cache_path: Path, vocabulary: bytes, config: Mapping, *,
                 load: bool = True, save: bool = True) -> None:
        self.path = Path(cache_path) / FILE
        self.key = code_key()
        self.saving = save
        self._salt = hashlib.sha256(vocabulary).hexdigest() + \
            f"\0{config['TOPICS_QUOTE_LENGTH']!r}\0"
        self.earlier = self._load() if load else {}
        self.entries: dict[str, tuple] = {}  # this build's, by their essay's hash
        self.hits = self.misses = 0

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
        essay = self._essay_key(html, title, summary)
        found = self.entries.get(essay)
        if found is None:
            found = self.earlier.get(essay)
            if found is None:
                found = compute()
                self.misses += 1
            else:
                self.hits += 1
            self.entries[essay] = found
        return found

    def save(self) -> None:
        """Write this build's entries, unless the file already holds exactly them."""
        if not self.saving or self.entries.keys() == self.earlier.keys():
            if self.saving:
                self._remember(self.entries)
            return
        payload = pickle.dumps(self.entries, protocol=PROTOCOL)
        data = b"".join([HEADER, self.key.encode(), b"\n",
                         hashlib.sha256(payload).hexdigest().encode(), b"\n", payload])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        partial.write_bytes(data)
        os.replace(partial, self.path)
        self._remember(self.entries)

    def _essay_key(self, html: str, title: str, summary: str) -> str:
        text = f"{self._salt}{html}\0{title}\0{summary}"
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def _load(self) -> dict[str, tuple]:
        """The entries of the file, or none (with one warning if it cannot be trusted)."""
        try:
            signature = _signature(self.path)
        except FileNotFoundError:
            return {}
        except OSError as error:
            return self._ignore(f"it cannot be read ({error.strerror})")
        remembered = _memory.get(self.path)
        if remembered and remembered[:2] == (self.key, signature):
            return remembered[2]
        try:
            data = self.path.read_bytes()
        except OSError as error:
            return self._ignore(f"it cannot be read ({error.strerror})")
        header, _, rest = data.partition(b"\n")
        key, _, rest = rest.partition(b"\n")
        digest, _, payload = rest.partition(b"\n")
        if header + b"\n" != HEADER:
            return self._ignore("it is not a tag cache of this version")
        if key.decode("ascii", "replace") != self.key:
            return self._ignore("it was written by another version of the code")
        if digest.decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
            return self._ignore("it is corrupt or incomplete")
        try:
            entries = pickle.loads(payload)  # noqa: S301: our own file, its hash checked
        except Exception:  # noqa: BLE001: any unreadable pickle is a cache to ignore
            return self._ignore("it is corrupt or incomplete")
        if not isinstance(entries, dict):
            return self._ignore("it is corrupt or incomplete")
        _memory[self.path] = (self.key, signature, entries)
        return entries

    def _ignore(self, problem: str) -> dict:
        print(f"warning: {_shown(self.path)}: {problem}: ignoring it and tagging every essay "
              "afresh", file=sys.stderr)
        _memory.pop(self.path, None)
        return {}

    def _remember(self, entries: dict[str, tuple]) -> None:
        try:
            _memory[self.path] = (self.key, _signature(self.path), entries)
        except OSError:
            _memory.pop(self.path, None)


def cached_candidates(cache: CandidateCache, texts: Mapping[Hashable, tuple],
                      compute: Callable[[tuple], tuple]) -> dict:
    """The candidates of every essay in ``texts`` (EssayText), from ``cache`` where it has them."""
    return {essay: cache.get(text.html, text.metadata.get("title", ""),
                             text.metadata.get("summary", ""), lambda text=text: compute(text))
            for essay, text in texts.items()}


def _signature(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
