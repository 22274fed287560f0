"""A real Chromium (Debian's, at /usr/bin/chromium) looking at the real site over loopback."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitebuild import ROOT, build_site
from tests.conftest import Site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def require(path: str | Path, what: str) -> None:
    """Skip when a browser-test tool is missing, except in CI where that is a failure."""
    if Path(path).exists():
        return
    message = f"{what} not found at {path}: run `bash .ci/run` or see README's Testing section"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


# A renamed essay: its former URL is a redirect, a page kind of its own.
RENAMED, FORMER_SLUG = "who-provides-customer-service", "who-serves"


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory) -> Site:
    """The real content, paginated after 2 essays (and 1 per topic page) so every page kind
    exists, and with one essay given a former slug so that a redirect does too."""
    root = tmp_path_factory.mktemp("browser")
    content = shutil.copytree(ROOT / "content", root / "content")
    essay = content / "essays" / f"{RENAMED}.md"
    essay.write_text(essay.read_text(encoding="utf-8").replace(
        f"Slug: {RENAMED}\n", f"Slug: {RENAMED}\nFormer_slugs: {FORMER_SLUG}\n"),
        encoding="utf-8")
    return Site(build_site("pelicanconf.py", content=content, output=root / "output", overrides={
        "CACHE_PATH": str(root / "cache"), "DEFAULT_PAGINATION": 2, "TOPICS_PER_PAGE": 1}))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        """Serve the site's own 404 page, as a static host would."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def base_url(browser_site) -> str:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(browser_site.output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(AXE, "axe-core")
    return AXE.read_text(encoding="utf-8")


def which(program: str) -> str:
    found = shutil.which(program)
    require(found or f"(no {program} on PATH)", program)
    return found
