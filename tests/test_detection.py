"""Finding topics in an essay's HTML: inflections, overlaps, markup, code, evidence."""

from pathlib import Path

import pytest

from service_topics.errors import TopicsError
from service_topics.htmltext import blocks
from service_topics.sentences import quote, sentence_spans
from service_topics.salience import Salience
from service_topics.tagging import candidates, tag_essay
from service_topics.vocabulary import Topic, Vocabulary

TOPICS = [
    Topic("roles", "barista", "Barista", ("barista",), "Coffee."),
    Topic("roles", "driver", "Driver", ("driver",), "Drives."),
    Topic("roles", "bus-driver", "Bus driver", ("bus driver",), "Drives buses.", "driver"),
    Topic("roles", "co-worker", "Co-worker", ("co-worker", "coworker"), "Works beside you."),
    Topic("roles", "stranger", "Stranger", ("stranger",), "Anyone."),
    Topic("roles", "returns-desk-clerk", "Returns desk clerk", ("returns desk",), "Returns."),
    Topic("examples", "holding-the-door", "Holding the door",
          ("hold the door", "hold the door open"), "Doors."),
    Topic("examples", "fielding-complaints", "Fielding complaints", ("field complaints",), "Ugh."),
    Topic("examples", "calling-by-name", "Calling by name", ("call someone by name",), "Names."),
    Topic("examples", "being-patient", "Being patient", ("patient with the barista",), "Wait."),
]
VOCABULARY = Vocabulary.of(TOPICS)
MATCHERS = VOCABULARY.matchers
EVERY_CANDIDATE = Salience(threshold=0.0)  # detection alone: salience is tested elsewhere


def detected(html, metadata=None, source=None, quote_length=240):
    """The essay's tags when every topic its text mentions counts."""
    return tag_essay(candidates(html, "", "", VOCABULARY, MATCHERS, quote_length),
                     metadata or {}, source, VOCABULARY, EVERY_CANDIDATE).tags


def found(html, metadata=None, source=Path("essay.md")):
    return {tag.topic.key: tag for tag in detected(html, metadata, source)}


@pytest.mark.parametrize("text", [
    "I held the door for her.", "She holds the door.", "Holding the door open is kind.",
    "He will hold a door open.", "They held doors open all day.", "HOLD THE DOOR!",
])
def test_verb_forms_determiners_and_case_all_match(text):
    assert "holding-the-door" in found(f"<p>{text}</p>")


@pytest.mark.parametrize("text", ["two baristas", "the barista’s tip", "the baristas' jar",
                                  "a Barista."])
def test_plurals_and_possessives_match(text):
    assert "barista" in found(f"<p>{text}</p>")


@pytest.mark.parametrize("text", ["baristaship", "the abarista", "bar ista", "barist"])
def test_only_whole_words_match(text):
    assert "barista" not in found(f"<p>{text}</p>")


def test_alias_words_are_base_forms_so_other_words_do_not_reduce_to_them():
    assert "stranger" in found("<p>Two strangers met.</p>")
    assert "stranger" not in found("<p>How strange.</p>")


@pytest.mark.parametrize("text, expected", [
    ("She calls me by name.", True), ("He called every customer by name.", True),
    ("They call regulars by name.", True), ("Call your regulars by name.", True),
    ("Call by name.", True), ("Call me, by name.", False),
])
def test_someone_in_an_alias_stands_for_one_word_or_none(text, expected):
    assert ("calling-by-name" in found(f"<p>{text}</p>")) is expected


def test_the_longest_alias_wins_where_two_overlap():
    tags = found("<p>Thank the bus driver.</p>")
    assert "bus-driver" in tags and "driver" not in tags


def test_a_role_inside_an_example_counts_for_both():
    tags = found("<p>Be patient with the barista today.</p>")
    assert {"being-patient", "barista"} <= set(tags)


def test_phrases_cross_quotes_hyphens_and_inline_markup_but_not_punctuation():
    assert "returns-desk-clerk" in found("<p>the teenager at the ‘returns’ desk</p>")
    assert "co-worker" in found("<p>You may be a co-worker!!</p>")
    assert "bus-driver" in found("<p>the <em>bus</em> driver</p>")
    assert "bus-driver" in found("<p>the bus&nbsp;driver</p>")
    assert "bus-driver" not in found("<p>the bus. Driver</p>")
    assert "holding-the-door" not in found("<p>hold, the door</p>")


@pytest.mark.parametrize("html", [
    "<pre><code>barista = 1</code></pre>", "<p>Run <code>barista</code>.</p>",
    '<p>See <a href="/x">the barista</a>.</p>', "<p><kbd>barista</kbd></p>",
    "<script>var barista;</script>", "<!-- barista -->",
])
def test_nothing_is_found_in_code_pre_scripts_comments_or_existing_links(html):
    assert found(html) == {}


def test_evidence_is_the_sentence_of_each_mention_as_plain_text():
    tags = found("<p>I like coffee. The <em>barista</em> said “hi” &amp; smiled. Then rain.</p>"
                 "<p>Another barista waved.</p>")
    assert tags["barista"].evidence == ("The barista said “hi” & smiled.",
                                       "Another barista waved.")


def test_long_sentences_are_trimmed_around_the_mention():
    long = " ".join(["word"] * 80) + " barista " + " ".join(["word"] * 80) + "."
    evidence = found(f"<p>{long}</p>")["barista"].evidence[0]
    assert len(evidence) <= 242 and "barista" in evidence
    assert evidence.startswith("…") and evidence.endswith("…")


def test_sentences_end_after_closing_quotes_and_not_at_abbreviations():
    text = "I told Mr. Smith “no.” Then he left! What? ok."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "I told Mr. Smith “no.”", "Then he left!", "What? ok."]
    assert quote("short one", 0, 9, 0, 240) == "short one"


def test_declared_topics_are_added_and_say_they_were_declared():
    tags = found("<p>Nothing here.</p>", {"roles": "Barista, bus-driver",
                                          "examples": "hold the door"})
    assert set(tags) == {"barista", "bus-driver", "holding-the-door"}
    assert all(tag.declared and tag.evidence == () and tag.anchor is None
               for tag in tags.values())


def test_a_declared_topic_that_is_also_found_keeps_its_evidence():
    tag = found("<p>The barista smiled.</p>", {"roles": "barista"})["barista"]
    assert tag.declared and tag.evidence == ("The barista smiled.",)


def test_not_topics_suppresses_a_detection():
    assert "barista" not in found("<p>The barista smiled.</p>", {"not-topics": "barista"})


def write_essay(tmp_path, field_line):
    source = tmp_path / "essay.md"
    source.write_text(f"Title: T\nDate: 2024-01-01\n{field_line}\n\nText.\n", encoding="utf-8")
    return source


@pytest.mark.parametrize("field_line, field, message", [
    ("Roles: barsita", "roles",
     "essay.md:3: Roles: unknown role 'barsita': did you mean 'Barista'? "
     "(new topics are added to topics.toml)"),
    ("Examples: barista", "examples",
     "essay.md:3: Examples: 'barista' is a role, not an example: move it to Roles:"),
    ("Roles: hold the door", "roles",
     "essay.md:3: Roles: 'hold the door' is an example, not a role: move it to Examples:"),
    ("Not-Topics: zebra", "not-topics",
     "essay.md:3: Not-Topics: unknown topic 'zebra': no known topic is close "
     "(new topics are added to topics.toml)"),
])
def test_bad_metadata_names_the_file_line_field_value_and_closest_topics(
        tmp_path, monkeypatch, field_line, field, message):
    monkeypatch.chdir(tmp_path)
    source = write_essay(tmp_path, field_line)
    value = field_line.split(":", 1)[1].strip()
    with pytest.raises(TopicsError) as caught:
        found("<p>Text.</p>", {field: value}, source)
    assert str(caught.value) == message


def test_a_topic_both_declared_and_suppressed_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "essay.md"
    source.write_text("Title: T\nRoles: barista\nNot-Topics: barista\n\nx\n", encoding="utf-8")
    with pytest.raises(TopicsError, match=r"^essay.md:3: 'Barista' is both declared and in "
                                          r"Not-Topics: keep it in one field only$"):
        found("<p>x</p>", {"roles": "barista", "not-topics": "barista"}, source)


def test_blocks_keep_offsets_back_into_the_html():
    html = "<p>A &amp; <em>bus</em> driver</p><h2>Head</h2>"
    paragraph, heading = blocks(html)
    start = paragraph.text.index("bus driver")
    assert html[slice(*paragraph.html_span(start, start + 10))] == "bus</em> driver"
    assert html[slice(*paragraph.html_span(2, 3))] == "&amp;"
    assert heading.heading and not paragraph.heading
