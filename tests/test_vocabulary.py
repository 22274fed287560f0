"""Loading topics.toml: a good file becomes a Vocabulary, each mistake one clear error."""

import re
from textwrap import dedent

import pytest

from service_topics.errors import TopicsError
from service_topics.vocabulary import load_vocabulary

GOOD = """\
    [roles.teacher]
    name = "Teacher"
    aliases = ["teacher"]
    description = "Teaches."

    [roles.high-school-teacher]
    name = "High school teacher"
    aliases = ["high school teacher", "secondary school teacher"]
    description = "Teaches teenagers."
    broader = "teacher"
    related = ["holding-the-door"]

    [examples.holding-the-door]
    name = "Holding the door"
    aliases = ["hold the door", "hold a door open"]
    description = "The smallest act of service."
"""


def load(tmp_path, text):
    path = tmp_path / "topics.toml"
    path.write_text(dedent(text), encoding="utf-8")
    return load_vocabulary(path)


def error_of(tmp_path, text) -> str:
    with pytest.raises(TopicsError) as caught:
        load(tmp_path, text)
    return str(caught.value)


def test_a_good_file_loads_every_topic_with_its_relations(tmp_path):
    vocabulary = load(tmp_path, GOOD)
    teacher = vocabulary["high-school-teacher"]
    assert teacher.kind == "roles" and teacher.url == "roles/high-school-teacher/"
    assert teacher.related == ("holding-the-door",)
    assert [t.key for t in vocabulary.broader_chain("high-school-teacher")] == ["teacher"]
    assert vocabulary["holding-the-door"].feed_url == "examples/holding-the-door/atom.xml"


@pytest.mark.parametrize("name", ["teacher", "Teacher", "high school teacher",
                                  "High School Teacher", "high-school-teacher",
                                  "Holding the door", "hold a door open"])
def test_authors_may_name_a_topic_by_key_name_or_alias(tmp_path, name):
    assert load(tmp_path, GOOD).lookup(name) is not None


@pytest.mark.parametrize("name, key", [
    ("held the door", "holding-the-door"), ("holding doors", "holding-the-door"),
    ("secondary school teachers", "high-school-teacher"),
    ("holding the door for the teacher", None),  # more than one topic: not a name
    ("secondray school teacher", None),  # a misspelt name is an error, not a guess
    ("door", None),
])
def test_a_name_in_other_words_is_the_topic_one_alias_reads_as_whole(tmp_path, name, key):
    topic = load(tmp_path, GOOD).lookup(name)
    assert (topic and topic.key) == key


def test_closest_names_are_offered_for_a_typo(tmp_path):
    assert load(tmp_path, GOOD).closest("techer") == ["Teacher"]


def test_the_vocabulary_cannot_be_changed_after_loading(tmp_path):
    vocabulary = load(tmp_path, GOOD)
    with pytest.raises(TypeError):
        vocabulary.topics["x"] = None
    with pytest.raises(AttributeError):
        vocabulary["teacher"].name = "Other"


BAD = {
    "syntax error": (
        GOOD.replace('name = "Teacher"', 'name = "Teacher'),
        2, r"TOML syntax error: .*; fix the syntax on this line"),
    "unknown field": (
        GOOD.replace('description = "Teaches."', 'descripton = "Teaches."'),
        4, r"unknown field 'descripton' in roles.teacher: did you mean 'description'\?"),
    "bad key": (
        GOOD.replace("[roles.teacher]", "[roles.Teacher_1]").replace('"teacher"\n', '"Teacher_1"\n'),
        1, r"bad key 'Teacher_1': use lowercase ASCII words joined by hyphens, like 'teacher-1'"),
    "missing name": (
        GOOD.replace('name = "Teacher"\n', ""),
        1, r"roles.teacher has no 'name': add it"),
    "aliases not a list": (
        GOOD.replace('aliases = ["teacher"]', 'aliases = "teacher"'),
        3, r"roles.teacher: 'aliases' must be a list of non-empty strings"),
    "empty alias list": (
        GOOD.replace('aliases = ["teacher"]', "aliases = []"),
        3, r"roles.teacher: 'aliases' must be a list of non-empty strings"),
    "alias of two topics": (
        GOOD.replace('"hold the door"', '"High-School Teacher"'),
        15, r"alias 'High-School Teacher' of examples.holding-the-door is already an alias of "
            r"roles.high-school-teacher: keep it in one topic only"),
    "alias twice in one topic": (
        GOOD.replace('"hold a door open"', '"hold the door"'),
        15, r"alias 'hold the door' is listed twice in examples.holding-the-door: remove one"),
    "alias with and without its article": (
        GOOD.replace('"hold a door open"', '"the teacher"'),
        15, r"alias 'the teacher' of examples.holding-the-door is already an alias of "
            r"roles.teacher: keep it in one topic only"),
    "alias of determiners only": (
        GOOD.replace('"hold a door open"', '"the"'),
        15, r"alias 'the' of examples.holding-the-door has no word to match"),
    "alias of someone alone": (
        GOOD.replace('aliases = ["teacher"]', 'aliases = ["teacher", "someone"]'),
        3, r"alias 'someone' of roles.teacher has no word to match \(determiners are "
           r"ignored, someone stands for another word\): reword it"),
    "broader missing": (
        GOOD.replace('broader = "teacher"', 'broader = "teachers"'),
        10, r"roles.high-school-teacher: broader topic 'teachers' does not exist: "
            r"did you mean 'teacher'"),
    "broader of another kind": (
        GOOD.replace('broader = "teacher"', 'broader = "holding-the-door"'),
        10, r"roles.high-school-teacher: broader topic 'holding-the-door' is an example; a role's broader topic must be "
            r"a role"),
    "related missing": (
        GOOD.replace('related = ["holding-the-door"]', 'related = ["holding-the-doors"]'),
        11, r"roles.high-school-teacher: related topic 'holding-the-doors' does not exist: did you mean 'holding-the-door'"),
    "related to itself": (
        GOOD.replace('related = ["holding-the-door"]', 'related = ["high-school-teacher"]'),
        11, r"roles.high-school-teacher: 'related' names the topic itself: remove it"),
    "related twice": (
        GOOD.replace('related = ["holding-the-door"]', 'related = ["teacher", "teacher"]'),
        11, r"roles.high-school-teacher: 'related' names 'teacher' twice: remove one"),
    "description not a string": (
        GOOD.replace('description = "Teaches."', "description = 3"),
        4, r"roles.teacher: 'description' must be a non-empty string"),
    "topic not a table": (
        GOOD + "\n[roles]\nwaiter = 1\n",
        19, r"roles.waiter must be a table: write \[roles.waiter\] followed by its fields"),
    "cycle of broader terms": (
        GOOD.replace('description = "Teaches."', 'description = "Teaches."\nbroader = "high-school-teacher"'),
        5, r"broader topics form a cycle: teacher → high-school-teacher → teacher; remove one of "
           r"these 'broader' fields"),
    "key in both tables": (
        GOOD + '\n[examples.teacher]\nname = "T"\naliases = ["teach"]\ndescription = "T."\n',
        18, r"key 'teacher' is both a role and an example: rename one of them"),
    "control character in a name": (
        GOOD.replace('name = "Teacher"', 'name = "Teacher\\u0007"'),
        2, r"roles.teacher: 'name': U\+0007, a control character, is not text readers can see, "
           r"and feeds may not carry it: delete it"),
    "non-character in an alias": (
        GOOD.replace('"hold a door open"', '"hold a door \uffff open"'),
        15, r"examples.holding-the-door: 'aliases': U\+FFFF, not a character, is not text "
            r"readers can see, and feeds may not carry it: delete it"),
    "C1 control character in a description": (
        GOOD.replace('description = "Teaches."', 'description = "Teaches\\u0085."'),
        4, r"roles.teacher: 'description': U\+0085, a control character, .*: delete it"),
    "a line counted after a U+2028 in a string": (
        GOOD.replace('"Teaches."', '"Teaches.\u2028"')
        .replace('"hold a door open"', '"hold a door \\u001b open"'),
        15, r"examples.holding-the-door: 'aliases': U\+001B, a control character, .*: delete it"),
    "unknown table": (
        GOOD + '\n[places.school]\nname = "School"\n',
        18, r"unknown table \[places\]: topics go in \[roles.<key>\] or \[examples.<key>\]"),
}


@pytest.mark.parametrize("case", BAD)
def test_each_mistake_names_the_file_the_line_and_the_fix(tmp_path, case):
    text, line, message = BAD[case]
    error = error_of(tmp_path, text)
    assert re.fullmatch(rf".*topics\.toml:{line}: {message}.*", error), error
    assert "\n" not in error


def test_a_missing_file_says_how_to_create_it(tmp_path):
    with pytest.raises(TopicsError, match="no vocabulary file: create it"):
        load_vocabulary(tmp_path / "topics.toml")


def test_a_file_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_bytes(dedent(GOOD).encode().replace(b"Teaches teenagers", b"Teaches \xe9l\xe8ves"))
    with pytest.raises(TopicsError, match=r"topics\.toml:9: is not UTF-8: save it as UTF-8"):
        load_vocabulary(path)
