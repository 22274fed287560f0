"""The edit loop of ``invoke livereload``: one Pelican instance kept warm between rebuilds.

A worker process (``python -m editloop PELICAN-ARGS``) holds the instance and
builds each time it reads ``build`` on its standard input, answering ``ok``,
``failed`` or ``restart`` on one line.  Every build runs the author checks,
then Pelican into a staging folder, which then takes the output's place in one
atomic exchange: a failed or killed build leaves the last good site in place.

When only essays or pages changed since the last build, the build is fast:
Pelican's content cache reads again only the files whose bytes changed, and
``incremental.ReusingWriter`` links every page and feed whose inputs did not
change from the last build instead of rendering it.  Any other change (the
vocabulary, a template, a static file) renders everything again; a change to
the settings, the plugins or the author checks asks for a new worker
(``restart``), since a warm process keeps the code it started with.

The site the exchange replaces is kept, and the next build is made over it
(``incremental.recycle``): its files are linked or written again where they
changed, and its folders, which cost the system far more to make than the files,
are already there.  What is left over is deleted in a process of the lowest
priority.  Pagefind indexes the new site once no build has been asked for during
half a second, also at the lowest priority: the search index follows a moment
later, and never slows a save that follows at once.  After a full build the
worker collects its garbage and freezes what is left (``gc.freeze``), so that
later collections pass over the warm state.
"""

from __future__ import annotations

import gc
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from jinja2 import BytecodeCache

from sitebuild import PAGEFIND, ROOT, _command, _keeps_urls, replace_folder

# A change here, or to the settings file, needs a new worker.
CODE = ("plugins", "authoring", "sitebuild.py", "editloop.py", "incremental.py",
        "contentcache.py", "sharedreads.py")
CONTENT_TYPES = {".md", ".markdown", ".mkd", ".mdown"}  # essays and pages: the fast path
IDLE = 0.5  # seconds without a request: the author is reading; collect garbage, index the site
LOW_PRIORITY = ["nice", "-n", "19"] if shutil.which("nice") else []
PUBLISHED = "--published="  # the worker's own option: the record of the URLs last published


class EditLoop:
    """Builds ``output`` again and again with one warm Pelican instance."""

    def __init__(self, argv: list[str], published: Path | None = None) -> None:
        import pelican
        from pelican.plugins import signals

        from contentcache import cache_key

        self.published = published
        args = pelican.parse_arguments(argv)
        self.pelican, self.settings = pelican.get_instance(args)
        self.output = Path(self.settings["OUTPUT_PATH"])
        self.staging = self.output.with_name(f".{self.output.name}.building-{os.getpid()}")
        self.settings["OUTPUT_PATH"] = self.pelican.output_path = str(self.staging)
        self.content = Path(self.settings["PATH"])
        self.watched = [self.content, Path(self.settings["THEME"]),
                        *(ROOT / path for path in CODE), Path(args.settings).resolve()]
        self.code = self.watched[2:]
        self.key = cache_key(self.settings)
        self.settings["JINJA_ENVIRONMENT"] = {**self.settings["JINJA_ENVIRONMENT"],
                                              "bytecode_cache": CompiledTemplates()}
        self.seen: dict[str, tuple[int, int]] = {}  # each watched file's mtime and size
        self.pending: set[Path] = set()  # changed since the last build that succeeded
        self.earlier: dict = {}  # the files of the build now in output/, by name
        self.lasting: dict = {}  # the fingerprints of its values that never change
        self.output_inode: int | None = None
        self.indexing: subprocess.Popen | None = None
        self.unindexed = False  # output/ has no search index yet
        self.background: list[subprocess.Popen] = []  # leftovers being deleted
        self.spare: Path | None = None  # the site before the one in output/, to build over
        self.spare_files: dict = {}  # its files, by name
        self.writer = None
        self.reuse = False
        self.recycled: dict[str, int] = {}  # the files of the staging folder as a build starts
        self.last = ""  # what the last successful build was: "fast" or "full"
        signals.get_writer.connect(self._writer_class, sender=self.pelican)

    def build(self) -> str:
        """Build once: ``ok``, ``failed``, or ``restart`` when the code or settings changed.
        Nothing is built when no watched file changed since the last good build."""
        started = bool(self.seen)
        changed = self._changes()
        if started and any(path.is_relative_to(code) for path in changed for code in self.code):
            return "restart"
        self.pending |= changed
        if not self.pending and self.last and self._output_is_ours():
            return "ok unchanged: nothing to build"
        fast = bool(self.last) and self._output_is_ours() and all(
            path.is_relative_to(self.content) and path.suffix in CONTENT_TYPES
            for path in self.pending)
        self._stop_indexing()
        paused = fast and gc.isenabled()  # a fast build leaves its garbage for later:
        if paused:                        # main() collects it when no build is asked for
            gc.disable()
        try:
            if not self._run(fast):
                return "failed"
        finally:
            if paused:
                gc.enable()
        self.pending.clear()
        self.last = "fast" if fast else "full"
        return f"ok {self.last}: {self.writer.rendered} rendered, {self.writer.reused} reused"

    def _check(self) -> bool:
        from authoring.check import check_site
        from authoring.checkcache import CheckCache

        report = check_site(self.settings, warnings=False,
                            cache=CheckCache.of_site(self.settings, self.key))
        report.print(sys.stderr, warnings=False)
        return not report.errors

    def _run(self, fast: bool) -> bool:
        from pelican.plugins import signals

        from contentcache import guarded_cache
        from sharedreads import shared_reads

        _reset_pelican_state()
        self.reuse = fast
        signals.initialized.send(self.pelican)  # plugins start a new build
        try:
            with guarded_cache(Path(self.settings["CACHE_PATH"]), self.key), shared_reads():
                if not self._check():
                    return False
                self.recycled = self._recycle_spare()
                self.pelican.run()
                self.writer.remove_leftovers()
        except Exception as error:  # noqa: BLE001: a failed build keeps the last good site
            from service_topics.errors import TopicsError

            if isinstance(error, TopicsError):
                print(f"error: {error}", file=sys.stderr)
            elif str(error) != "Warning or error encountered":
                print(f"error: the build failed: {error!r}", file=sys.stderr)
            shutil.rmtree(self.staging, ignore_errors=True)
            return False
        # Warn of the URLs lost: those of the published record, and those of the site in
        # output/ if a file of it is not in this build (looking costs more than the rest of
        # a small edit's build).
        dropped = not self.earlier or self.earlier.keys() - self.writer.written.keys()
        _keeps_urls(self.output if dropped else None, self.published, self.staging, refuse=False)
        earlier, self.lasting = self.writer.written, self.writer.fingerprints.kept
        self.spare = replace_folder(self.output, self.staging)
        self.spare_files, self.earlier = self.earlier, earlier
        self.output_inode = self.output.stat().st_ino
        self.unindexed = True
        return True

    def index(self) -> None:
        """Start Pagefind on the site in output/, unless it has its index."""
        if self.unindexed and self._output_is_ours():
            self.indexing = _in_background(PAGEFIND + ["--site", str(self.output)])
        self.unindexed = False

    def _recycle_spare(self) -> dict[str, int]:
        """Put the spare site in the staging folder, ready to be built over (``recycle``);
        return the files it holds."""
        from incremental import recycle

        shutil.rmtree(self.staging, ignore_errors=True)  # a failed build's
        if self.spare is None or not self.spare.is_dir():
            return {}
        self.spare.rename(self.staging)
        self.spare = None
        trash = self.staging.with_name(f"{self.staging.name}.leftovers-{time.monotonic_ns()}")
        kept = recycle(self.staging, self.spare_files, trash)
        if trash.exists():
            self.background = [job for job in self.background if job.poll() is None]
            self.background.append(_in_background(["rm", "-rf", "--", str(trash)]))
        return kept

    def _writer_class(self, sender):
        from incremental import ReusingWriter

        loop = self

        class EditLoopWriter(ReusingWriter):
            previous = loop.output if loop.reuse else None
            earlier = loop.earlier if loop.reuse else {}
            recycled = loop.recycled
            lasting = loop.lasting

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                loop.writer = self

        return EditLoopWriter

    def _changes(self) -> set[Path]:
        """The watched files added, changed or removed since the last call."""
        now: dict[str, tuple[int, int]] = {}
        for root in self.watched:
            _stat_files(str(root), now)
        changed = {path for path in now.keys() | self.seen.keys()
                   if now.get(path) != self.seen.get(path)}
        self.seen = now
        return {Path(path) for path in changed}

    def _output_is_ours(self) -> bool:
        """Whether output/ is still the folder the last build put there."""
        try:
            return self.output.stat().st_ino == self.output_inode
        except OSError:
            return False

    def _stop_indexing(self) -> None:
        if self.indexing and self.indexing.poll() is None:
            self.indexing.kill()
            self.indexing.wait()
        self.indexing = None

    def close(self) -> None:
        self._stop_indexing()
        for job in self.background:
            job.wait()
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.spare:
            shutil.rmtree(self.spare, ignore_errors=True)


def _in_background(command: list[str]) -> subprocess.Popen:
    """Start ``command`` at the lowest priority, so that it never slows the next build."""
    return subprocess.Popen([*LOW_PRIORITY, *command], cwd=ROOT)


def _stat_files(path: str, found: dict[str, tuple[int, int]]) -> None:
    """Add the mtime and size of ``path``, a file, or of every file under it to ``found``
    (``__pycache__`` folders left out): one ``scandir`` a folder, no Path per file."""
    try:
        entries = os.scandir(path)
    except NotADirectoryError:
        stat = os.stat(path)
        found[path] = (stat.st_mtime_ns, stat.st_size)
        return
    except FileNotFoundError:
        return
    with entries:
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__":
                    _stat_files(entry.path, found)
            elif entry.is_file():
                try:
                    stat = entry.stat()
                except FileNotFoundError:  # gone since the folder was read (an editor's save)
                    continue
                found[entry.path] = (stat.st_mtime_ns, stat.st_size)


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept from one build to the next of a warm worker: Jinja
    checks each against its template's source (by hash) and compiles a changed one again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _reset_pelican_state() -> None:
    """What Pelican keeps from one run to the next in a process: logged messages (which it
    would not log, and so not count as errors, a second time) and memoized contents."""
    from pelican.contents import Content
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    for memoized in (Content.get_content, Content.get_summary):
        memoized.cache.clear()


class Worker:
    """The livereload side: starts ``python -m editloop`` and asks it to build."""

    def __init__(self, settings: str | Path = "pelicanconf.py", *, output: Path,
                 content: str | Path | None = None, overrides: dict | None = None,
                 published: Path | None = None) -> None:
        self.command = _command(ROOT / settings, content, overrides, "-o", str(output),
                                "--fatal", "errors", module="editloop")
        if published:
            self.command.insert(3, f"{PUBLISHED}{published}")
        self.process: subprocess.Popen | None = None
        self.answer = ""  # the last build's, e.g. "ok fast: 9 rendered, 301 reused"

    def build(self) -> bool:
        """Build once, starting (or restarting) the worker as needed; True on success."""
        for _ in range(2):
            if self.process is None or self.process.poll() is not None:
                self.process = subprocess.Popen(self.command, cwd=ROOT, stdin=subprocess.PIPE,
                                                stdout=subprocess.PIPE, text=True)
            self.process.stdin.write("build\n")
            self.process.stdin.flush()
            self.answer = self.process.stdout.readline().strip()
            if self.answer not in ("restart", ""):
                return self.answer.startswith("ok")
            self.close()  # new code or settings, or the worker died: start afresh
        return False

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait()
        self.process = None


def serve(worker: Worker, output: Path, watched: list[Path], host: str, port: int, *,
          headers: Callable[[Path], dict] = lambda output: {}) -> None:
    """Serve ``output`` with livereload, rebuilding through ``worker`` on every change to
    ``watched``; the browser reloads after each build.  Every file is sent with the
    ``headers`` the first build's output gives."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    from filewatch import EventWatcher
    from sitebuild import failure

    def rebuild() -> None:
        """A failure is reported, and the last good site stays in output/ to be served."""
        if not worker.build():
            print(f"error: {failure(output)}", file=sys.stderr)

    rebuild()
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload after every rebuild, however close
    server = Server(watcher=EventWatcher())
    for name, value in headers(output).items():
        server.setHeader(name, value)
    for path in watched:
        server.watch(str(path), rebuild)
    try:
        server.serve(host=host, port=port, root=str(output))
    finally:
        server.watcher.stop.set()
        worker.close()


def main(argv: list[str]) -> int:
    """Serve build requests on stdin; answers go to the original stdout, logs to stderr."""
    import pelican

    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # Pelican prints to stdout
    published = next((Path(arg[len(PUBLISHED):]) for arg in argv if arg.startswith(PUBLISHED)),
                     None)
    argv = [arg for arg in argv if not arg.startswith(PUBLISHED)]
    args = pelican.parse_arguments(argv)
    pelican.init_logging(level=args.verbosity, fatal=args.fatal,
                         handler=pelican.LOG_HANDLERS[args.log_handler])
    loop = EditLoop(argv, published)
    uncollected = 0  # fast builds whose garbage is still there
    try:
        while True:
            if (uncollected or loop.unindexed) and not _asked_within(IDLE):  # the author reads
                if uncollected:
                    gc.collect()
                    uncollected = 0
                loop.index()
            line = sys.stdin.readline()
            if not line:
                break
            if line.strip() == "build":
                answer = loop.build()
                if answer.startswith("ok"):
                    print(f"built ({answer[3:]})", file=sys.stderr, flush=True)
                print(answer, file=answers, flush=True)
                if answer == "restart":
                    return 0
                if answer.startswith("ok full"):
                    _freeze_warm_state()
                    uncollected = 0
                    continue
                uncollected += 1
                if uncollected > 1:  # saves in quick succession: at most two builds' garbage
                    gc.collect()
                    uncollected = 0
    finally:
        loop.close()
    return 0


def _freeze_warm_state() -> None:
    """Collect a full build's garbage, then keep what outlives it (Pelican, the compiled
    vocabulary and templates) out of later collections, which then look at little more
    than one fast build's objects."""
    gc.unfreeze()  # what an earlier full build left may be garbage now
    gc.collect()
    gc.freeze()


def _asked_within(seconds: float) -> bool:
    """Whether a request comes on stdin within ``seconds``."""
    return bool(select.select([sys.stdin], [], [], seconds)[0])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
