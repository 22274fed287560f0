"""Every page kind in a real Chromium: layout at phone and desk widths, keyboard, links, axe."""

import json

import pytest

from tests.browser.conftest import FORMER_SLUG, RENAMED

PAGE_KINDS = {
    "home": "/",
    "home, page 2": "/page/2/",
    "essay": "/essays/who-provides-customer-service/",
    "page": "/about/",
    "archives": "/archives/",
    "roles index": "/roles/",
    "examples index": "/examples/",
    "topic": "/roles/teacher/",
    "topic, page 2": "/roles/teacher/page/2/",
    "search": "/search/?q=barista",
    "topic map": "/map/",
    "not found": "/no/such/page/",
    "redirect": f"/essays/{FORMER_SLUG}/",
}


def visit(page, base_url, kind):
    """Open the page of ``kind``; a redirect stays in view (the page it leads to is not
    loaded), to be looked at itself."""
    if kind == "redirect":
        page.route(f"{base_url}/essays/{RENAMED}/", lambda route: route.abort("aborted"))
    return page.goto(base_url + PAGE_KINDS[kind])


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_page_scrolls_sideways(page, base_url, kind, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = visit(page, base_url, kind)
    assert response.status == (404 if kind == "not found" else 200)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{kind} at {width}px scrolls sideways by {overflow}px"
    assert page.locator("h1").count() == 1


def test_the_keyboard_reaches_the_skip_link_and_the_main_sections(page, base_url):
    page.goto(base_url + "/essays/who-provides-customer-service/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.goto(base_url + "/")
    labels = []
    for _ in range(8):
        page.keyboard.press("Tab")
        labels.append(page.evaluate("document.activeElement.textContent.trim()"))
        if labels[-1] == "Roles":
            break
    assert labels[-1] == "Roles", labels
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "/roles/")
    assert page.locator("h1").inner_text() == "Roles"


def test_focus_is_visible(page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_a_role_on_an_essay_leads_to_its_topic_page(page, base_url):
    page.goto(base_url + "/essays/who-provides-customer-service/")
    page.locator(".essay-topics a", has_text="Bus driver").first.click()
    page.wait_for_url(base_url + "/roles/bus-driver/")
    assert page.locator("h1").inner_text() == "Bus driver"


def test_an_evidence_quote_leads_back_to_its_passage(page, base_url):
    page.goto(base_url + "/roles/bus-driver/")
    quote = page.locator(".evidence blockquote").first.inner_text()
    page.locator(".evidence figcaption a").first.click()
    page.wait_for_url(base_url + "/essays/who-provides-customer-service/#topic-bus-driver")
    page.wait_for_function(  # the passage scrolls into view (smoothly, unless reduced motion)
        "() => { const top = document.getElementById('topic-bus-driver')"
        ".getBoundingClientRect().top; return top >= 0 && top < innerHeight; }", timeout=5000)
    target = page.locator("#topic-bus-driver")
    sentence = target.evaluate("node => node.closest('p').textContent")
    assert quote.strip("“”") in " ".join(sentence.split())


@pytest.mark.parametrize("javascript", [True, False])
def test_a_redirect_leads_to_the_renamed_essay(browser, base_url, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(base_url + PAGE_KINDS["redirect"])
    page.wait_for_url(f"{base_url}/essays/{RENAMED}/")
    assert page.locator("main h1").inner_text() == "Who Provides Customer Service?"
    context.close()


def test_every_page_reads_with_javascript_off(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for url in PAGE_KINDS.values():
        page.goto(base_url + url)
        assert page.locator("main h1").inner_text()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_accessibility_violations(page, base_url, axe_source, kind, scheme):
    page.emulate_media(color_scheme=scheme)
    visit(page, base_url, kind)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [
        {"rule": v["id"], "impact": v["impact"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, indent=1)
