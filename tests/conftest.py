"""Fixtures that build real sites, with the real settings and theme, and read them back."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent
from typing import Iterator

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT, build_site


# Tests that build into the project's own output/ and cache/ run one after another, on one
# worker, however many workers run the suite.
PROJECT_FOLDER = pytest.mark.xdist_group("project folder")


@dataclass
class Site:
    """A built site, read the way a browser would ask for it."""

    output: Path

    def file(self, url: str) -> Path:
        """The file a static server returns for a root-relative URL."""
        path = self.output / url.lstrip("/")
        return path / "index.html" if url.endswith("/") else path

    def page(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.file(url).read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


def write_content(folder: Path, files: dict[str, str | bytes]) -> None:
    """Write ``{relative path: text}`` under ``folder``, dedenting each text (bytes as they are)."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(dedent(text).lstrip(), encoding="utf-8")


def site_content(folder: Path, files: dict[str, str | bytes]) -> Path:
    """``folder`` holding just ``files``, and the real vocabulary unless they include one."""
    shutil.rmtree(folder, ignore_errors=True)
    write_content(folder, files)
    if "topics.toml" not in files:
        shutil.copy(ROOT / "content" / "topics.toml", folder / "topics.toml")
    return folder


ESSAY = dedent("""\
    Title: A Small Kindness
    Date: 2024-05-01 10:00
    Author: Ann Example
    Slug: a-small-kindness
    Summary: One door, held open.

    I held the door open for a stranger, and she said thank you.
""")


@pytest.fixture
def make_site(tmp_path):
    """Build a site from ``{path: text}`` content files in tmp_path; return a Site.

    The real vocabulary is used unless the files include a topics.toml.
    """

    def make(files: dict[str, str | bytes], settings: str = "pelicanconf.py",
             overrides: dict | None = None) -> Site:
        output = build_site(
            settings,
            content=site_content(tmp_path / "content", files),
            output=tmp_path / "output",
            overrides={"CACHE_PATH": str(tmp_path / "cache"), **(overrides or {})},
        )
        return Site(output)

    return make


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Site:
    """The real content/ built once with the development settings."""
    output = tmp_path_factory.mktemp("real") / "output"
    return Site(build_site("pelicanconf.py", content=ROOT / "content", output=output,
                           overrides={"CACHE_PATH": str(output.parent / "cache")}))


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_page(server, url: str, seconds: float = 30) -> bytes:
    """The body at ``url`` once the ``server`` process (a Popen) answers there."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=2).read()
        except OSError:
            assert server.poll() is None, f"{' '.join(map(str, server.args))} exited"
            assert time.monotonic() < deadline, f"nothing answered at {url}"
            time.sleep(0.1)


@contextlib.contextmanager
def running_task(task: str, cwd: Path = ROOT, log: Path | None = None,
                 seconds: float = 30) -> Iterator[str]:
    """``invoke TASK --port N`` (serve, livereload) running in ``cwd``: its base URL, once it
    answers within ``seconds``.  Its output goes to ``log``, if given."""
    port = free_port()
    with open(log or os.devnull, "w") as terminal:
        server = subprocess.Popen([sys.executable, "-m", "invoke", task, "--port", str(port)],
                                  cwd=cwd, stdout=terminal, stderr=terminal,
                                  env=os.environ | {"PYTHONUNBUFFERED": "1"})
    try:
        wait_for_page(server, f"http://127.0.0.1:{port}/", seconds)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
