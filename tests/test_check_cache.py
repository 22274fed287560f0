"""The author checks' cache (authoring/checkcache.py): a file read before is not rendered
again, yet every build reports the same errors, with the same file:line, as a build without
the cache, and checks each link against the site as it is now."""

import io

import pytest
from pelican.settings import read_settings

from authoring.check import check_site
from authoring.checkcache import FILE, CheckCache
from contentcache import cache_key
from service_topics import cachefile
from sitebuild import ROOT, BuildFailed, build_site
from tests.conftest import ESSAY, site_content

OTHER = ESSAY.replace("A Small Kindness", "Another Kindness") \
    .replace("a-small-kindness", "another-kindness")
LINKING = ESSAY + "\nAs [the other one](/essays/another-kindness/) says.\n"
SCRIPTED = ESSAY + "\nA <script>alert(1)</script> in the text.\n"


def report(tmp_path, files, *, cached=True):
    """The error lines of the checks a build runs, and the cache's hits."""
    content = site_content(tmp_path / "content", files)
    settings = read_settings(str(ROOT / "pelicanconf.py"),
                             override={"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")})
    cache = CheckCache.of_site(settings, cache_key(settings)) if cached else None
    printed = io.StringIO()
    check_site(settings, warnings=False, cache=cache).print(printed, warnings=False)
    return printed.getvalue().replace(f"{content}/", "").splitlines(), cache and cache.hits


@pytest.fixture(autouse=True)
def fresh_process():
    cachefile.forget()
    yield
    cachefile.forget()


def test_a_cached_file_with_an_error_gives_the_same_error_every_time(tmp_path):
    files = {"essays/kindness.md": SCRIPTED}
    uncached, _ = report(tmp_path, files, cached=False)
    assert len(uncached) == 1 and uncached[0].startswith("error: essays/kindness.md:9: <script>")
    assert report(tmp_path, files) == (uncached, 0)
    cachefile.forget()  # a new build, in a new process
    assert report(tmp_path, files) == (uncached, 1)


def test_links_of_a_cached_file_are_checked_against_the_site_as_it_is(tmp_path):
    both = {"essays/kindness.md": LINKING, "essays/other.md": OTHER}
    assert report(tmp_path, both) == ([], 0)
    lines, hits = report(tmp_path, {"essays/kindness.md": LINKING})  # the other one is gone
    assert hits == 1
    assert lines == report(tmp_path / "uncached", {"essays/kindness.md": LINKING},
                           cached=False)[0]
    assert lines[0].startswith("error: essays/kindness.md:9: link to /essays/another-kindness/:")


def test_an_edited_file_is_checked_again(tmp_path):
    assert report(tmp_path, {"essays/kindness.md": ESSAY}) == ([], 0)
    lines, hits = report(tmp_path, {"essays/kindness.md": SCRIPTED})
    assert hits == 0 and len(lines) == 1


def test_a_build_fails_on_a_cached_error_as_on_a_fresh_one(tmp_path, capfd):
    content = site_content(tmp_path / "content", {"essays/kindness.md": SCRIPTED})

    def errors():
        with pytest.raises(BuildFailed):
            build_site(content=content, output=tmp_path / "output",
                       overrides={"CACHE_PATH": str(tmp_path / "cache")})
        return [line for line in capfd.readouterr().err.splitlines() if line.startswith("error")]

    first = errors()
    written = (tmp_path / "cache" / FILE).stat().st_mtime_ns
    assert len(first) == 1 and ":9: <script>" in first[0]
    assert errors() == first
    assert (tmp_path / "cache" / FILE).stat().st_mtime_ns == written  # read, not rewritten


@pytest.mark.parametrize("damage", [
    lambda data: data[:len(data) // 2],
    lambda data: b"\x00" * len(data),
])
def test_a_damaged_cache_gives_one_warning_and_the_same_site(tmp_path, capfd, damage):
    content = site_content(tmp_path / "content", {"essays/kindness.md": LINKING,
                                                  "essays/other.md": OTHER})

    def build():
        build_site(content=content, output=tmp_path / "output",
                   overrides={"CACHE_PATH": str(tmp_path / "cache")})
        return [line for line in capfd.readouterr().err.splitlines() if "warning" in line]

    assert build() == []
    path = tmp_path / "cache" / FILE
    path.write_bytes(damage(path.read_bytes()))
    assert len(build()) == 1
    assert build() == []
