"""The Content-Security-Policy in a real Chromium: every page kind works under it, none breaks it.

The test server sends the built site's `_headers`, as the production host does,
so each page is held to both the <meta> policy and the header one.
"""

import pytest

from pelicanconf import SECURITY_HEADERS
from tests.browser.test_pages import PAGE_KINDS, visit
from tests.browser.conftest import serving
from tests.conftest import ESSAY, running_task
from tests.test_authoring import copy_of_the_project

FEEDS = {"site feed (Atom)": "/feeds/all.atom.xml", "site feed (RSS)": "/feeds/all.rss.xml",
         "topic feed": "/roles/barista/atom.xml"}

# Every policy violation the page reports, as the browser reports it.
REPORT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`));
"""


class Watched:
    """A page whose policy violations, console errors, failed requests and exceptions are kept.

    A feed opened in the browser has no icon link, so Chromium asks for
    /favicon.ico, which the site does not have: that one 404 is not counted.
    """

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.add_init_script(REPORT_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"exception: {error}"))
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console: {message.text}")

    def _response(self, response) -> None:
        ours = response.request.is_navigation_request() or response.url.endswith("/favicon.ico")
        if response.status >= 400 and not ours:
            self.errors.append(f"{response.status}: {response.url}")

    def problems(self) -> list[str]:
        return self.page.evaluate("window.__violations") + self.errors


@pytest.fixture
def watched(page):
    return Watched(page)


@pytest.mark.parametrize("kind", {**PAGE_KINDS, **FEEDS})
def test_every_page_kind_loads_under_the_policy_without_a_violation(watched, base_url, kind):
    # A redirect stays in view, as in test_pages: its meta refresh would otherwise replace
    # the page while its violations are read (the essay it leads to is a kind of its own).
    response = visit(watched.page, base_url, kind) if kind in PAGE_KINDS \
        else watched.page.goto(base_url + FEEDS[kind])
    if kind == "search":
        watched.page.wait_for_selector("#search-results li")
    watched.page.wait_for_load_state("networkidle")
    headers = response.all_headers()
    assert {name: headers.get(name.lower()) for name in SECURITY_HEADERS} == SECURITY_HEADERS
    assert watched.problems() == []


def test_searching_works_under_the_policy(watched, base_url):
    page = watched.page
    page.goto(base_url + "/search/")
    page.fill("#search-q", "bus driver")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li")
    assert "Who Provides Customer Service?" in page.locator("#search-results h2 a").all_inner_texts()
    page.select_option("#search-examples", "Holding the door")
    page.wait_for_url("**/search/?q=bus+driver&example=Holding+the+door")
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length == 1")
    assert watched.problems() == []


def test_the_feed_style_sheet_applies_under_the_policy(watched, base_url):
    watched.page.goto(base_url + "/feeds/all.atom.xml")
    notice = watched.page.evaluate("getComputedStyle(document.querySelector('feed'), '::before').content")
    assert "web feed" in notice
    assert watched.problems() == []


@pytest.mark.parametrize("kind", ["essay", "search", "topic"])
def test_dark_mode_applies_under_the_policy(watched, base_url, kind):
    colours = []
    for scheme in ["light", "dark"]:
        watched.page.emulate_media(color_scheme=scheme)
        watched.page.goto(base_url + PAGE_KINDS[kind])
        colours.append(watched.page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert colours[0] != colours[1]
    assert watched.problems() == []


def test_aligned_table_columns_stay_aligned_under_the_policy(make_site, page):
    """The one inline style a page may have: Markdown's column alignment, allowed by hash."""
    site = make_site({"essays/kindness.md": ESSAY + "\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"})
    watched = Watched(page)
    with serving(site.output) as base_url:
        page.goto(base_url + "/essays/a-small-kindness/")
        alignments = page.eval_on_selector_all(
            ".prose td", "cells => cells.map(cell => getComputedStyle(cell).textAlign)")
    assert alignments == ["left", "center", "right"]
    assert watched.problems() == []


def test_another_page_cannot_frame_the_site(page, base_url):
    """frame-ancestors and X-Frame-Options travel only in headers."""
    page.goto("about:blank")
    page.set_content(f'<iframe src="{base_url}/"></iframe>')
    page.wait_for_timeout(1000)
    (frame,) = page.main_frame.child_frames
    assert frame.url == "chrome-error://chromewebdata/"  # refused, not the home page


def test_livereload_reloads_under_the_policy(browser, tmp_path):
    """livereload's own injected script is allowed by its hash, and it connects."""
    context = browser.new_context()
    with running_task("livereload", copy_of_the_project(tmp_path)) as base_url:
        watched = Watched(context.new_page())
        response = watched.page.goto(base_url + "/")
        assert response.headers["content-security-policy"].endswith("frame-ancestors 'none'")
        watched.page.wait_for_function(  # a function: a string would need eval
            "() => window.LiveReload?.connector?.socket?.readyState === WebSocket.OPEN")
        assert watched.problems() == []
    context.close()
