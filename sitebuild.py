"""Build the site with Pelican so that a failed build never loses the last good one.

Pelican writes into a staging folder beside the output folder, Pagefind indexes
it for search; only when the whole build has succeeded does the staging folder
take the output's place.  An essay, page or topic URL of the site being replaced,
or of the site last published, that the new one lacks is a warning
(``authoring.lost_urls``), or, when publishing, an error that keeps the previous
site unless the loss is allowed.
Pelican runs in a child process (``python -m sitebuild PELICAN-ARGS``) with
``--fatal errors``: stock Pelican only logs a bad date, an unreadable file or a
failing plugin and exits 0, which would publish a silently wrong site.

Before Pelican starts, the author checks (``authoring.check``) read every essay,
page and the vocabulary: each mistake is one ``error: file:line: message`` line,
without a traceback, and any error stops the build; Pelican then takes the Markdown
the checks rendered rather than rendering it again (``sharedreads``).  ``check_content``
runs the checks alone, warnings included (``invoke check``).
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))


CHECK = "--check"  # run_pelican's own option: check the content, build nothing
UNUSED = "--unused"  # with --check: list each topic no essay mentions


# Pagefind indexes the built site for /search/ (into pagefind/ inside it).
PAGEFIND = [sys.executable, "-m", "pagefind", "--quiet"]


class BuildFailed(Exception):
    """Pelican stopped with an error; the previous output is untouched."""


def build_site(
    settings: str | Path = "pelicanconf.py",
    *,
    output: str | Path | None = None,
    content: str | Path | None = None,
    overrides: dict | None = None,
    published: Path | None = None,
    publishing: bool = False,
    allow_lost_urls: bool = False,
) -> Path:
    """Build into ``output`` (default: output/ beside this file) and return it.

    ``published`` records the URLs of the site last published; ``publishing`` refuses to
    lose one of them, or of the site in ``output`` (unless ``allow_lost_urls``), and
    rewrites the record.
    """
    settings = ROOT / settings
    output = Path(output) if output else ROOT / "output"
    staging = output.with_name(f".{output.name}.building-{os.getpid()}")

    command = _command(settings, content, overrides, "-o", str(staging), "--fatal", "errors")
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode == 0:
        result = subprocess.run(PAGEFIND + ["--site", str(staging)], cwd=ROOT)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise failure(output)
    refuse = publishing and not allow_lost_urls
    if not _keeps_urls(output, published, staging, refuse):
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"the build would lose the URLs above; {output} still holds the "
                          "previous site: add the redirects, or confirm with --allow-lost-urls")
    previous = replace_folder(output, staging)
    if previous:
        shutil.rmtree(previous, ignore_errors=True)
    if publishing and published:
        from authoring.lost_urls import write_record  # (its imports are slow: only when needed)

        write_record(published, output)
    return output


def failure(output: Path) -> BuildFailed:
    """What a failed build of ``output`` says."""
    kept = "still holds the previous site" if output.exists() else "was not created"
    return BuildFailed(f"the build failed; {output} {kept}")


def _keeps_urls(output: Path | None, published: Path | None, staging: Path,
                refuse: bool) -> bool:
    """Print each essay, page and topic URL of ``output`` or ``published`` that ``staging``
    lacks; False if there is one and losing it is refused."""
    from authoring.lost_urls import lost_urls  # (its imports are slow: after the build)
    from authoring.problems import ERROR, WARNING
    from former_urls import saved_as

    lost = lost_urls(output, published, lambda url: (staging / saved_as(url)).is_file(),
                     ERROR if refuse else WARNING)
    for problem in lost:
        print(problem, file=sys.stderr)
    return not (refuse and lost)


def check_content(
    settings: str | Path = "pelicanconf.py",
    *,
    content: str | Path | None = None,
    output: str | Path | None = None,
    overrides: dict | None = None,
    published: Path | None = None,
    unused: bool = False,
) -> bool:
    """Check the content as a build would, print the report, write nothing; True if no errors.

    URLs the content would lose are warned about: those of the site in ``output`` and those
    recorded in ``published``.  ``unused`` lists the topics no essay mentions, one line
    each, instead of counting them.
    """
    compare = {"LAST_SITE": output and str(output), "PUBLISHED_URLS": published and str(published)}
    options = (CHECK, UNUSED) if unused else (CHECK,)
    return subprocess.run(_command(ROOT / settings, content, {**(overrides or {}), **compare},
                                   *options), cwd=ROOT) \
        .returncode == 0


def _command(settings: Path, content: str | Path | None, overrides: dict | None,
             *options: str, module: str = "sitebuild") -> list[str]:
    """``python -m sitebuild`` (or ``module``) with Pelican's arguments."""
    command = [sys.executable, "-m", module, "-s", str(settings), *options]
    if content:
        command.insert(3, str(content))
    if overrides:  # one -e with every KEY=VALUE: a second -e would replace the first
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    return command


def replace_folder(output: Path, staging: Path) -> Path | None:
    """Put the freshly built ``staging`` folder where ``output`` is; return where the
    previous output now lies, to be deleted (None if there was none).

    Where the system can (Linux's ``renameat2``), the two folders change places in
    one step, so that ``output`` is always a whole site, the old or the new.
    """
    previous = output.with_name(f".{output.name}.previous-{os.getpid()}-{time.monotonic_ns()}")
    if output.exists() and _exchange(staging, output):
        staging.rename(previous)
        return previous
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    return previous if previous.exists() else None


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically; False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    at_cwd, exchange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE
    return renameat2 is not None and \
        renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), exchange) == 0


def run_pelican(argv: list[str]) -> int:
    """Pelican's command line, after the author checks (``--check``: the checks alone).

    The checks print each error (and, with ``--check``, each warning and a
    summary) on one line; any error stops here, before Pelican reads a file.
    """
    import pelican
    from authoring.check import check_site
    from authoring.checkcache import CheckCache
    from contentcache import cache_key, guarded_cache
    from service_topics.errors import TopicsError
    from sharedreads import shared_reads

    check_only = CHECK in argv
    args = pelican.parse_arguments([arg for arg in argv if arg not in (CHECK, UNUSED)])
    pelican.init_logging(level=args.verbosity, fatal=args.fatal,
                         handler=pelican.LOG_HANDLERS[args.log_handler])
    try:
        site, settings = pelican.get_instance(args)
        if check_only:  # reads every file afresh, and leaves the build's cache alone
            report = check_site(settings, warnings=True, unused=UNUSED in argv)
            report.print(sys.stderr, warnings=True)
            return 1 if report.errors else 0
        key = cache_key(settings)
        with guarded_cache(Path(settings["CACHE_PATH"]), key), shared_reads():  # the checks'
            report = check_site(settings, warnings=False, cache=CheckCache.of_site(settings, key))
            report.print(sys.stderr, warnings=False)
            if report.errors:
                return 1
            site.run()
    except TopicsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except RuntimeError as error:
        if str(error) != "Warning or error encountered":
            raise
        return 1  # Pelican has logged the error itself
    return 0


if __name__ == "__main__":
    sys.exit(run_pelican(sys.argv[1:]))
