"""Writing an essay: `invoke new`, comments in the metadata, drafts, livereload, clean, the
author's guide."""

import asyncio
import json
import re
import shutil
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from textwrap import dedent

from invoke import Context
from markdown import Markdown
from tornado.websocket import websocket_connect

import tasks
from authoring.frontmatter import CommentsExtension, read_front_matter
from authoring.metadata import FIELDS
from sitebuild import ROOT
from tests.conftest import ESSAY, running_task
from tests.test_build import fingerprint
from tests.test_real_site import text


def invoke(*args):
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT,
                          capture_output=True, text=True)


def test_invoke_new_writes_a_draft_with_every_field_and_says_where(tmp_path):
    result = invoke("new", "Thank the Bus Driver!", "--path", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "thank-the-bus-driver.md"
    assert result.stdout.splitlines() == [
        f"Wrote {path}, a draft: write the essay below its metadata.",
        "  invoke livereload  shows it at http://127.0.0.1:8000/drafts/thank-the-bus-driver/ "
        "as you write",
        "  invoke check       lists anything to fix",
        "Delete its Status: draft line to publish it.",
    ]
    essay = path.read_text(encoding="utf-8")
    fields = {f.name: f.value for f in read_front_matter(essay).fields}
    assert fields["Title"] == "Thank the Bus Driver!"
    assert fields["Slug"] == "thank-the-bus-driver"
    assert fields["Status"] == "draft" and fields["Summary"].startswith("TODO")
    written = datetime.strptime(fields["Date"], "%Y-%m-%d %H:%M")
    assert abs(written - datetime.now(timezone.utc).replace(tzinfo=None)) < timedelta(minutes=2)
    commented = re.findall(r"^# ([A-Z][\w-]*): \S", essay, re.M)
    # A new essay has never been modified, nor renamed.
    assert sorted([*fields, *commented]) == sorted(set(FIELDS) - {"Modified", "Former_slugs"})
    assert "Delete the next line to publish" in essay.split("Status: draft")[0]


def test_invoke_new_never_overwrites_an_essay(tmp_path):
    path = tmp_path / "a-small-kindness.md"
    path.write_text(ESSAY, encoding="utf-8")
    result = invoke("new", "A Small Kindness", "--path", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"error: {path} already exists: edit it, "
                                     "or choose another title")
    assert path.read_text(encoding="utf-8") == ESSAY


def written_by_invoke_new(tmp_path, title="Thank the Bus Driver"):
    invoke("new", title, "--path", str(tmp_path / "new"))
    return next((tmp_path / "new").glob("*.md")).read_text(encoding="utf-8")


def test_a_new_essay_builds_as_a_draft_the_development_site_alone_shows(tmp_path, make_site):
    draft = written_by_invoke_new(tmp_path) + "I always thank the bus driver.\n"
    site = make_site({"essays/thank.md": draft, "essays/kindness.md": ESSAY})
    page = site.page("/drafts/thank-the-bus-driver/")
    assert text(page.find("h1")) == "Thank the Bus Driver"
    assert "Lines starting with" not in site.file("/drafts/thank-the-bus-driver/").read_text()
    assert not site.file("/essays/thank-the-bus-driver/").exists()
    assert not site.file("/roles/bus-driver/").exists()  # drafts are on no topic page
    published = make_site({"essays/thank.md": draft, "essays/kindness.md": ESSAY},
                          settings="publishconf.py")
    assert not (published.output / "drafts").exists()
    for path in published.output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt"}:
            assert "thank-the-bus-driver" not in path.read_text(encoding="utf-8"), path


def test_uncommented_fields_count_and_comments_show_nowhere(tmp_path, make_site):
    essay = (written_by_invoke_new(tmp_path, "A Kind Word")
             .replace("# Author: the writer's name, shown under the title", "Author: Ann Example")
             .replace("Status: draft\n", "")
             .replace("TODO: one sentence", "One sentence")) + "Kind words cost nothing.\n"
    site = make_site({"essays/kind.md": essay})
    page = site.page("/essays/a-kind-word/")
    assert "Ann Example" in text(page)
    assert "the writer's name" not in site.file("/essays/a-kind-word/").read_text()


def test_the_metadata_block_is_read_with_its_line_numbers():
    front = read_front_matter(dedent("""\
        ---
        Title: Thank the
            Bus Driver
        # a comment
        Roles: bus driver
        Date: 2024-05-01

        Summary: not metadata: the block ended at the blank line
        """))
    assert [(f.name, f.value, f.line) for f in front.fields] == [
        ("Title", "Thank the Bus Driver", 2), ("Roles", "bus driver", 5),
        ("Date", "2024-05-01", 6)]
    assert front.last_line == 6 and front.get("roles").line == 5


def test_comment_lines_leave_the_block_and_the_text_as_markdown_reads_them():
    md = Markdown(extensions=["meta", CommentsExtension()])
    html = md.convert("Title: T\n# Author: someone\nSlug: t\n\n# A heading\n")
    assert md.Meta == {"title": ["T"], "slug": ["t"]}
    assert html == "<h1>A heading</h1>"


def test_livereload_follows_content_topics_theme_plugins_checks_and_settings():
    watched = {ROOT / path for path in tasks.WATCHED}
    assert all(path.exists() for path in watched)  # a missing path would be read as a glob
    for needed in ["content/essays/x.md", "content/topics.toml", "theme/templates/base.html",
                   "plugins/service_topics/tagging.py", "authoring/body.py", "pelicanconf.py"]:
        assert any((ROOT / needed).is_relative_to(path) for path in watched), needed


def copy_of_the_project(folder):
    """What a build needs, copied into ``folder``: livereload may edit its content."""
    for name in ["content", "theme", "plugins", "authoring"]:
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ["pelicanconf.py", "publishconf.py", "sitebuild.py", "tasks.py", "editloop.py",
                 "incremental.py", "contentcache.py", "sharedreads.py", "filewatch.py"]:
        shutil.copy(ROOT / name, folder / name)
    return folder


# Generous limits for a loaded machine: each wait ends as soon as its event comes.
SLOW_MACHINE = 600  # seconds


async def next_reload(socket):
    """The next message livereload sends the browser: it must be a reload."""
    message = json.loads(await asyncio.wait_for(socket.read_message(), timeout=SLOW_MACHINE))
    assert message["command"] == "reload"


async def browse_while_editing(port, project):
    """A browser's side of livereload, while an essay is broken, then retitled."""
    essay = project / "content" / "essays" / "who-provides-customer-service.md"
    page = project / "output" / "essays" / "who-provides-customer-service" / "index.html"
    served = fingerprint(project / "output", skip={"pagefind"})  # indexed in the background
    socket = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await socket.write_message(json.dumps({"command": "hello", "protocols": [
        "http://livereload.com/protocols/official-7"]}))
    await socket.read_message()
    await socket.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"}))
    source = essay.read_text(encoding="utf-8")
    essay.write_text(source.replace("Date: 2025-05-20 09:00", "Date: someday"), encoding="utf-8")
    await next_reload(socket)
    assert fingerprint(project / "output", skip={"pagefind"}) == served
    essay.write_text(source.replace("Title: Who Provides Customer Service?", "Title: Who Serves?"),
                     encoding="utf-8")
    await next_reload(socket)
    assert "Who Serves?" in page.read_text(encoding="utf-8")
    socket.close()


def test_livereload_rebuilds_on_a_change_and_keeps_the_last_good_site(tmp_path):
    project = copy_of_the_project(tmp_path)
    with running_task("livereload", project, tmp_path / "terminal", SLOW_MACHINE) as base_url:
        home = urllib.request.urlopen(base_url + "/", timeout=5).read()
        assert b"Everybody Serves" in home and b"livereload.js" in home
        port = int(base_url.rsplit(":", 1)[1])
        with ThreadPoolExecutor(1) as browser:  # its own event loop: Playwright may run one here
            browser.submit(asyncio.run, browse_while_editing(port, project)).result()
    terminal = (tmp_path / "terminal").read_text()
    assert ("error: content/essays/who-provides-customer-service.md:2: Date: 'someday' is not "
            "a date: write it as YYYY-MM-DD HH:MM\n"
            f"error: the build failed; {project}/output still holds the previous site") \
        in terminal
    assert "Traceback" not in terminal


def test_clean_removes_only_the_output_and_the_cache(tmp_path, monkeypatch):
    for folder in ["output", "cache", ".output.building-1", "content/essays"]:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "file").write_text("x")
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    monkeypatch.setattr(tasks, "OUTPUT", tmp_path / "output")
    monkeypatch.setattr(tasks, "CACHE", tmp_path / "cache")
    tasks.clean(Context())
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "content", "content/essays", "content/essays/file"]


def test_the_authoring_guide_is_linked_and_names_every_field():
    assert "(docs/authoring.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for field in FIELDS:
        assert f"`{field}`" in guide, field
