"""What the sanitizer would drop from a piece of HTML, construct by construct, so that the
author checks can say what to write instead.

The HTML is parsed with BeautifulSoup and each element held against the same
allowlist the sanitizer is built from; whether a URL survives is asked of the
sanitizer itself.  Comments are dropped too, but listed only when they hold markup:
a browser may end such a comment early (``<!-->``, ``--!>``) and read the rest as
HTML, where Python's parser reads a comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import PreformattedString, Tag

from .allowlist import CONTENT, LOCAL_URL_ATTRIBUTES, STYLE_PROPERTIES, URL_ATTRIBUTES, \
    Allowlist
from .sanitizer import allows_url, is_local_url


@dataclass(frozen=True)
class Dropped:
    """One construct the sanitizer removes."""

    kind: str  # "tag", "attribute", "class", "style", "url", "remote" or "comment"
    tag: str
    name: str = ""  # the attribute, the class or the style property
    value: str = ""  # the attribute's value (the URL for "url", "remote"); a comment's text


def dropped(html: str, allowlist: Allowlist = CONTENT) -> list[Dropped]:
    """Every construct of ``html`` outside ``allowlist``, in document order."""
    found: list[Dropped] = []
    for node in BeautifulSoup(html, "html.parser").descendants:
        if isinstance(node, Tag) and allowlist.allows_tag(node.name):
            found += _attributes(node, allowlist)
        elif isinstance(node, Tag):
            found.append(Dropped("tag", node.name))  # its attributes go with it
        elif isinstance(node, PreformattedString) and "<" in node:  # comment, CDATA…
            found.append(Dropped("comment", "", value=str(node)))
    return found


def _attributes(element: Tag, allowlist: Allowlist) -> list[Dropped]:
    found = []
    tag = element.name
    for name, value in element.attrs.items():
        if not allowlist.allows_attribute(tag, name):
            found.append(Dropped("attribute", tag, name, _text(value)))
        elif name == "class":
            found += [Dropped("class", tag, c) for c in value if not allowlist.allows_class(tag, c)]
        elif name == "style":
            properties = (d.partition(":")[0].strip().lower() for d in value.split(";"))
            found += [Dropped("style", tag, p) for p in properties
                      if p and p not in STYLE_PROPERTIES]
        elif name in URL_ATTRIBUTES and not allows_url(value):
            found.append(Dropped("url", tag, name, value))
        elif (tag, name) in LOCAL_URL_ATTRIBUTES and not is_local_url(value):
            found.append(Dropped("remote", tag, name, value))
    return found


def _text(value: str | list[str]) -> str:
    """An attribute's value; BeautifulSoup splits the multi-valued ones (rel, class…)."""
    return " ".join(value) if isinstance(value, list) else value
