"""New topics proposed from the essays (invoke topics), the stanza writer (--add), and the
short report of invoke check (its proposals line, --unused)."""

import io
import re
import subprocess
import sys
import tomllib
from textwrap import dedent

import pytest
from pelican.settings import read_settings

import authoring.check
from authoring.check import check_site
from authoring.newtopics import site_proposals, topics_command
from authoring.proposals import propose, stanza
from authoring.stanzas import add_stanza, insert_stanza
from service_topics.errors import TopicsError
from service_topics.matching import Matcher
from service_topics.vocabulary import load_vocabulary
from sitebuild import ROOT
from tests.conftest import PROJECT_FOLDER, site_content
from tests.test_build import fingerprint

FLORIST = dedent("""\
    Title: The Florist Who Sharpened Knives
    Date: 2025-01-01 10:00
    Slug: florist
    Summary: What a florist taught me about listening.

    I worked as a florist for three summers, and florists like her know what a bouquet is
    for before you say a word.

    On Mondays she sharpened my knives for nothing. When the baker next door was ill, she
    sharpened his knives too.
    """)
# Jobs and acts named once, in passing, negated or as family talk: nothing to propose.
PASSING = dedent("""\
    Title: A Crowded Kitchen
    Date: 2025-01-02 10:00
    Slug: crowded-kitchen
    Summary: Everyone came for dinner.

    My son spilled his juice on the counter, and her uncle had the same trouble. My cousin,
    a journalist, laughed. She was no butcher, but she carved the roast anyway. I watched a
    welder once. We sharpened the knives before dinner.
    """)


# A vocabulary of its own, so that a richer real one changes nothing here.
VOCABULARY = dedent("""\
    # Roles and examples, with comments that --add must keep.

    # --- ROLES ---
    [roles.nurse]
    name = "Nurse"
    aliases = ["nurse"]   # base forms
    description = "Cares for the sick."

    [roles.plumber]
    name = "Plumber"
    aliases = ["plumber"]
    description = "Fixes pipes."
    # a note after the last role

    # --- EXAMPLES ---
    [examples.holding-the-door]
    name = "Holding the door"
    aliases = ["hold the door"]
    description = "The smallest act of service there is."
    """)


@pytest.fixture
def settings(tmp_path):
    """Pelican's settings for a site of ``files`` in tmp_path, with VOCABULARY unless they
    include a topics.toml."""

    def make(files):
        content = site_content(tmp_path / "content", {"topics.toml": VOCABULARY, **files})
        return read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})

    return make


def proposals_of(settings, files):
    return [p for found in site_proposals(settings(files)).values() for p in found]


def test_a_role_and_an_example_the_vocabulary_lacks_are_proposed_with_their_sentence(
        settings, tmp_path):
    florist, knives = proposals_of(settings, {"essays/florist.md": FLORIST})
    assert (florist.kind, florist.key, florist.name, florist.aliases) == \
        ("roles", "florist", "Florist", ("florist",))
    assert florist.sentence.startswith("I worked as a florist for three summers")
    assert florist.line == 6
    assert (knives.kind, knives.key, knives.aliases, knives.line) == \
        ("examples", "sharpening-the-knife", ("sharpen the knife",), 9)
    assert knives.sentence == "On Mondays she sharpened my knives for nothing."
    out = io.StringIO()
    assert topics_command(settings({"essays/florist.md": FLORIST}), out) == 0
    listing = out.getvalue().replace(f"{tmp_path}/", "")
    assert "content/essays/florist.md:6: new role 'Florist', found 4 times: I worked as a " \
           "florist" in listing
    assert "\n[roles.florist]\nname = \"Florist\"\naliases = [\"florist\"]\n" in listing
    assert listing.splitlines()[-1] == (
        "2 new topics proposed in 1 essay: review each; `invoke topics --add KEY` adds one "
        "to content/topics.toml")


def test_a_broader_role_is_guessed_from_the_head_noun(settings):
    essay = FLORIST.replace("florist", "school nurse").replace("Florist", "School nurse")
    [nurse] = [p for p in proposals_of(settings, {"essays/e.md": essay}) if p.kind == "roles"]
    assert (nurse.key, nurse.broader) == ("school-nurse", "nurse")
    assert 'broader = "nurse"' in stanza(nurse)


@pytest.mark.parametrize("change", [
    lambda text: re.sub("(?i)florist", "plumber", text),  # a role the vocabulary has
    lambda text: text.replace("sharpened my knives", "held the door")
                     .replace("sharpened his knives", "held the door"),  # an example it has
])
def test_nothing_the_vocabulary_covers_is_proposed(settings, change):
    found = proposals_of(settings, {"essays/e.md": change(FLORIST)})
    assert len(found) == 1 and not {"plumber", "holding-the-door"} & {p.key for p in found}


def test_a_topic_added_by_hand_is_no_longer_proposed(settings):
    vocabulary = VOCABULARY + dedent("""
        [roles.flower-seller]
        name = "Flower seller"
        aliases = ["flower seller", "florist"]
        description = "Sells flowers."
        """)
    found = proposals_of(settings, {"essays/e.md": FLORIST, "topics.toml": vocabulary})
    assert [p.key for p in found] == ["sharpening-the-knife"]


def test_passing_negated_and_family_words_propose_nothing(settings):
    assert proposals_of(settings, {"essays/kitchen.md": PASSING}) == []


def test_what_a_verb_says_of_a_clause_or_a_contrast_proposes_nothing(settings):
    essay = FLORIST.replace("What a florist taught me about listening.",
                            "The job taught me that the knife matters.").replace(
        "On Mondays she sharpened my knives for nothing. When the baker next door was ill, she\n"
        "sharpened his knives too.",
        "Nights taught us that the knife is everything. She was a florist rather than a "
        "welder, and so was he.")
    found = proposals_of(settings, {"essays/e.md": essay})
    assert [p.key for p in found] == ["florist"]


def test_each_stanza_loads_and_its_alias_finds_its_sentence(settings, tmp_path):
    for proposal in proposals_of(settings, {"essays/florist.md": FLORIST}):
        path = tmp_path / f"{proposal.key}.toml"
        path.write_text(stanza(proposal), encoding="utf-8")
        topic = load_vocabulary(path)[proposal.key]
        assert (topic.kind, topic.name, topic.aliases) == \
            (proposal.kind, proposal.name, proposal.aliases)
        assert topic.description.endswith(".")
        assert Matcher({topic.key: topic.aliases}).find(proposal.sentence)


def test_stanza_strings_are_escaped_for_toml(tmp_path):
    (tmp_path / "topics.toml").write_text(VOCABULARY, encoding="utf-8")
    vocabulary = load_vocabulary(tmp_path / "topics.toml")
    [proposal] = propose("<p>I worked as a florist.</p>", [], "", vocabulary)
    text = stanza(proposal.__class__(**{**proposal.__dict__, "name": 'A "quoted"\\ name'}))
    assert tomllib.loads(text)["roles"]["florist"]["name"] == 'A "quoted"\\ name'


def keys(site):
    return [p.key for found in site_proposals(site).values() for p in found]


def test_add_inserts_the_stanza_after_its_kind_keeping_every_other_byte(settings):
    site = settings({"essays/florist.md": FLORIST})
    path = f"{site['PATH']}/topics.toml"
    [florist] = [p for found in site_proposals(site).values() for p in found
                 if p.key == "florist"]
    out = io.StringIO()
    assert topics_command(site, out, add="florist") == 0
    assert out.getvalue() == (f"added [roles.florist] to {path}: review its description, "
                              "aliases and broader topic\n")
    last_field = 'description = "Fixes pipes."\n'
    assert open(path, encoding="utf-8").read() == \
        VOCABULARY.replace(last_field, f"{last_field}\n{stanza(florist)}\n")
    assert load_vocabulary(path)["florist"].name == "Florist"
    assert keys(site) == ["sharpening-the-knife"]  # added, so no longer proposed


def test_add_appends_a_kind_the_file_lacks_and_keeps_crlf_line_ends():
    text = "# roles only\r\n[roles.nurse]\r\nname = \"Nurse\"\r\n# trailing note"
    added = insert_stanza(text, "examples", "[examples.x]\nname = \"X\"\n")
    assert added == text + "\r\n\r\n[examples.x]\r\nname = \"X\"\r\n"
    assert insert_stanza(text, "roles", "[roles.y]\n") == (
        "# roles only\r\n[roles.nurse]\r\nname = \"Nurse\"\r\n\r\n[roles.y]\r\n\r\n"
        "# trailing note")


@pytest.mark.parametrize("key, message", [
    ("plumber", "error: {path}: roles.plumber is already there: edit it in the file"),
    ("baker", "error: {path}: no proposal has the key 'baker' (proposed: florist, "
              "sharpening-the-knife): `invoke topics` lists them"),
])
def test_add_refuses_a_topic_that_exists_or_was_not_proposed(settings, key, message):
    site = settings({"essays/florist.md": FLORIST})
    path = f"{site['PATH']}/topics.toml"
    before = fingerprint(ROOT.joinpath(site["PATH"]))
    out = io.StringIO()
    assert topics_command(site, out, add=key) == 1
    assert out.getvalue() == message.format(path=path) + "\n"
    assert fingerprint(ROOT.joinpath(site["PATH"])) == before


def test_a_stanza_that_would_break_the_vocabulary_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text('[roles.nurse]\nname = "Nurse"\naliases = ["nurse"]\n'
                    'description = "Cares."\n', encoding="utf-8")
    before = fingerprint(tmp_path)
    with pytest.raises(TopicsError) as error:
        add_stanza(path, "roles", '[roles.carer]\nname = "Carer"\naliases = ["nurse"]\n'
                                  'description = "Cares."\n')
    assert str(error.value) == (f"{path}:8: alias 'nurse' of roles.carer is already an alias "
                                "of roles.nurse: keep it in one topic only")
    assert fingerprint(tmp_path) == before  # no temporary file left either


def test_invoke_topics_stops_at_an_error_in_the_content(settings, tmp_path):
    site = settings({"essays/florist.md": FLORIST.replace("2025-01-01", "someday")})
    out = io.StringIO()
    assert topics_command(site, out, add="florist") == 1
    [line] = out.getvalue().splitlines()
    assert line.startswith(f"error: {site['PATH']}/essays/florist.md:2: Date:")


def test_a_build_never_proposes_nor_writes_under_content(settings, monkeypatch, make_site,
                                                        tmp_path):
    def refuse(*args):
        raise AssertionError("a build computed proposals")

    monkeypatch.setattr(authoring.check, "essay_proposals", refuse)
    assert check_site(settings({"essays/florist.md": FLORIST}), warnings=False).errors == []
    site = make_site({"essays/florist.md": FLORIST, "topics.toml": VOCABULARY})  # a subprocess
    assert site.file("/essays/florist/").exists()
    content = tmp_path / "content"
    assert sorted(fingerprint(content)) == ["essays/florist.md", "topics.toml"]
    assert (content / "topics.toml").read_text(encoding="utf-8") == VOCABULARY


def warning_lines(report, root):
    return [str(p).replace(f"{root}/", "") for p in report.warnings]


def test_check_says_in_one_line_which_essays_show_new_topics(settings):
    site = settings({"essays/florist.md": FLORIST, "essays/kitchen.md": PASSING,
                     "essays/again.md": FLORIST.replace("Slug: florist", "Slug: again")})
    lines = warning_lines(check_site(site), site["PATH"])
    assert [line for line in lines if "invoke topics" in line] == [
        "warning: topics.toml: 2 essays mention roles or examples it lacks: `invoke topics` "
        "proposes them"]


def test_check_counts_topics_without_essays_and_unused_lists_them(settings):
    site = settings({"essays/kitchen.md": PASSING})
    lines = warning_lines(check_site(site), site["PATH"])
    [summary] = [line for line in lines if "--unused" in line]
    count = int(re.fullmatch(r"warning: topics.toml: (\d+) topics have no published essay "
                             r"yet, so no page: `invoke check --unused` lists them",
                             summary).group(1))
    listed = [line for line in warning_lines(check_site(site, unused=True), site["PATH"])
              if "no page" in line]
    assert len(listed) == count == 3
    assert all(re.fullmatch(r"warning: topics.toml:\d+: (roles|examples)\.[a-z0-9-]+: no "
                            r"published essay mentions it yet, so it has no page", line)
               for line in listed)


@PROJECT_FOLDER
def test_invoke_check_and_topics_on_the_real_content_are_short_and_write_nothing():
    content = fingerprint(ROOT / "content")

    def invoke(*args):
        result = subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout + result.stderr

    short, full = invoke("check").splitlines(), invoke("check", "--unused").splitlines()
    [summary] = [line for line in short if "--unused" in line]
    count = int(re.search(r"content/topics.toml: (\d+) topics have", summary).group(1))
    assert len(full) == len(short) - 1 + count
    # Lost-URL warnings depend on the output/ left by the last local build, not on content/.
    assert len([line for line in short if "was in the last site" not in line]) < 20
    assert invoke("topics").splitlines()[-1].startswith(("no new topics", "1 new topic",
                                                         "2 new topics", "3 new topics"))
    assert fingerprint(ROOT / "content") == content
