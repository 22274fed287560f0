"""Site tasks: ``invoke --list`` shows them, ``invoke --help TASK`` explains one."""

import os
import shutil
import sys
import webbrowser
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

from sitebuild import ROOT, BuildFailed, build_site, check_content
from security_headers.headers_file import HeadersFileMixin, headers_for, parse

OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
# The URLs of the site as last published: `invoke publish` writes it, every build and
# `invoke check` warn about each one that would become a 404 (commit it).
PUBLISHED = ROOT / "published-urls.txt"
ESSAYS = ROOT / "content" / "essays"
# What a livereload rebuild follows: content and topics.toml, theme, plugins, the
# checks, the settings.
WATCHED = ["content", "theme", "plugins", "authoring", "pelicanconf.py", "publishconf.py"]
# The inline script livereload 2.7 puts before </head> of every page it serves: the
# Content-Security-Policy of `invoke livereload`'s builds allows it by its hash.
LIVERELOAD_SNIPPET = (
    '(function(){var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);})();")


def _build(settings="pelicanconf.py", output=OUTPUT, **options):
    try:
        build_site(settings, output=output, published=PUBLISHED, **options)
    except BuildFailed as error:
        raise Exit(f"error: {error}", code=1) from None


@task
def build(c):
    """Build the development site into output/."""
    _build()


@task(help={"unused": "list each topic of topics.toml that no essay mentions yet"})
def check(c, unused=False):
    """Check every essay, page and topics.toml without building: errors, warnings, a summary."""
    if not check_content(output=OUTPUT, published=PUBLISHED, unused=unused):
        raise Exit(code=1)


@task(help={"add": "add the proposed topic with this key to content/topics.toml"})
def topics(c, add=None):
    """Propose the roles and examples the essays show but topics.toml lacks; --add KEY adds one."""
    from pelican.settings import read_settings

    from authoring.newtopics import topics_command

    status = topics_command(read_settings(str(ROOT / "pelicanconf.py")), sys.stdout, add=add)
    if status:
        raise Exit(code=status)


@task(help={"title": "the essay's title, in quotes",
            "path": "folder to write the essay to (default content/essays/)"})
def new(c, title, path=str(ESSAYS)):
    """Start an essay: a draft at content/essays/<slug>.md with every metadata field."""
    from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

    from authoring.new import new_essay
    from service_topics.errors import display_path

    settings = {**DEFAULT_CONFIG, **get_settings_from_file(str(ROOT / "pelicanconf.py"))}
    try:
        essay = new_essay(title, Path(path), settings)
    except FileExistsError as exists:
        raise Exit(f"error: {display_path(Path(exists.filename))} already exists: edit it, "
                   "or choose another title", code=1) from None
    except ValueError as error:
        raise Exit(f"error: {error}", code=1) from None
    draft_url = settings["DRAFT_URL"].format(slug=essay.stem)
    print(f"Wrote {display_path(essay)}, a draft: write the essay below its metadata.\n"
          f"  invoke livereload  shows it at http://127.0.0.1:8000/{draft_url} as you write\n"
          "  invoke check       lists anything to fix\n"
          "Delete its Status: draft line to publish it.")


@task
def clean(c):
    """Remove the built site, unfinished builds and Pelican's cache (nothing else)."""
    for path in (OUTPUT, CACHE, *ROOT.glob(f".{OUTPUT.name}.*")):
        shutil.rmtree(path, ignore_errors=True)


@task(pre=[clean])
def rebuild(c):
    """Remove output/ and the cache, then build from scratch."""
    _build()


@task(help={"host": "address to listen on (default 127.0.0.1)",
            "port": "port to listen on (default 8000)",
            "open_browser": "open the site in a browser"})
def serve(c, host="127.0.0.1", port=8000, open_browser=False):
    """Build the site, then serve output/ at http://HOST:PORT/ until Ctrl-C."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    _build()

    class Server(RootedHTTPServer):
        allow_reuse_address = True

    class Handler(HeadersFileMixin, ComplexHTTPRequestHandler):
        """Sends the headers output/_headers gives, as the production host does."""

    server = Server(str(OUTPUT), (host, int(port)), Handler)
    url = f"http://{host}:{port}/"
    print(f"Serving {OUTPUT.name}/ at {url} (Ctrl-C to stop)", file=sys.stderr)
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@task(help={"host": "address to listen on (default 127.0.0.1)",
            "port": "port to listen on (default 8000)"})
def livereload(c, host="127.0.0.1", port=8000):
    """Serve the site and rebuild it, reloading the browser, on every change.

    One Pelican instance stays warm between rebuilds (editloop.py): a saved essay
    re-renders only the pages it shows on.  The pages' Content-Security-Policy allows
    livereload's own script, and every file is served with the headers of _headers.
    """
    from editloop import Worker, serve

    serve(Worker("pelicanconf.py", output=OUTPUT, published=PUBLISHED,
                 overrides=_allowing_livereload()),
          OUTPUT, [ROOT / path for path in WATCHED], host, int(port), headers=_headers_of)


def _headers_of(output: Path) -> dict:
    """The headers _headers in ``output`` gives every file, if the build wrote it."""
    headers_file = output / "_headers"
    if not headers_file.exists():
        return {}
    return headers_for(parse(headers_file.read_text(encoding="utf-8")), "/")


def _allowing_livereload() -> dict:
    """Settings whose Content-Security-Policy (meta and header) allows livereload's script."""
    from pelican.settings import get_settings_from_file

    from pelicanconf import csp_source_hash

    settings = get_settings_from_file(str(ROOT / "pelicanconf.py"))
    allow = f"script-src {csp_source_hash(LIVERELOAD_SNIPPET)}"

    def allowing(policy: str) -> str:
        return policy.replace("script-src", allow, 1)

    headers = settings["SECURITY_HEADERS"]
    return {"CONTENT_SECURITY_POLICY": allowing(settings["CONTENT_SECURITY_POLICY"]),
            "SECURITY_HEADERS": {**headers, "Content-Security-Policy":
                                 allowing(headers["Content-Security-Policy"])}}


@task(help={"target": "folder to write the production site to (default output/)",
            "siteurl": "absolute address the site is published at "
                       "(default: $SITEURL, else the one in publishconf.py)",
            "allow_lost_urls": "publish even if URLs published before would become 404s"})
def publish(c, target=str(OUTPUT), siteurl=None, allow_lost_urls=False):
    """Build the production site (absolute URLs) into TARGET, keeping every URL published."""
    if siteurl:
        os.environ["SITEURL"] = siteurl
    _build("publishconf.py", output=Path(target).resolve(), publishing=True,
           allow_lost_urls=allow_lost_urls)


@task(help={"quick": "100 and 1,000 essays, 2 runs each, in a few minutes "
                     "(default: 100 to 10,000 essays, 3 runs each, about 30 minutes)"})
def bench(c, quick=False):
    """Benchmark the build on synthetic essays and write the report (benchmarks/README.md)."""
    with c.cd(str(ROOT)):
        c.run(f"{sys.executable} -m benchmarks.run{' --quick' if quick else ''}", pty=False)


@task(help={"topics": "the vocabulary to evaluate (default content/topics.toml)",
            "set": "a setting to build with, NAME=VALUE as Python (repeatable): "
                   "--set TOPICS_SALIENCE_THRESHOLD=3"},
      iterable=["set"])
def eval_tagging(c, topics=None, set=None):
    """Score the tags of the hand-labelled essays (evaluation/) and write evaluation/REPORT.md."""
    from evaluation.run import main

    argv = ["--topics", topics] if topics else []
    for setting in set or []:
        argv += ["--set", setting]
    if main(argv):
        raise Exit(code=1)


@task(help={"args": "extra arguments for pytest, e.g. -k feed"})
def test(c, args=""):
    """Run the whole test suite."""
    c.run(f"{sys.executable} -m pytest {args}", pty=False)
