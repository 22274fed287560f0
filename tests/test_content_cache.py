"""Pelican's content cache cannot lie: a cache that is corrupt, cut short, left by a killed
build or written by other code or settings is ignored with one warning, and a build killed
at any point leaves the previous site in output/."""

import json
import signal
import subprocess
import sys
from textwrap import dedent

import pytest

from sitebuild import ROOT, build_site
from tests.conftest import ESSAY, site_content
from tests.test_build import fingerprint

HEADING = ESSAY + "\n## The door\n\nIt was heavy.\n"


def build(tmp_path, files, **overrides):
    return build_site(content=site_content(tmp_path / "content", files),
                      output=tmp_path / "output",
                      overrides={"CACHE_PATH": str(tmp_path / "cache"), **overrides})


def readers_cache(tmp_path):
    return tmp_path / "cache" / "ArticlesGenerator"


def test_a_finished_build_stamps_its_cache_and_the_next_build_trusts_it(tmp_path, capfd):
    build(tmp_path, {"essays/kindness.md": ESSAY})
    stamp = json.loads((tmp_path / "cache" / "stamp.json").read_text())
    assert "ArticlesGenerator" in stamp["files"]
    capfd.readouterr()
    build(tmp_path, {"essays/kindness.md": ESSAY})
    assert "warning" not in capfd.readouterr().err


@pytest.mark.parametrize("damage, reason", [
    (lambda path: path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2]),
     "it is corrupt or incomplete"),
    (lambda path: path.write_bytes(b"\x00" * len(path.read_bytes())),
     "it is corrupt or incomplete"),
    (lambda path: (path.parent / "stamp.json").unlink(),
     "it was left by a build that did not finish"),
])
def test_a_damaged_cache_is_ignored_with_one_warning(tmp_path, capfd, damage, reason):
    build(tmp_path, {"essays/kindness.md": HEADING})
    cold = fingerprint(tmp_path / "output", skip={"pagefind"})
    damage(readers_cache(tmp_path))
    capfd.readouterr()
    build(tmp_path, {"essays/kindness.md": HEADING})
    warnings = [line for line in capfd.readouterr().err.splitlines() if "warning" in line]
    assert warnings == [f"warning: {tmp_path}/cache/: {reason}: ignoring it and reading every "
                        "file afresh"]
    assert fingerprint(tmp_path / "output", skip={"pagefind"}) == cold


def test_pelican_alone_stops_with_a_traceback_on_an_empty_cache_file(tmp_path):
    """Why the stamp is needed: a build killed as Pelican opened its cache file leaves it
    empty, and Pelican does not catch the EOFError that unpickling it raises."""
    from pelican.cache import FileDataCacher

    build(tmp_path, {"essays/kindness.md": ESSAY})
    readers_cache(tmp_path).write_bytes(b"")
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "GZIP_CACHE": False}
    with pytest.raises(EOFError):
        FileDataCacher(settings, "ArticlesGenerator", True, True)


def test_a_cache_written_with_other_settings_is_not_used(tmp_path, capfd):
    build(tmp_path, {"essays/kindness.md": HEADING})
    assert 'id="the-door"' in (tmp_path / "output/essays/a-small-kindness/index.html").read_text()
    from pelicanconf import MARKDOWN
    # Pelican adds an "extensions" list to the MARKDOWN it reads, in place: leave it out.
    without_ids = {"output_format": MARKDOWN["output_format"], "extension_configs": {
        name: config for name, config in MARKDOWN["extension_configs"].items()
        if not name.endswith(".toc")}}
    capfd.readouterr()
    build(tmp_path, {"essays/kindness.md": HEADING}, MARKDOWN=without_ids)
    assert "written by another version of the code, of Pelican or of the settings" in \
        capfd.readouterr().err
    page = (tmp_path / "output/essays/a-small-kindness/index.html").read_text()
    assert "<h2>The door</h2>" in page


# A build killed with SIGKILL at one point: the driver patches that point in its own process.
DRIVER = dedent("""\
    import os, signal, sys
    sys.path.insert(0, {root!r})
    import editloop, incremental, sitebuild, pelican.readers, pelican.cache

    def kill_on(module, name, after=0):
        original, calls = getattr(module, name), []
        def patched(*args, **kwargs):
            calls.append(1)
            if len(calls) > after:
                os.kill(os.getpid(), signal.SIGKILL)
            return original(*args, **kwargs)
        setattr(module, name, patched)

    point = sys.argv[1]
    if point == "reading":
        kill_on(pelican.readers.Readers, "read_file")
    elif point == "writing":
        kill_on(incremental._PendingFile, "__exit__", after=3)
    elif point == "saving the cache":
        kill_on(pelican.cache.FileDataCacher, "save_cache")
    elif point == "swapping":
        kill_on(editloop, "replace_folder")
    loop = editloop.EditLoop(sys.argv[2:])
    print(loop.build())
""")


@pytest.mark.parametrize("point", ["reading", "writing", "saving the cache", "swapping"])
def test_a_build_killed_at_any_point_keeps_the_previous_site(tmp_path, point):
    files = {"essays/kindness.md": ESSAY, "essays/other.md": ESSAY.replace(
        "a-small-kindness", "another-kindness").replace("A Small", "Another")}
    build(tmp_path, files)
    previous = fingerprint(tmp_path / "output")
    (tmp_path / "content/essays/kindness.md").write_text(ESSAY + "\nAnd then I waved.\n")
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER.format(root=str(ROOT)))
    argv = [str(tmp_path / "content"), "-s", str(ROOT / "pelicanconf.py"), "-o",
            str(tmp_path / "output"), "--fatal", "errors", "-e",
            f'CACHE_PATH={json.dumps(str(tmp_path / "cache"))}']
    killed = subprocess.run([sys.executable, str(driver), point, *argv], cwd=ROOT,
                            capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert fingerprint(tmp_path / "output") == previous

    after = build_site(content=tmp_path / "content", output=tmp_path / "output",
                       overrides={"CACHE_PATH": str(tmp_path / "cache")})
    cold = build_site(content=tmp_path / "content", output=tmp_path / "cold",
                      overrides={"CACHE_PATH": str(tmp_path / "cold-cache")})
    assert fingerprint(after, skip={"pagefind"}) == fingerprint(cold, skip={"pagefind"})
    assert "And then I waved." in (after / "essays/a-small-kindness/index.html").read_text()
