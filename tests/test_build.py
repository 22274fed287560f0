"""Building a small site from tmp_path with the real settings and theme."""

import hashlib
import urllib.request

import feedparser
import pytest

from sitebuild import BuildFailed
from tests.conftest import ESSAY, PROJECT_FOLDER, running_task


def fingerprint(folder, skip=()):
    """Every file's path and content hash: equal fingerprints mean nothing changed.

    ``skip`` leaves out top-level folders, such as pagefind/: Pagefind's index of the
    same pages differs from build to build in its file names and order.
    """
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] not in skip
    }


def test_an_essay_becomes_a_page_at_its_pretty_url(make_site):
    site = make_site({"essays/kindness.md": ESSAY})
    page = site.page("/essays/a-small-kindness/")
    assert page.find("h1").get_text() == "A Small Kindness"
    assert "held the door open" in page.select_one(".essay .prose").get_text()
    assert site.file("/index.html").is_file() and site.file("/archives/").is_file()


def test_typogrify_curls_prose_but_leaves_code_alone(make_site):
    essay = ESSAY + '\nShe said "thanks" -- twice... Then `print("hi")`.\n'
    body = make_site({"essays/kindness.md": essay}).page("/essays/a-small-kindness/")
    paragraph = body.select(".essay .prose p")[-1]
    assert "“thanks”" in paragraph.get_text() and "…" in paragraph.get_text()
    assert paragraph.find("code").get_text() == 'print("hi")'


def test_markdown_gives_footnotes_heading_ids_and_definition_lists(make_site):
    essay = ESSAY + "\n## The door\n\nA note.[^1]\n\nBarista\n:   Makes coffee.\n\n[^1]: A footnote.\n"
    page = make_site({"essays/kindness.md": essay}).page("/essays/a-small-kindness/")
    assert page.find("h2", id="the-door")
    assert page.select_one(".footnote") and page.select_one("dl dt").get_text() == "Barista"


def test_a_failed_build_keeps_the_previous_site_and_never_touches_content(make_site, tmp_path):
    site = make_site({"essays/kindness.md": ESSAY})
    before = fingerprint(site.output)
    broken = ESSAY.replace("2024-05-01 10:00", "the first of May")
    with pytest.raises(BuildFailed, match="still holds the previous site"):
        make_site({"essays/kindness.md": broken})
    assert fingerprint(site.output) == before
    assert not list(tmp_path.glob(".output.*"))


def test_a_build_writes_nothing_under_content(make_site, tmp_path):
    make_site({"essays/kindness.md": ESSAY})
    content = fingerprint(tmp_path / "content")
    make_site({"essays/kindness.md": ESSAY})
    assert fingerprint(tmp_path / "content") == content


def test_publish_settings_give_absolute_urls_from_the_environment(make_site, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://blog.example.org/")
    site = make_site({"essays/kindness.md": ESSAY}, settings="publishconf.py")
    page = site.page("/essays/a-small-kindness/")
    assert page.find("link", rel="canonical")["href"] == (
        "https://blog.example.org/essays/a-small-kindness/")
    assert page.find("link", rel="stylesheet")["href"].startswith("https://blog.example.org/")
    feed = feedparser.parse(site.file("/feeds/all.atom.xml").read_bytes())
    assert feed.entries[0].link == "https://blog.example.org/essays/a-small-kindness/"


@PROJECT_FOLDER
def test_invoke_serve_builds_and_serves_the_site_on_loopback():
    with running_task("serve") as base_url:
        assert b"Everybody Serves" in urllib.request.urlopen(base_url + "/", timeout=2).read()
        essay = urllib.request.urlopen(f"{base_url}/essays/what-is-customer-service/", timeout=2)
        assert essay.status == 200


def test_the_theme_renders_without_the_topics_plugin(make_site):
    from pelicanconf import PLUGINS

    others = [plugin for plugin in PLUGINS if plugin != "service_topics"]
    essay = ESSAY.replace("Summary:", "Roles: barista\nSummary:")
    site = make_site({"essays/kindness.md": essay}, overrides={"PLUGINS": others})
    page = site.page("/essays/a-small-kindness/")
    assert page.find("h1").get_text() == "A Small Kindness"
    assert not page.select(".chip") and not site.file("/roles/").exists()


def test_steady_urls_change_no_byte_of_the_site(make_site):
    from pelican.settings import read_settings

    files = {"essays/kindness.md": ESSAY,
             "essays/second.md": ESSAY.replace("a-small-kindness", "a-second-kindness")
                                      .replace("2024-05-01", "2024-05-02")}
    steady = fingerprint(make_site(files).output, skip={"pagefind"})
    every = read_settings("pelicanconf.py")["PLUGINS"]
    assert "steady_urls" in every
    plugins = [name for name in every if name != "steady_urls"]
    assert fingerprint(make_site(files, overrides={"PLUGINS": plugins}).output,
                       skip={"pagefind"}) == steady
