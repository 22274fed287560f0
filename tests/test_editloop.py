"""The edit loop of `invoke livereload`: every edit through the fast path gives, byte for byte,
the site a cold build of the same content gives (Pagefind's index aside)."""

import re
import shutil
import time

import pytest

from benchmarks.corpus import write_corpus
from editloop import Worker, _stat_files
from sitebuild import ROOT, build_site
from tests.test_build import fingerprint


@pytest.fixture
def loop(tmp_path):
    content = write_corpus(tmp_path / "content", 30)
    worker = Worker(output=tmp_path / "output", content=content,
                    overrides={"CACHE_PATH": str(tmp_path / "cache")})
    assert worker.build(), worker.answer
    yield tmp_path, content, worker
    worker.close()


def essays(content):
    return sorted((content / "essays").glob("*.md"))


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert re.search(old, text, re.M), old
    path.write_text(re.sub(old, new, text, count=1, flags=re.M), encoding="utf-8")


def assert_same_as_cold(folder, content, worker, path):
    """The fast build's output is the cold build's, and the fast path rendered little."""
    assert worker.build(), worker.answer
    cold = build_site(content=content, output=folder / "cold",
                      overrides={"CACHE_PATH": str(folder / "cold-cache")})
    served, expected = (fingerprint(site, skip={"pagefind"}) for site in (folder / "output", cold))
    assert served.keys() == expected.keys()
    assert [name for name in served if served[name] != expected[name]] == []
    assert folders(folder / "output") == folders(cold)  # none left empty
    shutil.rmtree(cold)
    shutil.rmtree(folder / "cold-cache")
    return worker.answer


def folders(site):
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*")
                  if path.is_dir() and path.relative_to(site).parts[0] != "pagefind")


def rendered(answer):
    return int(re.search(r"(\d+) rendered", answer)[1])


def test_edits_through_the_fast_path_give_the_cold_build(loop):
    folder, content, worker = loop
    full = rendered(worker.answer)  # the first build renders every page
    essay = essays(content)
    steps = [
        ("body", lambda: edit(essay[3], r"\Z", "\nOne more plain sentence.\n")),
        ("a new mention", lambda: edit(essay[4], r"\Z",
                                       "\nThe barista held the door open for me.\n")),
        ("title", lambda: edit(essay[5], r"^Title: .*$", "Title: A Wholly New Title")),
        ("date", lambda: edit(essay[6], r"^Date: .*$", "Date: 2030-01-01 10:00")),
        ("new essay", lambda: (content / "essays" / "a-copy.md").write_text(
            re.sub(r"^Slug: .*$", "Slug: a-copy", essay[7].read_text(encoding="utf-8"),
                   flags=re.M), encoding="utf-8")),
        ("a link", lambda: edit(essay[10], r"\Z",
                                f"\nSee [another]({{filename}}{essay[8].name}).\n")),
        ("renamed", lambda: edit(essay[8], r"^Slug: .*$", "Slug: a-new-slug")),
        ("deleted", lambda: essay[9].unlink()),
    ]
    for what, change in steps:
        change()
        answer = assert_same_as_cold(folder, content, worker, what)
        assert answer.startswith("ok fast"), (what, answer)
        # A body shows on its page, its neighbours', its page of the home list and the
        # lists of every essay; a title also on its related essays' and topic pages.
        if what in ("body", "title"):
            assert rendered(answer) < full // (5 if what == "body" else 3), (what, answer)

    edit(content / "topics.toml", r'^description = ".*"$', 'description = "Changed."')
    answer = assert_same_as_cold(folder, content, worker, "topics.toml")
    assert answer.startswith("ok full"), answer
    worker.close()  # the sites each build replaced are deleted, none left beside output/
    assert [path.name for path in folder.iterdir() if path.name.startswith(".output")] == []


def test_an_unchanged_site_renders_nothing_and_a_broken_essay_keeps_the_last_good_one(loop):
    folder, content, worker = loop
    assert worker.build() and worker.answer.startswith("ok unchanged"), worker.answer
    essays(content)[0].touch()  # saved again, the same bytes
    assert worker.build() and worker.answer.startswith("ok fast: 0 rendered"), worker.answer
    before = fingerprint(folder / "output", skip={"pagefind"})
    broken = essays(content)[2]
    edit(broken, r"^Date: .*$", "Date: someday")
    assert not worker.build()
    assert fingerprint(folder / "output", skip={"pagefind"}) == before
    edit(broken, r"^Date: .*$", "Date: 2031-05-05 10:00")
    assert_same_as_cold(folder, content, worker, "fixed")


def test_the_search_index_follows_once_the_author_stops_saving(loop):
    folder, content, worker = loop
    index = folder / "output" / "pagefind" / "pagefind-entry.json"
    deadline = time.monotonic() + 120
    while not index.exists():
        assert time.monotonic() < deadline, "Pagefind never indexed the site"
        time.sleep(0.1)
    edit(essays(content)[1], r"\Z", "\nA word for the index: marmalade.\n")
    assert worker.build() and worker.answer.startswith("ok fast"), worker.answer
    assert not index.exists()  # the new site, not indexed yet
    while not index.exists():
        assert time.monotonic() < deadline, "Pagefind never indexed the new site"
        time.sleep(0.1)


def test_a_build_over_the_site_before_last_keeps_its_folders_and_nothing_else(tmp_path):
    """Each build is made over the site the one before replaced: its folders stay (the
    system makes a folder far more slowly than it links a file), and nothing of it that
    the new build does not write survives: a static file since removed, a deleted essay."""
    content = write_corpus(tmp_path / "content", 12)
    (content / "images").mkdir()
    (content / "images" / "photo.png").write_bytes(b"\x89PNG not really")
    worker = Worker(output=tmp_path / "output", content=content,
                    overrides={"CACHE_PATH": str(tmp_path / "cache")})
    essay = essays(content)
    try:
        assert worker.build(), worker.answer
        edit(essay[1], r"\Z", "\nA first edit.\n")
        assert worker.build() and worker.answer.startswith("ok fast"), worker.answer
        folder_before = (tmp_path / "output" / "essays").stat().st_ino
        (content / "images" / "photo.png").unlink()
        assert worker.build() and worker.answer.startswith("ok full"), worker.answer
        edit(essay[2], r"\Z", "\nA second edit.\n")
        essay[3].unlink()
        answer = assert_same_as_cold(tmp_path, content, worker, "over the site before last")
        assert answer.startswith("ok fast"), answer
        assert (tmp_path / "output" / "essays").stat().st_ino == folder_before
        assert not (tmp_path / "output" / "images" / "photo.png").exists()
    finally:
        worker.close()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".output")] == []


def test_a_template_edit_shows_though_the_worker_keeps_compiled_templates(tmp_path):
    content = write_corpus(tmp_path / "content", 12)
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    overrides = {"CACHE_PATH": str(tmp_path / "cache"), "THEME": str(theme)}
    worker = Worker(output=tmp_path / "output", content=content, overrides=overrides)
    try:
        assert worker.build(), worker.answer
        edit(theme / "templates" / "base.html", r"</footer>", "<p>A new line.</p></footer>")
        assert worker.build() and worker.answer.startswith("ok full"), worker.answer
        home = (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
        assert "<p>A new line.</p>" in home
        cold = build_site(content=content, output=tmp_path / "cold",
                          overrides={**overrides, "CACHE_PATH": str(tmp_path / "cold-cache")})
        assert fingerprint(tmp_path / "output", skip={"pagefind"}) == \
            fingerprint(cold, skip={"pagefind"})
    finally:
        worker.close()


def test_the_watch_list_holds_every_file_under_a_folder_and_a_file_given_alone(tmp_path):
    """What a warm worker compares from one build to the next: each file's mtime and size,
    ``__pycache__`` left out, a watched path that is missing giving nothing."""
    (tmp_path / "theme" / "templates").mkdir(parents=True)
    (tmp_path / "theme" / "templates" / "base.html").write_text("<html>", encoding="utf-8")
    (tmp_path / "theme" / "__pycache__").mkdir()
    (tmp_path / "theme" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    (tmp_path / "pelicanconf.py").write_text("SITENAME = 'x'\n", encoding="utf-8")
    found = {}
    for watched in ("theme", "pelicanconf.py", "missing"):
        _stat_files(str(tmp_path / watched), found)
    stat = (tmp_path / "pelicanconf.py").stat()
    assert found == {str(tmp_path / "theme" / "templates" / "base.html"): (
        (tmp_path / "theme" / "templates" / "base.html").stat().st_mtime_ns, 6),
        str(tmp_path / "pelicanconf.py"): (stat.st_mtime_ns, stat.st_size)}


def test_a_renamed_essay_warns_of_its_lost_url_once(loop, capfd):
    folder, content, worker = loop
    essay = essays(content)[3]
    old = re.search(r"^Slug: (.*)$", essay.read_text(encoding="utf-8"), re.M)[1]
    worker.close()  # a worker started here writes where capfd reads
    assert worker.build(), worker.answer
    assert "404" not in capfd.readouterr().err
    edit(essay, r"^Slug: .*$", "Slug: a-new-slug")
    assert worker.build() and worker.answer.startswith("ok fast"), worker.answer
    warned = capfd.readouterr().err
    assert f"/essays/{old}/ was in the last site and would now be a 404" in warned
    assert f'add "Former_slugs: {old}" to the essay that replaces it' in warned
    edit(essays(content)[5], r"\Z", "\nOne more plain sentence.\n")
    assert worker.build(), worker.answer
    assert "404" not in capfd.readouterr().err


def test_a_published_url_the_site_lacks_is_warned_of_on_every_build(tmp_path, capfd):
    content = write_corpus(tmp_path / "content", 5)
    record = tmp_path / "published-urls.txt"
    record.write_text("/essays/withdrawn/\n", encoding="utf-8")
    worker = Worker(output=tmp_path / "output", content=content, published=record,
                    overrides={"CACHE_PATH": str(tmp_path / "cache")})
    try:
        for build in ("full", "fast"):
            if build == "fast":
                edit(essays(content)[1], r"\Z", "\nOne more plain sentence.\n")
            assert worker.build() and worker.answer.startswith(f"ok {build}"), worker.answer
            assert "/essays/withdrawn/ was in the last site and would now be a 404" \
                in capfd.readouterr().err
    finally:
        worker.close()
