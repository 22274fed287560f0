"""A feed opened in Chromium reads as a page, not as raw XML."""

import pytest


@pytest.mark.parametrize("url, entry", [("/feeds/all.atom.xml", "entry"),
                                        ("/feeds/all.rss.xml", "item"),
                                        ("/roles/barista/atom.xml", "entry")])
def test_a_feed_in_the_browser_explains_itself_and_lists_its_essays(page, base_url, url, entry):
    page.goto(base_url + url)
    notice = page.evaluate(
        "getComputedStyle(document.querySelector('feed, channel'), '::before').content")
    assert "web feed" in notice and "feed reader" in notice
    titles = page.evaluate(f"""[...document.querySelectorAll('{entry} > title')]
        .filter(t => getComputedStyle(t).display === 'block').map(t => t.textContent)""")
    assert "Who Provides Customer Service?" in titles
    hidden = page.evaluate(f"""[...document.querySelectorAll('{entry} > *')]
        .filter(e => ['content', 'description', 'id', 'link'].includes(e.localName))
        .every(e => getComputedStyle(e).display === 'none')""")
    assert hidden, "raw markup or ids are shown"
