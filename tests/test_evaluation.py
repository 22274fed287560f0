"""The tagging evaluation: its scoring on tiny hand-made inputs, its labels, its reading of a site.

No tagging targets here: `invoke eval-tagging` reports how the tagger does.
"""

from pathlib import Path
from textwrap import dedent

import pytest

from evaluation.labels import (HERE, SETS, Label, LabelledEssay, LabelsError, body, essay_files,
                               load_labels, metadata)
from evaluation.report import SetResult, render
from evaluation.run import main, setting
from evaluation.scoring import Resolved, normalise, quote_shows, ratio, score_essay
from evaluation.site_output import Listing, read_listings

FIELDS = {"title", "date", "slug", "summary", "author"}
# The sets written for the evaluation (not the site's own essays), with how many essays each
# must hold at least.
WRITTEN = {name: folder for name, folder in SETS.items() if folder.is_relative_to(HERE)}
AT_LEAST = {"corpus": 20, "holdout": 12, "holdout2": 12, "holdout3": 12}


# --- quotes and figures

def test_typography_and_spacing_do_not_matter():
    assert normalise("She said “don’t” –\n now…") == normalise('she said "don\'t" -  now...')


@pytest.mark.parametrize("quote, sentence", [
    ("He held the door.", "He held the door."),
    ("“Thank you,” she said, and held the door – twice.", "she said, and held the door"),
    ("…and had them back to me, scrubbed and still hot from the machine, before I had…",
     "Teo took the dirty pans out of my hands, and had them back to me, scrubbed and still hot "
     "from the machine, before I had plated the next two dishes."),
])
def test_a_quote_shows_its_sentence_however_cut_or_typeset(quote, sentence):
    assert quote_shows(quote, sentence)


@pytest.mark.parametrize("quote, sentence", [
    ("My son spilled his juice on the counter.", "She held the door for my son."),
    ("He held the door.", ""),
    ("Then she called us a cab, because the shuttle had stopped running.",
     "She found a luggage cart and pushed our bags out to the curb herself."),
])
def test_a_quote_of_another_sentence_does_not_show_it(quote, sentence):
    assert not quote_shows(quote, sentence)


def test_ratio_of_nothing_is_unknown():
    assert ratio(3, 4) == 0.75
    assert ratio(0, 0) is None


# --- scoring one essay

TOPICS = {
    "teacher": Resolved("roles", "teacher", "Teacher"),
    "high school teacher": Resolved("roles", "high-school-teacher", "High school teacher",
                                    ("teacher",)),
    "waitress": Resolved("roles", "waiter", "Waiter"),
    "nurse": Resolved("roles", "nurse", "Nurse"),
    "holding the door": Resolved("examples", "holding-the-door", "Holding the door"),
    "saying thank you": Resolved("examples", "saying-thank-you", "Saying thank you"),
}


def listing(kind, key, quote="", via=None, slug="essay"):
    return Listing(kind, key, key.replace("-", " ").capitalize(), slug, quote,
                   via, via.replace("-", " ").capitalize() if via else None)


def essay(roles=(), examples=()):
    return LabelledEssay("essay", Path("essay.md"), tuple(Label(*pair) for pair in roles),
                         tuple(Label(*pair) for pair in examples))


def names(findings):
    return [finding.name for finding in findings]


def test_a_role_counts_when_its_page_lists_the_essay_and_other_tags_are_false():
    score = score_essay(
        essay(roles=[("waitress", "Marjorie took my order."), ("nurse", "A nurse came."),
                     ("lunch lady", "Every school has a lunch lady.")]),
        [listing("roles", "waiter", "Marjorie took my order."),
         listing("roles", "mother", "My mother spilled her juice."),
         listing("roles", "nurse", "A nurse came.", slug="another-essay")],
        TOPICS.get)
    assert names(score.hits["roles"]) == ["waitress"]
    assert [(miss.name, miss.note) for miss in score.misses["roles"]] == [
        ("nurse", "not tagged (Nurse)"), ("lunch lady", "not in the vocabulary")]
    assert names(score.tags["roles"]) == ["Waiter", "Mother"]
    assert [(false.name, false.sentence) for false in score.false["roles"]] == [
        ("Mother", "My mother spilled her juice.")]


def test_a_narrower_tag_counts_for_its_broader_label_only_where_the_page_lists_the_essay():
    labels = essay(roles=[("teacher", "Mr. Ochoa taught us.")])
    narrower = listing("roles", "high-school-teacher", "My high school teacher.")
    listed = score_essay(labels, [narrower, listing("roles", "teacher", narrower.quote,
                                                    via="high-school-teacher")], TOPICS.get)
    assert [hit.note for hit in listed.hits["roles"]] == [
        "Teacher, by the narrower High school teacher"]
    assert listed.false["roles"] == []

    unlisted = score_essay(labels, [narrower], TOPICS.get)
    assert names(unlisted.misses["roles"]) == ["teacher"]
    assert names(unlisted.false["roles"]) == ["High school teacher"]


def test_a_broader_tag_of_a_label_is_not_false():
    score = score_essay(essay(roles=[("high school teacher", "She taught high school.")]),
                        [listing("roles", "teacher", "She taught high school.")], TOPICS.get)
    assert [miss.note for miss in score.misses["roles"]] == [
        "not tagged (High school teacher); tagged the broader Teacher"]
    assert score.false["roles"] == []


def test_an_example_is_found_when_its_sentence_is_quoted_for_any_example_topic():
    score = score_essay(
        essay(examples=[("holding the door", "The door was held for me by a teenager."),
                        ("saying thank you", "I said thanks about four times."),
                        ("carrying bags", "He carried our bags down the ramp.")]),
        [listing("examples", "giving-up-a-seat", "…the door was held for me by a teenager…"),
         listing("examples", "saying-thank-you", "She thanked the driver."),
         listing("examples", "tipping", "I tipped the porter."),
         listing("roles", "waiter", "He carried our bags down the ramp.")],
        TOPICS.get)
    assert [(hit.name, hit.note) for hit in score.hits["examples"]] == [
        ("holding the door", "quoted for Giving up a seat")]
    assert [(miss.name, miss.note) for miss in score.misses["examples"]] == [
        ("saying thank you", "Saying thank you is tagged, quoting: “She thanked the driver.”"),
        ("carrying bags", "not in the vocabulary")]
    assert names(score.false["examples"]) == ["Tipping"]


def test_the_report_gives_the_figures_and_every_miss_and_false_tag():
    score = score_essay(essay(roles=[("waitress", "Marjorie took my order."),
                                     ("nurse", "A nurse came."),
                                     ("lunch lady", "Every school has a lunch lady.")]),
                        [listing("roles", "waiter", "Marjorie took my order."),
                         listing("roles", "mother", "My *mother* spilled juice.")], TOPICS.get)
    text = render([SetResult("corpus", "evaluation/essays", {"essay": "An Essay"}, [score])],
                  "`topics.toml`")
    assert "| corpus (`evaluation/essays`) | 1 | 3 (1) | 2 | 0.50 | 0.33 | 0 (0) | 0 | – | – |" \
        in text
    assert "- corpus, roles: lunch lady\n- corpus, examples: none" in text
    assert "**missed role** nurse (not tagged (Nurse)): “A nurse came.”" in text
    assert r"**false role tag** Mother: “My \*mother\* spilled juice.”" in text


# --- the label file and the essays

@pytest.fixture(scope="module")
def labelled():
    return load_labels()


@pytest.mark.parametrize("name", SETS)
def test_every_essay_has_labels(labelled, name):
    assert sorted(essay.slug for essay in labelled[name]) == sorted(essay_files(SETS[name]))


def test_every_label_sentence_occurs_in_its_essay(labelled):
    absent = [(essay.slug, label.name) for essays in labelled.values() for essay in essays
              for label in (*essay.roles, *essay.examples)
              if normalise(label.sentence) not in normalise(body(essay.path))]
    assert absent == []


def test_every_essay_names_roles_and_examples(labelled):
    assert all(essay.roles and essay.examples for essays in labelled.values() for essay in essays)


@pytest.mark.parametrize("name", WRITTEN)
def test_written_essays_are_300_to_900_words_with_the_site_metadata(labelled, name):
    assert len(labelled[name]) >= AT_LEAST.get(name, 1)
    for essay in labelled[name]:
        assert 300 <= len(body(essay.path).split()) <= 900, essay.slug
        assert FIELDS <= set(metadata(essay.path)), essay.slug


def test_no_essay_is_in_two_sets():
    slugs = [slug for folder in WRITTEN.values() for slug in essay_files(folder)]
    assert len(slugs) == len(set(slugs))


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_text(dedent(text).lstrip(), encoding="utf-8")


def test_labels_for_an_essay_that_does_not_exist_name_its_table(tmp_path):
    write(tmp_path, {"labels.toml": """
        [corpus.no-such-essay]
        roles = [["waitress", "She took our order."]]
        """, "one.md": "Title: One\nSlug: one\n\nText.\n"})
    with pytest.raises(LabelsError, match=r"labels.toml: \[corpus.no-such-essay\]: no essay"):
        load_labels(tmp_path / "labels.toml", {"corpus": tmp_path})


def test_labels_of_an_unknown_set_name_every_set(tmp_path):
    write(tmp_path, {"labels.toml": """
        [extra.one]
        roles = [["waitress", "She took our order."]]
        """, "one.md": "Title: One\nSlug: one\n\nText.\n"})
    with pytest.raises(LabelsError, match=r"unknown set \[extra\]: use \[corpus.<slug>\], "
                                          r"\[holdout.<slug>\], \[site.<slug>\]"):
        load_labels(tmp_path / "labels.toml",
                    {"corpus": tmp_path, "holdout": tmp_path, "site": tmp_path})


def test_a_label_without_its_sentence_says_how_to_write_one(tmp_path):
    write(tmp_path, {"labels.toml": """
        [corpus.one]
        roles = [["waitress"]]
        """, "one.md": "Title: One\nSlug: one\n\nText.\n"})
    with pytest.raises(LabelsError, match=r"\[corpus.one\]: every entry of roles is "):
        load_labels(tmp_path / "labels.toml", {"corpus": tmp_path})


# --- reading a built site

def test_every_page_of_a_topic_is_read_with_its_quotes_and_narrower_topics(make_site):
    essay = """
        Title: {title}
        Date: 2024-05-0{day} 10:00
        Slug: {slug}
        Summary: A door held open.

        My favourite barista held the door open for my high school teacher.
        """
    site = make_site({f"essays/{slug}.md": essay.format(title=slug.title(), day=day, slug=slug)
                      for day, slug in enumerate(["one", "two"], 1)},
                     overrides={"TOPICS_PER_PAGE": 1})
    assert site.file("/roles/barista/page/2/").exists()
    listings = read_listings(site.output)
    assert {(entry.key, entry.slug) for entry in listings if entry.kind == "roles"} >= {
        ("barista", "one"), ("barista", "two"), ("teacher", "one"), ("teacher", "two")}
    door = next(entry for entry in listings if entry.key == "holding-the-door")
    assert door.kind == "examples"
    assert quote_shows(door.quote, "My favourite barista held the door open for my high school "
                                   "teacher.")
    teacher = next(entry for entry in listings if entry.key == "teacher")
    assert (teacher.via_key, teacher.via_name) == ("high-school-teacher", "High school teacher")


def test_a_topic_page_that_lists_no_essay_gives_no_listing(tmp_path):
    (tmp_path / "roles" / "old-name").mkdir(parents=True)
    (tmp_path / "roles" / "old-name" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=/roles/waiter/">', encoding="utf-8")
    assert read_listings(tmp_path) == []


# --- the command line

@pytest.mark.parametrize("text, expected", [
    ("TOPICS_SALIENCE_THRESHOLD=3", ("TOPICS_SALIENCE_THRESHOLD", 3)),
    ("TOPICS_SALIENCE_WEIGHTS={'lead': 0}", ("TOPICS_SALIENCE_WEIGHTS", {"lead": 0})),
    ("TOPICS_ALSO_MENTIONED=False", ("TOPICS_ALSO_MENTIONED", False)),
])
def test_a_setting_is_an_upper_case_name_and_a_python_literal(text, expected):
    assert setting(text) == expected


@pytest.mark.parametrize("text, hint", [
    ("threshold=3", "NAME=VALUE"),
    ("TOPICS_SALIENCE_THRESHOLD", "NAME=VALUE"),
    ("TOPICS_SALIENCE_THRESHOLD=", "NAME=VALUE"),
    ("TOPICS_SALIENCE_TRESHOLD=3", "no setting of the topics plugin"),
    ("TOPICS_SALIENCE_THRESHOLD=two", "quote a string"),
])
def test_a_bad_setting_stops_the_command_with_how_to_write_one(text, hint, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--set", text])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert repr(text) in error and hint in error
