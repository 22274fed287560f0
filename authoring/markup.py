"""Checks of the HTML an essay or page makes: each construct the sanitizer would drop is
an error, at the line of the source that wrote it, saying what to write instead; so are
HTML in a plain-text field, a URL field that is not a web address, and each character no
page or feed may hold.

What is allowed is ``safe_html``'s allowlist: these checks and the sanitizer read the same.
"""

from __future__ import annotations

from typing import Mapping
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from safe_html.allowlist import CONTENT, TITLE
from safe_html.characters import advice, unpublishable
from safe_html.dropped import Dropped, dropped
from safe_html.sanitizer import is_web_url
from safe_html.settings import html_fields, safe_html_settings

from .documents import Document
from .frontmatter import source_lines
from .located import lines_of, normalised
from .problems import Problem, error

# Fields shown as plain text: markup in them would be shown as written.
TEXT_FIELDS = ("Author", "Source", "Source_title")
SCRIPT_SCHEMES = ("javascript", "vbscript")
EMBEDS = frozenset("iframe frame frameset object embed applet portal".split())
FORMS = frozenset("form input button textarea select option".split())
TAG_ADVICE = {
    "script": "would run in readers' browsers: to show it, put it in backticks (`<script>`)",
    "style": "would restyle the site's pages: the site's style sheet styles every essay; to "
             "show it, put it in backticks (`<style>`)",
    "base": "would send every relative link of the page elsewhere: delete it",
    "meta": "could redirect or refresh the page: delete it",
    "link": "would load another style sheet or document into the page: delete it",
    "svg": "can carry scripts: save the picture as a file in content/images/ and show it "
           "with ![what it shows](/images/…)",
    "math": "is not published: write the formula as text, or show a picture of it",
    **dict.fromkeys(EMBEDS, "would embed another site's page, and its scripts: link to it "
                            "instead, [its title](https://…)"),
    **dict.fromkeys(FORMS, "would collect readers' input on this site's pages: link to the "
                           "form instead, [its title](https://…)"),
}


def check_markup(document: Document, content: str, metadata: Mapping,
                 settings: Mapping) -> list[Problem]:
    """The constructs of one document that readers would not get, and bad plain-text and
    URL fields; ``content`` and ``metadata`` as Pelican's reader makes them, unsanitized."""
    found = dropped(content)
    problems = [error(document.path, line, _message(construct)) for construct, line
                in zip(found, lines_of(document, map(_needle, found)))]
    fields = [("Title", TITLE)] + [(field, CONTENT) for field in html_fields(settings)]
    for name, allowlist in fields:
        value, field = metadata.get(name.lower()), document.field(name)
        if isinstance(value, str) and field:
            problems += [error(document.path, field.line, f"{field.name}: {_message(d, name)}")
                         for d in dropped(value, allowlist)]
    for field in map(document.field, TEXT_FIELDS):
        if field and BeautifulSoup(field.value, "html.parser").find(True):
            problems.append(error(document.path, field.line,
                                  f"{field.name}: {field.value!r} holds HTML, which readers "
                                  "would see as written: write plain text"))
    for field in map(document.field, safe_html_settings(settings)["SAFE_HTML_URL_FIELDS"]):
        if field and not is_web_url(field.value):
            problems.append(error(document.path, field.line,
                                  f"{field.name}: {field.value!r} is not a web address: write "
                                  "the original's address, starting with https:// or http://"))
    return problems


def check_characters(document: Document) -> list[Problem]:
    """Each character of the file that no page or feed may hold, at its line."""
    fields = {field.line: f"{field.name}: " for field in document.front.fields}
    return [error(document.path, number, fields.get(number, "") + advice(character))
            for number, line in enumerate(source_lines(document.text), 1)
            for character in unpublishable(line)]


def _needle(construct: Dropped) -> str:
    """What the source holds where it wrote ``construct``."""
    if construct.kind == "tag":
        return f"<{construct.tag}"
    if construct.kind == "attribute":
        return f"{construct.name}="
    if construct.kind == "comment":
        return "<!"
    return construct.value if construct.kind in ("url", "remote") else construct.name


def _message(construct: Dropped, field: str = "") -> str:
    tag, name = construct.tag, construct.name
    if construct.kind == "comment":
        return "a comment or CDATA section holding markup: browsers may end it early and run " \
               "what it hides: delete it"
    if construct.kind == "tag":
        if field == "Title" and CONTENT.allows_tag(tag):
            return f"<{tag}> has no place in a title, which is shown inside a link and a " \
                   "heading: use text and inline markup such as <em> or <code>"
        return f"<{tag}> " + TAG_ADVICE.get(tag, "is not HTML this site publishes: write "
                                                 "Markdown (docs/authoring.md lists the HTML "
                                                 "allowed), or put it in backticks to show it")
    if construct.kind == "attribute" and name.startswith("on"):
        return f"the event-handler attribute {name}= on <{tag}> would run a script in " \
               "readers' browsers: delete it"
    if construct.kind == "attribute":
        return f"the attribute {name}= on <{tag}> is not one this site publishes: delete it"
    if construct.kind == "class":
        return f"class {name!r} on <{tag}> is not one of the site's styles: delete it"
    if construct.kind == "style":
        return f"the style {name}: on <{tag}> would restyle the page: delete it (a table's " \
               "columns are aligned with colons in its |:---:| line)"
    if construct.kind == "remote":
        return f"{name}={construct.value!r} on <{tag}> loads a picture from another host, " \
               "which would learn who reads what, and when: save the picture in " \
               "content/images/ and show it with ![what it shows](/images/…)"
    scheme = _scheme(construct.value)
    if scheme in SCRIPT_SCHEMES:
        return f"a {scheme}: link would run a script in readers' browsers: link to a web " \
               "page (https://…) instead, or write the text without a link"
    return f"{name}={construct.value!r} on <{tag}>: only http:, https:, mailto: and relative " \
           "addresses are published: link to a web page (https://…) instead"


def _scheme(url: str) -> str:
    """The scheme a browser reads in ``url``: spaces and control characters skipped."""
    return urlsplit(normalised(url)).scheme
