"""Build the site in a child process and measure it: wall and CPU time, peak RSS, output."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "pelicanconf.py"
TOPICS_PLUGIN = "service_topics"
STOCK_PAGES = (("TAG", "tag"), ("CATEGORY", "category"), ("AUTHOR", "author"))  # D's, pretty
COLD = {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}  # timed builds read every file


class BuildError(Exception):
    """A benchmark build failed; its log says why."""


@dataclass(frozen=True)
class Variant:
    """One way of building the site."""

    name: str
    description: str
    module: str  # run as ``python -m MODULE``: the project's sitebuild, or stock pelican
    overrides: dict = field(default_factory=dict)
    tagged: bool = False  # builds the corpus with Pelican Tags: (corpus.with_tags)


@dataclass(frozen=True)
class Build:
    """What one build cost and produced."""

    seconds: float  # wall clock
    cpu_seconds: float  # user + system time of the build process
    peak_rss_kib: int
    output_bytes: int
    pages: int  # HTML files written
    load: float | None = None  # 1-minute load average as the build started


def variants(settings: Path = SETTINGS) -> list[Variant]:
    """A: the full site; B: the same without the topics plugin; C: stock Pelican; D: stock
    Pelican as issue 12 compares with, with typogrify, its own theme, tag pages and feeds."""
    from pelican.settings import DEFAULT_CONFIG, read_settings

    logging.disable(logging.WARNING)  # reading the settings warns about feeds without SITEURL
    try:
        plugins = [name for name in read_settings(str(settings))["PLUGINS"]
                   if name != TOPICS_PLUGIN]
    finally:
        logging.disable(logging.NOTSET)
    return [
        Variant("A", "full site (sitebuild, every plugin, typogrify)", "sitebuild"),
        Variant("B", f"topics plugin off (sitebuild, PLUGINS={plugins}, typogrify)", "sitebuild",
                {"PLUGINS": plugins}),
        Variant("C", "stock Pelican (`python -m pelican`, PLUGINS=[], TYPOGRIFY=False, "
                "our theme and settings)", "pelican", {"PLUGINS": [], "TYPOGRIFY": False}),
        Variant("D", "stock Pelican with typogrify, tag pages and feeds (`python -m pelican`, "
                "PLUGINS=[], TYPOGRIFY=True with every filter, Pelican's default theme, "
                "Markdown and Jinja settings, its tag, category and author pages, an Atom feed "
                "per tag; the same "
                "essays, each with 2–6 Tags:)", "pelican", {
                    "PLUGINS": [], "TYPOGRIFY": True, "TYPOGRIFY_OMIT_FILTERS": [],
                    "THEME": DEFAULT_CONFIG["THEME"], "MARKDOWN": DEFAULT_CONFIG["MARKDOWN"],
                    "JINJA_ENVIRONMENT": DEFAULT_CONFIG["JINJA_ENVIRONMENT"],
                    "DIRECT_TEMPLATES": DEFAULT_CONFIG["DIRECT_TEMPLATES"],
                    **{f"{name}_URL": f"{folder}/{{slug}}/" for name, folder in STOCK_PAGES},
                    **{f"{name}_SAVE_AS": f"{folder}/{{slug}}/index.html"
                       for name, folder in STOCK_PAGES},
                    **{f"{name}S_SAVE_AS": f"{folder}s/index.html" for name, folder in STOCK_PAGES},
                    "TAG_FEED_ATOM": "feeds/tag/{slug}.atom.xml"}, tagged=True),
    ]


def command(variant: Variant, corpus: Path, output: Path, cache: Path,
            settings: Path = SETTINGS, overrides: dict | None = None) -> list[str]:
    """The child's command line; every override goes after a single ``-e``
    (Pelican keeps only the last of several ``-e`` flags)."""
    settings_overrides = {"CACHE_PATH": str(cache), **COLD, **variant.overrides,
                          **(overrides or {})}
    return [sys.executable, "-m", variant.module, str(corpus), "-s", str(settings),
            "-o", str(output), "--fatal", "errors",
            "-e", *(f"{key}={json.dumps(value)}" for key, value in settings_overrides.items())]


def run_build(argv: list[str], output: Path, log: Path) -> Build:
    """Build into a fresh ``output`` and measure the child process."""
    shutil.rmtree(output, ignore_errors=True)
    load = os.getloadavg()[0]
    with log.open("wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode or not (output / "index.html").exists():
        raise BuildError(f"build failed (exit {child.returncode}); see {log}")
    files = [path for path in output.rglob("*") if path.is_file()]
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                 sum(path.stat().st_size for path in files),
                 sum(path.suffix == ".html" for path in files), load)


def pagefind_seconds(output: Path) -> float | None:
    """Time to index ``output`` the way the build does; None if the build has no Pagefind step.

    The build has one when ``sitebuild`` defines its ``PAGEFIND`` command and the
    ``pagefind`` package is installed.  It runs after Pelican, so the timed builds
    above leave it out.
    """
    import sitebuild

    indexing = getattr(sitebuild, "PAGEFIND", None)
    if indexing is None or importlib.util.find_spec("pagefind") is None:
        return None
    start = time.perf_counter()
    subprocess.run([*indexing, "--site", str(output)], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start
