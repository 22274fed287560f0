"""Why the topics plugin may scan HTML with a regular expression: it only reads what the
sanitizer wrote, and there (Hypothesis, over HTML full of the usual traps: a ``>`` or a
quote inside an attribute, comments, CDATA, stray and unclosed tags) the scanner sees the
same tags and the same text as a parser, and maps every character back to its place."""

import html as entities

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_html.sanitizer import sanitize
from service_topics.htmltext import TAG, blocks
from tests.test_properties import linked, words

EXAMPLES = settings(max_examples=300, deadline=None)

TRAPS = [
    '<abbr title="a > b">', "<abbr title='say \"hi\" > bye'>", "</abbr>",
    '<a href="/x/?a=1&b=>">', "</a>", '<img alt="x > y" src="/i.png">',
    '<span title="<em>">', "</span>", '<b onclick="a>b">', "</b>", "<em>", "</em>",
    "<!-- <p>hidden</p> -->", "<!--> <em>", "<!-- unclosed", "--!>", "<![CDATA[ <b>x</b> ]]>",
    "<?php echo 1 ?>", "<script>if (a > b) {}</script>", "<style>p > a {}</style>", "</p>",
    "<p>", "<br>", "<code>a > b</code>", " > ", " < ", " &amp; ", " &lt;p&gt; ", "&nbsp;",
    " &#8220;", "&quot;", "'", '"', "<svg><title>t</title></svg>", "<blink>", "<p title='>'>",
]
fragments = st.lists(st.one_of(words, st.sampled_from(TRAPS)), min_size=1, max_size=14) \
    .map(" ".join)
documents = st.lists(st.one_of(fragments.map("<p>{}</p>".format),
                               fragments.map("<h2>{}</h2>".format),
                               fragments.map("<ul><li>{}</li></ul>".format), fragments),
                     min_size=1, max_size=4).map("\n".join)


def parsed(html):
    return BeautifulSoup(html, "html.parser")


def squeezed(text):
    """``text`` without whitespace (BeautifulSoup reads a run of it between tags as one
    space)."""
    return "".join(text.split())


@EXAMPLES
@given(documents)
def test_after_sanitizing_every_lt_opens_a_tag_the_parser_sees(html):
    clean = sanitize(html)
    tags = list(TAG.finditer(clean))
    assert {tag.start() for tag in tags} == {i for i, c in enumerate(clean) if c == "<"}
    assert not any(tag[0].startswith("<!--") for tag in tags)
    assert [tag[2].lower() for tag in tags if not tag[1]] == \
        [element.name for element in parsed(clean).find_all(True)]


@EXAMPLES
@given(documents)
def test_after_sanitizing_the_scanner_reads_the_parsers_text_and_maps_it_back(html):
    clean = sanitize(html)
    found = blocks(clean)
    assert squeezed("".join(block.text for block in found)) == squeezed(parsed(clean).get_text())
    for block in found:
        for index, character in enumerate(block.text):
            start, end = block.html_span(index, index + 1)
            assert entities.unescape(clean[start:end]) == character


@EXAMPLES
@given(documents)
def test_linking_sanitized_html_keeps_its_text_and_never_nests_links(html):
    clean = sanitize(html)
    _, result = linked(clean)
    assert squeezed(parsed(result).get_text()) == squeezed(parsed(clean).get_text())
    assert not parsed(result).select("a a")


def test_without_the_sanitizer_the_scanner_would_misread():
    trap = '<p><abbr title="a > b">ASAP</abbr> please</p>'
    assert [block.text for block in blocks(trap)] != ["ASAP please"]
    assert [block.text for block in blocks(sanitize(trap))] == ["ASAP please"]
