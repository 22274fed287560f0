"""The tag cache (plugins/service_topics/tagcache.py) changes the speed of a build, never its
output: each essay's candidates are kept keyed by its text, the vocabulary and the code, the
site's statistics are worked out afresh on every build, and a damaged cache is ignored with
one warning."""

import pickle
import subprocess
import sys

import pytest

from benchmarks.corpus import write_corpus
from service_topics import cachefile
from service_topics.settings import topics_settings
from service_topics.tagcache import FILE, CandidateCache
from sitebuild import ROOT, build_site
from tests.test_build import fingerprint

CACHE_OFF = {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}


def build(tmp_path, content, name, **overrides):
    return fingerprint(build_site(content=content, output=tmp_path / name,
                                  overrides={"CACHE_PATH": str(tmp_path / f"{name}-cache"),
                                             **overrides}), skip={"pagefind"})


def cached_build(tmp_path, content):
    """A build that uses (and refreshes) the cache in tmp_path/cache."""
    return fingerprint(build_site(content=content, output=tmp_path / "output",
                                  overrides={"CACHE_PATH": str(tmp_path / "cache")}),
                       skip={"pagefind"})


def warnings(capfd):
    return [line for line in capfd.readouterr().err.splitlines() if "warning" in line]


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "content", 24)


def test_the_cache_gives_the_site_a_build_without_it_gives(tmp_path, corpus, capfd):
    cold = build(tmp_path, corpus, "cold", **CACHE_OFF)
    assert cached_build(tmp_path, corpus) == cold  # filling the cache
    assert (tmp_path / "cache" / FILE).is_file()
    assert cached_build(tmp_path, corpus) == cold  # every essay from the cache
    assert warnings(capfd) == []


def test_the_sites_statistics_are_worked_out_again_with_a_cache(tmp_path, corpus):
    """Removing essays changes which topics are common, and so the tags of those left."""
    cached_build(tmp_path, corpus)
    for essay in sorted((corpus / "essays").glob("*.md"))[::2]:
        essay.unlink()
    assert cached_build(tmp_path, corpus) == build(tmp_path, corpus, "cold", **CACHE_OFF)


def test_an_edited_essay_is_tagged_again(tmp_path, corpus):
    cached_build(tmp_path, corpus)
    essay = sorted((corpus / "essays").glob("*.md"))[3]
    essay.write_text(essay.read_text(encoding="utf-8")
                     + "\nThe barista held the door open for me, and the barista smiled.\n",
                     encoding="utf-8")
    assert cached_build(tmp_path, corpus) == build(tmp_path, corpus, "cold", **CACHE_OFF)


def test_editing_the_vocabulary_tags_every_essay_again(tmp_path, corpus):
    cached_build(tmp_path, corpus)
    vocabulary = corpus / "topics.toml"
    text = vocabulary.read_text(encoding="utf-8")
    # "door" becomes an alias of a new example, so essays that hold a door gain a topic.
    vocabulary.write_text(text + '\n[examples.doors]\nname = "Doors"\n'
                          'description = "Doors held, opened and closed."\n'
                          'aliases = ["door"]\n', encoding="utf-8")
    cached = cached_build(tmp_path, corpus)
    assert cached == build(tmp_path, corpus, "cold", **CACHE_OFF)
    assert "examples/doors/index.html" in cached


@pytest.mark.parametrize("damage", [
    lambda data: data[:len(data) // 2],
    lambda data: data[:-1],
    lambda data: b"\x00" * len(data),
    lambda data: b"",
])
def test_a_damaged_cache_gives_one_warning_and_the_right_site(tmp_path, corpus, capfd, damage):
    cold = build(tmp_path, corpus, "cold", **CACHE_OFF)
    cached_build(tmp_path, corpus)
    path = tmp_path / "cache" / FILE
    path.write_bytes(damage(path.read_bytes()))
    capfd.readouterr()
    assert cached_build(tmp_path, corpus) == cold
    assert len(warnings(capfd)) == 1
    assert cached_build(tmp_path, corpus) == cold  # and the cache is whole again
    assert warnings(capfd) == []


CONFIG = topics_settings({})


def filled(tmp_path):
    cache = CandidateCache(tmp_path, b"vocabulary", CONFIG)
    assert cache.get("<p>a</p>", "A", "", lambda: ("candidates of a",)) == ("candidates of a",)
    cache.save()
    return tmp_path / FILE


def reread(tmp_path, vocabulary=b"vocabulary"):
    cachefile.forget()  # as a new process would
    return CandidateCache(tmp_path, vocabulary, CONFIG)


def test_a_cache_entry_is_found_again_by_the_same_essay_only(tmp_path):
    filled(tmp_path)
    cache = reread(tmp_path)
    assert cache.get("<p>a</p>", "A", "", lambda: pytest.fail("not cached")) == \
        ("candidates of a",)
    assert cache.get("<p>a</p>", "Another title", "", lambda: ("new",)) == ("new",)
    assert cache.get("<p>a</p>", "A", "A summary", lambda: ("newer",)) == ("newer",)
    assert reread(tmp_path, b"another vocabulary").get("<p>a</p>", "A", "",
                                                       lambda: ("other",)) == ("other",)
    cachefile.forget()
    relatives = CandidateCache(tmp_path, b"vocabulary", {**CONFIG, "TOPICS_RELATIVES": []})
    assert relatives.get("<p>a</p>", "A", "", lambda: ("no relatives",)) == ("no relatives",)


@pytest.mark.parametrize("damage, problem", [
    (lambda data: data[:-5], "it is corrupt or incomplete"),
    (lambda data: data.replace(b"candidates 1", b"candidates 0"),
     "it is not a cache of this kind and version"),
    (lambda data: data[:28] + bytes(64) + data[92:], "it was written by another version of "
                                                     "the code"),
    (lambda data: b"not a cache", "it is not a cache of this kind and version"),
])
def test_a_cache_that_cannot_be_trusted_is_ignored_with_one_warning(tmp_path, capfd, damage,
                                                                     problem):
    path = filled(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    capfd.readouterr()
    cache = reread(tmp_path)
    assert capfd.readouterr().err == (f"warning: {path}: {problem}: ignoring it and tagging every "
                                      "essay afresh\n")
    assert cache.get("<p>a</p>", "A", "", lambda: ("computed",)) == ("computed",)
    cache.save()
    assert reread(tmp_path).get("<p>a</p>", "A", "", lambda: pytest.fail("not cached")) == \
        ("computed",)
    assert capfd.readouterr().err == ""


def test_a_pickle_that_fails_to_load_is_ignored(tmp_path, capfd):
    import hashlib

    path = filled(tmp_path)
    header, key, _, _ = path.read_bytes().split(b"\n", 3)
    payload = pickle.dumps({"x": 1})[:-1]  # cut short, but with a matching hash
    path.write_bytes(b"\n".join([header, key, hashlib.sha256(payload).hexdigest().encode(),
                                 payload]))
    capfd.readouterr()
    assert reread(tmp_path).earlier == {}
    assert "it is corrupt or incomplete" in capfd.readouterr().err


def test_the_cache_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    """A build killed while writing leaves the previous file: the new one is moved in whole."""
    path = filled(tmp_path)
    before = path.read_bytes()
    cache = reread(tmp_path)
    cache.get("<p>b</p>", "B", "", lambda: ("candidates of b",))

    def killed(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        cache.save()
    assert path.read_bytes() == before


def test_the_code_key_covers_every_module_of_plugins_that_tagging_imports():
    """A change to any code the candidates depend on must retag every essay."""
    found = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, 'plugins');"
         "import service_topics.generator, service_topics.tagging, pathlib;"
         "print('\\n'.join(sorted({pathlib.Path(m.__file__).resolve().relative_to("
         "pathlib.Path('plugins').resolve()).parts[0] for m in list(sys.modules.values())"
         " if getattr(m, '__file__', None) and pathlib.Path(m.__file__).resolve()"
         ".is_relative_to(pathlib.Path('plugins').resolve())})))"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    from service_topics.tagcache import CODE

    assert set(found) <= set(CODE)


def test_a_warm_process_reads_the_file_again_once_it_changed(tmp_path, capfd):
    """The worker of `invoke livereload` keeps the entries in memory, but never trusts them
    over a file that changed since it was written."""
    path = filled(tmp_path)
    capfd.readouterr()
    assert CandidateCache(tmp_path, b"vocabulary", CONFIG).earlier != {}
    path.write_bytes(path.read_bytes()[:-3])
    assert CandidateCache(tmp_path, b"vocabulary", CONFIG).earlier == {}
    assert "it is corrupt or incomplete" in capfd.readouterr().err


def test_the_same_candidates_tagged_again_give_the_very_same_tags_until_a_choice_changes():
    """In a warm process (the edit loop) an unchanged essay keeps its tag objects, whose
    fingerprints incremental.py then keeps; a changed choice makes new ones."""
    from pathlib import Path

    from service_topics.tagging import EssayText, tag_site
    from tests.test_salience import VOCABULARY

    found: dict = {}

    def found_by(text, compute):  # as the cache does: the same objects for the same text
        if text.html not in found:
            found[text.html] = compute()
        return found[text.html]

    essay = EssayText("<p>The barista held the door for me.</p>", {"title": "Coffee"},
                      Path("coffee.md"))
    config = topics_settings({})
    first = tag_site({"coffee": essay}, VOCABULARY, config, found_by=found_by)["coffee"]
    again = tag_site({"coffee": essay}, VOCABULARY, config, found_by=found_by)["coffee"]
    assert again is first and [tag.topic.key for tag in first.tags] == ["barista",
                                                                       "holding-the-door"]
    declared = essay._replace(metadata={**essay.metadata, "roles": "Nurse"})
    changed = tag_site({"coffee": declared}, VOCABULARY, config, found_by=found_by)["coffee"]
    assert [tag.topic.key for tag in changed.tags] == ["barista", "holding-the-door", "nurse"]
