"""Properties that hold for any essay (Hypothesis): linking never changes what a reader
reads and never nests links, evidence is always a sentence of the essay, and the
checks read the metadata block exactly as Pelican's Markdown does."""

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from authoring.frontmatter import CommentsExtension, read_front_matter
from service_topics.htmltext import blocks
from service_topics.linking import link_mentions
from service_topics.sentences import sentence_spans
from tests.test_detection import detected

EXAMPLES = settings(max_examples=200, deadline=None)

# Words that make up the aliases of tests.test_detection's vocabulary, and others.
WORDS = ("barista baristas bus driver drivers hold held holding the door doors open a co-worker "
         "returns desk call calls me by name patient with stranger field complaints The She I "
         "Then smiled and said thanks it’s").split()
GAPS = [" ", " ", " ", " ", ", ", ". ", "! ", "? ", "… ", " — ", " ‘", "’ ", " “", "” ", "-",
        " &amp; ", "&nbsp;", " &lt;script&gt; "]

words = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), min_size=1,
                 max_size=12).map(lambda pairs: "".join(w + g for w, g in pairs).strip())
inline = st.recursive(words, lambda inner: st.one_of(
    inner.map("<em>{}</em>".format), inner.map("<strong>{}</strong>".format),
    st.tuples(inner, inner).map(" ".join)), max_leaves=6)
runs = st.lists(st.one_of(inline, inline, words.map("<code>{}</code>".format),
                          inline.map('<a href="/elsewhere/">{}</a>'.format)),
                min_size=1, max_size=4).map(" ".join)
block = st.one_of(
    runs.map("<p>{}</p>".format), inline.map("<h2>{}</h2>".format),
    runs.map("<blockquote><p>{}</p></blockquote>".format),
    st.lists(runs, min_size=1, max_size=3).map(
        lambda items: "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"),
    words.map("<pre><code>{}</code></pre>".format))
essays = st.lists(block, min_size=1, max_size=5).map("\n".join)


def linked(html, quote_length=240):
    tags = detected(html, quote_length=quote_length)
    return tags, link_mentions(html, tags, lambda topic: f"/{topic.url}")


def sentences(html):
    """Every sentence of the essay, as one line."""
    return {" ".join(block.text[start:end].split())
            for block in blocks(html) for start, end in sentence_spans(block.text)}


@EXAMPLES
@given(essays)
def test_linking_never_changes_the_visible_text(html):
    _, result = linked(html)
    assert BeautifulSoup(result, "html.parser").get_text() == \
        BeautifulSoup(html, "html.parser").get_text()


@EXAMPLES
@given(essays)
def test_links_never_nest_and_never_enter_headings_or_code(html):
    _, result = linked(html)
    soup = BeautifulSoup(result, "html.parser")
    assert not soup.select("a a")
    assert not soup.select("h2 a.topic-link, code a, pre a")
    hrefs = [a["href"] for a in soup.select("a.topic-link")]
    assert len(hrefs) == len(set(hrefs))


@EXAMPLES
@given(essays)
def test_every_evidence_quote_is_a_sentence_of_the_essay(html):
    tags, _ = linked(html, quote_length=len(html))
    whole = sentences(html)
    for tag in tags:
        assert tag.evidence and set(tag.evidence) <= whole


@EXAMPLES
@given(essays, st.integers(min_value=20, max_value=80))
def test_a_shortened_quote_is_part_of_a_sentence_and_says_so(html, limit):
    tags, _ = linked(html, quote_length=limit)
    whole = sentences(html)
    for quote in (q for tag in tags for q in tag.evidence):
        inner = quote.removeprefix("…").removesuffix("…")
        assert any(inner in sentence for sentence in whole)
        assert quote in whole or quote != inner


KEYS = ["Title", "title", "Slug", "Roles", "Not-Topics", "Source_url", "Summary"]
LINES = st.one_of(
    st.tuples(st.sampled_from(["", " ", "   "]), st.sampled_from(KEYS),
              st.sampled_from(["", "x", " A b ", "#1 rule", "a: b"])).map(
        lambda t: f"{t[0]}{t[1]}:{t[2]}"),
    st.sampled_from(["    more", "\tmore", "        deeper", "# comment", "#", "#x", "",
                     "---", "...", "Just text", "# Heading"]))


def as_markdown_reads_it(text):
    md = Markdown(extensions=["meta", CommentsExtension()])
    md.convert(text)
    return {key: " ".join(" ".join(values).split()) for key, values in md.Meta.items()}


@EXAMPLES
@given(st.lists(LINES, max_size=10).map("\n".join))
def test_the_checks_read_the_metadata_block_as_markdown_does(text):
    read: dict[str, list[str]] = {}
    for field in read_front_matter(text).fields:
        read.setdefault(field.name.lower(), []).append(field.value)
    assert {key: " ".join(" ".join(values).split()) for key, values in read.items()} == \
        as_markdown_reads_it(text)
