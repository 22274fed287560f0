"""The attack corpus (tests/attack_corpus.toml) in every field an author controls, in Chromium.

For each field, one site holds one essay (or one topic) per payload.  The build
must either stop with one ``error: file:line: message`` line for the payload
(the test builds again without it), or write a site in which, on every page
and every feed opened in the browser (home, essays, archives, indexes, topic
pages, search with results, 404):

- no script runs: no dialog opens, ``window.__xss`` stays unset;
- no request leaves loopback: every request is routed, any other host fails;
- no dangerous markup is left for the policy to catch: no event handler, no
  script URL, no element or inline style the allowlist does not name;
- every feed parses (feedparser, no bozo).

Violations of the Content-Security-Policy are listed (``-s``), not failed: the
policy is the second line, behind the checks and the sanitizer.
"""

from __future__ import annotations

import html
import json
import re
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from playwright.sync_api import Error as PlaywrightError

from sitebuild import ROOT, BuildFailed, build_site
from tests.browser.conftest import serving
from tests.browser.test_security_policy import REPORT_VIOLATIONS
from tests.conftest import site_content

CORPUS = tomllib.loads((ROOT / "tests" / "attack_corpus.toml").read_text(encoding="utf-8"))["payload"]
# Where each payload goes: an essay's metadata fields (or its text), or a topic's in topics.toml.
ESSAY_FIELDS = {"title": ["title"], "summary": ["summary"], "body": [], "author": ["author"],
                "source": ["source", "source_title"], "source_url": ["source_url"]}
TOPIC_FIELDS = {"topic": ["name", "description"], "alias": ["aliases"]}
# Every request is matched against this (in the browser's driver, not in Python): any URL
# but the loopback test server's is aborted and counted.
ELSEWHERE = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost)[:/]|data:|blob:|about:)")
ERROR_LINE = re.compile(r"^error: (?P<path>[^:\n]+):(?P<line>\d+): (?P<message>.+)$", re.M)
SEARCHES = ["alert", "script", "onerror", "click"]

# What a page must not hold once the sanitizer has run; theme markup is told apart by
# where it sits (the site's own forms, the <head>).  Returns one line per finding.
AUDIT = """() => {
  const found = [];
  const url = (value) => { try { return new URL(value, document.baseURI); } catch { return null; } };
  const themeForm = (el) => el.closest && el.closest("form.site-search, form#search-form");
  const forbidden = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base",
    "style", "link", "meta", "form", "input", "button", "select", "textarea", "option",
    "template", "portal", "fencedframe"]);
  const live = ["http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg",
                "http://www.w3.org/1998/Math/MathML"];  // a feed's own elements never run
  for (const el of document.querySelectorAll("*")) {
    if (!live.includes(el.namespaceURI) || el.closest("parsererror")) continue;  // the browser's
    const name = el.localName;
    const inHead = el.closest("head") !== null;
    if (name === "script" && !(el.type === "application/ld+json" ||
        (el.src && url(el.src)?.pathname === "/theme/js/search.js"))) found.push("<script>");
    if (forbidden.has(name) && !(inHead && ["link", "meta"].includes(name)) && !themeForm(el))
      found.push(`<${name}>`);
    if (name === "meta" && inHead && el.httpEquiv &&
        el.httpEquiv.toLowerCase() !== "content-security-policy") found.push("<meta http-equiv>");
    for (const attr of el.attributes) {
      const key = attr.name.toLowerCase();
      if (key.startsWith("on")) found.push(`${name}[${key}]`);
      if (key === "style") found.push(`${name}[style]`);
      if (["href", "xlink:href", "src", "action", "formaction", "data", "poster", "cite",
           "background", "srcset"].includes(key)) {
        const parts = key === "srcset" ? attr.value.split(",").map((p) => p.trim().split(/\\s+/)[0])
                                        : [attr.value];
        for (const part of parts) {
          const parsed = url(part);
          if (parsed && !["http:", "https:", "mailto:"].includes(parsed.protocol))
            found.push(`${name}[${key}=${parsed.protocol}]`);
        }
      }
    }
  }
  return found;
}"""

@dataclass
class Result:
    """What happened to every payload of the corpus in one field.

    ``ran`` and ``markup`` are keyed by payload id where a page belongs to one
    payload (its essay or topic page), else by the page's path.
    """

    field: str
    stopped: dict[str, str] = field(default_factory=dict)  # id -> the build's error line
    ran: dict[str, list[str]] = field(default_factory=dict)  # scripts, dialogs, requests out
    markup: dict[str, list[str]] = field(default_factory=dict)  # dangerous markup left
    feeds: dict[str, list[str]] = field(default_factory=dict)  # feeds that do not parse
    violations: dict[str, list[str]] = field(default_factory=dict)  # page -> CSP violations
    pages: int = 0

    @staticmethod
    def add(findings: dict[str, list[str]], where: str, what: str) -> None:
        found = findings.setdefault(where, [])
        if what not in found:
            found.append(what)

    def failures(self) -> dict[str, list[str]]:
        """Everything found, by where it was found."""
        failed: dict[str, list[str]] = {}
        for findings in (self.ran, self.markup, self.feeds):
            for where, what in findings.items():
                failed.setdefault(where, []).extend(what)
        return failed

    def summary(self, seconds: float) -> str:
        built = len(CORPUS) - len(self.stopped)
        return (f"{self.field}: {len(CORPUS)} payloads: {len(self.stopped)} stopped by the build, "
                f"{built} built; script ran or request left "
                f"for {len(self.ran)}, markup left "
                f"for {len(self.markup)}, feeds broken for {len(self.feeds)}; "
                f"{self.pages} pages in {seconds:.0f} s; CSP violations: "
                f"{json.dumps(self.violations, ensure_ascii=False) if self.violations else 'none'}")


def marked(payload: dict, number: int) -> str:
    """The payload with its markers numbered, so a dialog names the payload that opened it."""
    return payload["text"].replace("alert(1)", f"alert({number})").replace(
        "__xss=1", f"__xss={number}")


def letters(number: int) -> str:
    """A made-up word unique to ``number``, for a topic's alias: 0 -> "xqa", 27 -> "xqbb"."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = "abcdefghijklmnopqrstuvwxyz"[digit] + word
        if not number:
            return "xq" + word


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes, and DEL, which TOML forbids raw)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def essay(number: int, field: str, payload: str = "", slug: str = "p") -> str:
    """Essay ``number``, with ``payload`` in ``field``: its metadata, or its text for "body"."""
    one_line = payload.replace("\r", " ").replace("\n", " ")
    meta = {"title": f"Essay {number}", "date": f"2024-01-01 {number // 60:02d}:{number % 60:02d}",
            "author": "Ann Example", "slug": f"{slug}-{number:03d}", "summary": "One door, held open.",
            "source": "The Daily Commute", "source_title": "The Original",
            "source_url": "https://example.org/original"}
    for name in ESSAY_FIELDS.get(field, ()):
        meta[name] = one_line
    text = "I held the door for the barista, who said thank you.\n\n"
    if field == "body":
        text += payload + "\n"
    header = "".join(f"{name.capitalize()}: {value}\n" for name, value in meta.items())
    return header + "\n" + text


def topic(number: int, field: str, payload: str) -> str:
    """The topics.toml stanza of topic ``number``, with ``payload`` in ``field``'s fields."""
    kind = "roles" if number % 2 == 0 else "examples"
    fields = TOPIC_FIELDS.get(field, ())
    name = payload if "name" in fields else f"Topic {number}"
    description = payload if "description" in fields else "A topic of the corpus."
    aliases = [payload] if "aliases" in fields else [letters(number)]
    return (f"[{kind}.p-{number:03d}]\nname = {toml_string(name)}\n"
            f"aliases = [{', '.join(map(toml_string, aliases))}]\n"
            f"description = {toml_string(description)}\n\n")


Places = dict[str, list[tuple[int, int, int]]]  # file name -> (first line, last line, payload)


def corpus_content(folder: Path, field: str, numbers: list[int]) -> Places:
    """Write the field's site content; return where in which file each payload is.

    For an essay's field, one essay per payload.  For a topic's, one topic per
    payload, and an essay for every ten topics that mentions them all: by their
    made-up alias, or, for the alias field, by the payload itself, as text.
    """
    payloads = {n: marked(CORPUS[n], n) for n in numbers}
    files: dict[str, str] = {}
    places: Places = {}
    if field in ESSAY_FIELDS:
        for n in numbers:
            files[f"essays/p-{n:03d}.md"] = essay(n, field, payloads[n])
            places[f"p-{n:03d}.md"] = [(1, 10 ** 6, n)]
    else:
        vocabulary = ""
        for n in numbers:
            first = vocabulary.count("\n") + 1
            vocabulary += topic(n, field, payloads[n])
            places.setdefault("topics.toml", []).append((first, vocabulary.count("\n"), n))
        files["topics.toml"] = vocabulary
        for group in range(0, len(numbers), 10):
            name = f"t-{group:03d}.md"
            text = essay(group, field, slug="t")  # not p-: those are the topics' pages
            for n in numbers[group:group + 10]:
                line = text.count("\n") + 1
                text += (html.escape(payloads[n].replace("\n", " ")) if field == "alias"
                         else f"The {letters(n)} was kind.") + "\n\n"
                places.setdefault(name, []).append((line, line, n))
            files[f"essays/{name}"] = text
    # bytes are written as they are, control characters included
    site_content(folder, {name: text.encode("utf-8") for name, text in files.items()})
    return places


def build_corpus_site(tmp: Path, field: str, capfd, result: Result) -> Path | None:
    """Build the field's site; each payload the build stops on is recorded and left out.

    None when the build stops on every payload.
    """
    numbers = list(range(len(CORPUS)))
    while numbers:
        places = corpus_content(tmp / "content", field, numbers)
        capfd.readouterr()
        try:
            return build_site("pelicanconf.py", content=tmp / "content", output=tmp / "output",
                              overrides={"CACHE_PATH": str(tmp / "cache"),
                                         "DEFAULT_PAGINATION": 500, "TOPICS_PER_PAGE": 500})
        except BuildFailed:
            err = capfd.readouterr().err
        errors = list(ERROR_LINE.finditer(err))
        assert errors, f"{field}: the build failed without a file:line error:\n{err[-3000:]}"
        for error in errors:  # each construct of a payload is one line of its own
            number = _payload_at(error, places)
            assert number in numbers, f"{field}: an error names no corpus payload: {error[0]}"
            result.stopped.setdefault(CORPUS[number]["id"], error[0])
        numbers = [n for n in numbers if CORPUS[n]["id"] not in result.stopped]
    return None


def _payload_at(error: re.Match, places: Places) -> int | None:
    """The payload at the file and line an error names."""
    line = int(error["line"])
    return next((n for first, last, n in places.get(Path(error["path"]).name, ())
                 if first <= line <= last), None)


def payload_of(url: str) -> str:
    """The payload a page belongs to (an essay's or topic's), else the page's path."""
    found = re.search(r"/p-(\d{3})/", url)
    return CORPUS[int(found[1])]["id"] if found else urlsplit(url).path


def pages_of(output: Path, field: str) -> list[str]:
    """The URL paths to open: every page, searches that list results, a missing page, and
    the feeds (every topic's where its name is the payload, else one of each kind)."""
    pages = ["/" + path.relative_to(output).as_posix().removesuffix("index.html")
             for path in sorted(output.rglob("*.html"))
             if path.relative_to(output).parts[0] != "pagefind"]
    feeds = ["/" + path.relative_to(output).as_posix() for path in sorted(output.rglob("*.xml"))
             if path.name != "sitemap.xml"]
    if field != "topic":
        feeds = [feed for feed in feeds if feed.startswith("/feeds/")] + \
            [feed for feed in feeds if not feed.startswith("/feeds/")][:1]
    return pages + feeds + [f"/search/?q={word}" for word in SEARCHES] + ["/no/such/page/"]


def browse(browser, base_url: str, urls: list[str], result: Result) -> None:
    """Open every URL in one context that lets no request leave loopback."""
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    current = {"url": ""}

    def leaving(route):
        result.add(result.ran, payload_of(current["url"]), f"request to {route.request.url}")
        route.abort()

    def dialog(dialog):
        number = int(dialog.message) if dialog.message.isdigit() else None
        where = CORPUS[number]["id"] if number is not None and number < len(CORPUS) \
            else payload_of(current["url"])
        result.add(result.ran, where, f"a {dialog.type} opened on {urlsplit(current['url']).path}")
        dialog.dismiss()

    def navigated(frame):
        if frame == page.main_frame and current["url"] and \
                frame.url.split("#")[0] != current["url"]:
            result.add(result.ran, payload_of(current["url"]),
                       f"{current['url']} went to {frame.url}")

    context.route(ELSEWHERE, leaving)
    page.on("dialog", dialog)
    page.on("framenavigated", navigated)
    for url in urls:
        current["url"] = ""
        page.goto(base_url + url, wait_until="load")
        current["url"] = page.url.split("#")[0]
        if url.startswith("/search/"):
            page.wait_for_function("() => !/Searching/.test("
                                   "document.getElementById('search-status').textContent)")
        where = payload_of(current["url"])
        marker, violations, audit = settled(page)
        if marker is not None:
            result.add(result.ran, where, f"window.__xss = {marker} on {url}")
        if violations:
            result.violations[url] = violations
        for finding in audit:
            result.add(result.markup, where, f"{finding} on {url}")
        result.pages += 1
    context.close()


def settled(page) -> tuple[object, list[str], list[str]]:
    """The page's marker, its policy violations and its audit, once it stays where it is."""
    for _ in range(5):
        try:
            return page.evaluate(f"() => [window.__xss, window.__violations, ({AUDIT})()]")
        except PlaywrightError as error:
            if "destroyed" not in str(error):
                raise
            page.wait_for_load_state("load")
    page.goto("about:blank")
    return None, [], ["the page never stopped reloading"]


def check_feeds(output: Path, result: Result) -> None:
    for path in sorted(output.rglob("*.xml")):
        if path.name == "sitemap.xml":
            continue
        feed = feedparser.parse(path.read_bytes())
        if feed.bozo:
            where = payload_of("/" + path.relative_to(output).as_posix())
            result.add(result.feeds, where, f"{path.relative_to(output)}: {feed.bozo_exception}")


@pytest.mark.parametrize("field", [*ESSAY_FIELDS, *TOPIC_FIELDS])
def test_no_payload_runs_or_reaches_out_from_any_field(browser, tmp_path, capfd, field):
    started = time.monotonic()
    result = Result(field)
    output = build_corpus_site(tmp_path, field, capfd, result)
    if output:
        with serving(output) as base_url:
            browse(browser, base_url, pages_of(output, field), result)
        check_feeds(output, result)
    with capfd.disabled():
        print("\n" + result.summary(time.monotonic() - started))
    failures = result.failures()
    assert failures == {}, json.dumps(failures, indent=1, ensure_ascii=False)


def test_characters_xml_forbids_stop_the_build_with_a_file_line_error(make_site, capfd):
    """A C0 control character (here BEL) in an essay's summary, author and text, and in a
    topic's name, all of which reach a feed; and U+FFFE in an essay's text."""
    text = essay(1, "author", "Ann\a").replace("One door, held open.", "A bell\a.") + \
        "The bellhop rang\a.\n\nNot a character: \ufffe.\n"
    vocabulary = (ROOT / "content" / "topics.toml").read_text(encoding="utf-8") + \
        '\n[roles.bell]\nname = "Bell\\u0007"\naliases = ["bellhop"]\ndescription = "Rings."\n'
    capfd.readouterr()
    with pytest.raises(BuildFailed):
        make_site({"essays/bell.md": text.encode("utf-8"),
                   "topics.toml": vocabulary.encode("utf-8")})
    named = {(Path(m["path"]).name, int(m["line"]))
             for m in ERROR_LINE.finditer(capfd.readouterr().err)}
    expected = {("bell.md", n + 1) for n, line in enumerate(text.splitlines())
                if "\a" in line or "\ufffe" in line}
    expected.add(("topics.toml", vocabulary.splitlines().index('name = "Bell\\u0007"') + 1))
    assert len(expected) == 5 and expected <= named, named


def test_the_corpus_covers_every_family_with_sixty_payloads_or_more():
    families = {payload["family"] for payload in CORPUS}
    assert len(CORPUS) >= 60 and len({p["id"] for p in CORPUS}) == len(CORPUS)
    assert {"event handlers", "script URLs", "SVG and MathML", "base and meta",
            "attribute breaking", "unclosed tags", "comments", "CDATA and XML in feeds",
            "Unicode look-alikes and control characters"} <= families
