"""Hostile essays in real builds: the checks stop the build at the line that needs fixing,
harmless HTML reaches the page and the feed, and the sanitizer alone (checks bypassed)
still lets nothing through."""

import subprocess
import sys
from textwrap import dedent

import feedparser
import pytest
from bs4 import BeautifulSoup

from safe_html.characters import unpublishable
from sitebuild import ROOT
from tests.conftest import ESSAY, site_content
from tests.test_checks import check_then_build, errors_of, previous_site, problems  # noqa: F401

BODY = dedent("""\

    [click me](javascript:alert(1)) and <a href="JaVaScRiPt:alert(4)">this</a>.

    <img src="x" onerror="alert(2)"> and <svg onload="alert(3)"></svg>

    <iframe src="https://example.org/"></iframe>

    [tricky](&#106;avascript:alert(5))

    ## A heading {: onclick="alert(6)" }

    <form action="https://example.org/"><input name="password"></form>
    <style>body { display: none }</style> <base href="https://example.org/">
    <meta http-equiv="refresh" content="0; url=https://example.org/"> <blink>old</blink>

    `<script>` in code is shown, not run.
""")

HOSTILE_FIELDS = {
    "a title with an event handler": (
        ESSAY.replace("Title: A Small Kindness", "Title: <img src=x onerror=alert(1)> Evil"),
        ["{file}:1: Title: <img> has no place in a title, which is shown inside a link and a "
         "heading: use text and inline markup such as <em> or <code>"]),
    "a title that closes <title>": (
        ESSAY.replace("Title: A Small Kindness", "Title: Evil</title><script>alert(1)</script>"),
        ["{file}:1: Title: <script> would run in readers' browsers: to show it, put it in "
         "backticks (`<script>`)"]),
    "a summary with a script": (
        ESSAY.replace("Summary: One door, held open.",
                      "Summary: One door <script>alert(1)</script>"),
        ["{file}:5: Summary: <script> would run in readers' browsers: to show it, put it in "
         "backticks (`<script>`)"]),
    "an author with markup": (
        ESSAY.replace("Author: Ann Example", "Author: <b onmouseover=alert(1)>Ann</b>"),
        ["{file}:3: Author: '<b onmouseover=alert(1)>Ann</b>' holds HTML, which readers would "
         "see as written: write plain text"]),
    "a Source_url that runs a script": (
        ESSAY.replace("Summary: One door, held open.\n", "Summary: One door, held open.\n"
                      "Source: Elsewhere\nSource_url: javascript:alert(1)\n"),
        ["{file}:7: Source_url: 'javascript:alert(1)' is not a web address: write the "
         "original's address, starting with https:// or http://"]),
    "characters no feed may hold": (
        ESSAY.replace("Title: A Small Kindness", "Title: A Small\x7f Kindness")
        .replace("Ann Example", "Ann\x85 Example").replace("One door,", "One\a door,\x0c")
        + "\nA bell\a rang,\x00 then\ufffe nothing\uffff.\n",
        [f"{{file}}:{line}: {field}U+{code}, {kind}, is not text readers can see, and feeds "
         "may not carry it: delete it" for line, field, code, kind in [
             (1, "Title: ", "007F", "a control character"),
             (3, "Author: ", "0085", "a control character"),
             (5, "Summary: ", "0007", "a control character"),
             (5, "Summary: ", "000C", "a control character"),
             (9, "", "0007", "a control character"), (9, "", "0000", "a control character"),
             (9, "", "FFFE", "not a character"), (9, "", "FFFF", "not a character")]]),
    "images from another host": (
        ESSAY + "\n![a pixel](https://evil.example/pixel.png)\n\n"
                '<img src="//evil.example/x.png" alt="x"> ![ours](/images/cup.png)\n',
        [f"{{file}}:{line}: src='{src}' on <img> loads a picture from another host, which would "
         "learn who reads what, and when: save the picture in content/images/ and show it "
         "with ![what it shows](/images/…)"
         for line, src in [(9, "https://evil.example/pixel.png"),
                           (11, "//evil.example/x.png")]]),
    "a body full of hostile HTML": (
        ESSAY + BODY,
        ["{file}:9: a javascript: link would run a script in readers' browsers: link to a web "
         "page (https://…) instead, or write the text without a link"] * 2 + [
         "{file}:11: the event-handler attribute onerror= on <img> would run a script in "
         "readers' browsers: delete it",
         "{file}:11: <svg> can carry scripts: save the picture as a file in content/images/ "
         "and show it with ![what it shows](/images/…)",
         "{file}:13: <iframe> would embed another site's page, and its scripts: link to it "
         "instead, [its title](https://…)",
         "{file}:15: a javascript: link would run a script in readers' browsers: link to a "
         "web page (https://…) instead, or write the text without a link",
         "{file}:17: the event-handler attribute onclick= on <h2> would run a script in "
         "readers' browsers: delete it",
         "{file}:19: <form> would collect readers' input on this site's pages: link to the "
         "form instead, [its title](https://…)",
         "{file}:19: <input> would collect readers' input on this site's pages: link to the "
         "form instead, [its title](https://…)",
         "{file}:20: <style> would restyle the site's pages: the site's style sheet styles "
         "every essay; to show it, put it in backticks (`<style>`)",
         "{file}:20: <base> would send every relative link of the page elsewhere: delete it",
         "{file}:21: <meta> could redirect or refresh the page: delete it",
         "{file}:21: <blink> is not HTML this site publishes: write Markdown (docs/authoring.md "
         "lists the HTML allowed), or put it in backticks to show it"]),
}


@pytest.mark.parametrize("essay, expected", HOSTILE_FIELDS.values(), ids=HOSTILE_FIELDS)
def test_hostile_html_stops_check_and_build_at_its_line(check_then_build, tmp_path, essay,
                                                        expected):
    checked, built = check_then_build({"essays/kindness.md": essay})
    file = tmp_path / "content" / "essays" / "kindness.md"
    lines = [f"error: {line.format(file=file)}" for line in expected]
    assert checked == lines
    assert built == lines


def test_each_construct_is_found_on_its_own_line(problems):
    body = dedent("""\

        <iframe src="https://example.org/"></iframe>

        `<iframe>` in code, then the same again:

        <iframe src="https://example.org/"></iframe>
        See [the essay][gone] and <a href='/essays/nowhere/'>this</a>.

        [gone]: /essays/also-gone/
    """)
    embed = ("would embed another site's page, and its scripts: link to it instead, "
             "[its title](https://…)")
    assert errors_of(problems({"essays/kindness.md": ESSAY + body})) == [
        f"error: essays/kindness.md:9: <iframe> {embed}",
        f"error: essays/kindness.md:13: <iframe> {embed}",
        "error: essays/kindness.md:14: link to /essays/nowhere/: no essay has the slug "
        "'nowhere'",
        "error: essays/kindness.md:16: link to /essays/also-gone/: no essay has the slug "
        "'also-gone'"]


HARMLESS = ESSAY + dedent("""\

    The <abbr title="as soon as possible">ASAP</abbr> order: H<sub>2</sub>O, x<sup>2</sup>,
    <kbd>Ctrl</kbd>+<kbd>C</kbd>,<br>then a note.[^1]

    ![A cup of coffee on the counter](/images/cup.png)

    | Drink | Price |
    |:------|------:|
    | Tea   | 2     |

    ```python
    print("served")
    ```

    [^1]: A footnote.
""")


def test_harmless_html_reaches_the_page_and_the_feed(make_site):
    site = make_site({"essays/kindness.md": HARMLESS})
    page = site.page("/essays/a-small-kindness/").select_one(".prose")
    entry = feedparser.parse(site.file("/feeds/all.atom.xml").read_bytes()).entries[0]
    feed = BeautifulSoup(entry.content[0].value, "html.parser")
    for html in (page, feed):
        assert html.find("abbr", title="as soon as possible").get_text() == "ASAP"
        assert [tag.name for tag in html.select("sub, sup, kbd, br")] == \
            ["sub", "sup", "kbd", "kbd", "br", "sup"]  # the last <sup> marks the footnote
        assert html.find("img", alt="A cup of coffee on the counter")
        assert [td["style"].replace(" ", "").rstrip(";") for td in html.select("td")] == \
            ["text-align:left", "text-align:right"]
        assert html.select_one("div.highlight span.nb").get_text() == "print"
        assert html.select_one(".footnote li").get_text(" ", strip=True).startswith("A footnote")
    assert feed.find("img")["src"] == "http://127.0.0.1:8000/images/cup.png"


HOSTILE_ESSAY = ESSAY.replace("Title: A Small Kindness",
                              "Title: <img src=x onerror=alert(1)> Evil\a") \
    .replace("Ann Example", "Ann\x1b Example\ufffe") \
    .replace("Summary: One door, held open.\n", "Summary: <script>alert(1)</script> Door\x08\n"
             "Source: Elsewhere\nSource_url: javascript:alert(1)\n") + BODY + \
    "\nA bell\a and a pixel: ![pixel](https://evil.example/pixel.png)\uffff\n"


HOSTILE_PAGE = dedent("""\
    Title: About <svg onload=alert(1)>us</svg>
    Slug: about
    Summary: <iframe src="https://example.org/"></iframe>

    <img src="x" onerror="alert(2)"> [click](javascript:alert(3))
""")


def pelican_alone(tmp_path, *settings: str):
    """Build the hostile essay and page with Pelican itself, without the checks; the output
    folder."""
    content = site_content(tmp_path / "content", {"essays/kindness.md": HOSTILE_ESSAY,
                                                  "pages/about.md": HOSTILE_PAGE})
    output = tmp_path / "output"
    subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py",
                    "-o", str(output), "-q", "-e", f'CACHE_PATH="{tmp_path / "cache"}"',
                    *settings], cwd=ROOT, check=True)
    return output


# What the theme itself puts in pages: its search forms and the topic map's figure (SVG).
THEME_OWN = "form[action='/search/'], figure.topic-map"


def test_the_sanitizer_alone_lets_nothing_run(tmp_path):
    """Every hostile field of an essay and a page at once, checks bypassed: pages and feeds
    carry no script, no event handler, no javascript: URL, no image from another host, and
    no character XML forbids, so that every feed parses."""
    output = pelican_alone(tmp_path)
    assert not [path for path in output.rglob("*") if path.is_file()
                and unpublishable(path.read_bytes().decode("utf-8", "replace"))]
    for path in output.rglob("*.xml"):
        assert not feedparser.parse(path.read_bytes()).bozo, path
    pages = [BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
             for path in output.rglob("*.html")]
    feeds = [BeautifulSoup(entry.content[0].value, "html.parser")
             for path in output.rglob("*.xml") if path.name.endswith("atom.xml")
             for entry in feedparser.parse(path.read_bytes()).entries]
    assert len(pages) > 5 and feeds
    essay_page = (output / "essays" / "a-small-kindness" / "index.html").read_text()
    assert "Evil" in essay_page and "display: none" not in essay_page
    assert "About us" in (output / "about" / "index.html").read_text()
    for html in pages + feeds:
        own = html.select(THEME_OWN)
        assert not [element for element in html.select(
            "iframe, svg, form, input, base, style, object, embed")
            if not any(element is mine or mine in element.parents for mine in own)]
        assert not [s for s in html.find_all("script")
                    if s.get("type") != "application/ld+json" and not s.get("src")]
        assert not [meta for meta in html.find_all("meta", attrs={"http-equiv": True})
                    if meta["http-equiv"] != "Content-Security-Policy"]  # but the theme's own
        for element in html.find_all(True):
            assert not [name for name in element.attrs if name.startswith("on")], element
            for name in ("href", "src"):
                assert "script:" not in element.get(name, "").lower(), element
            assert "evil.example" not in element.get("src", ""), element


@pytest.mark.parametrize("layer", ["reader", "generator"])
def test_an_essay_from_the_content_cache_is_as_clean_as_a_fresh_one(tmp_path, layer):
    caching = ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f'CONTENT_CACHING_LAYER="{layer}"']
    fresh = (pelican_alone(tmp_path, *caching) / "essays" / "a-small-kindness" / "index.html")\
        .read_bytes()
    assert list((tmp_path / "cache").iterdir())
    cached = (pelican_alone(tmp_path, *caching) / "essays" / "a-small-kindness" / "index.html")\
        .read_bytes()
    assert cached == fresh and b"onerror" not in fresh and b"<iframe" not in fresh
