"""The HTML a page or a feed may contain: exactly what this site's Markdown, typogrify and
plugins make, and the few inline tags an author may want to write by hand.

This is the one definition: the sanitizer is built from it, and the author checks
(``authoring/markup.py``) read it to say what the sanitizer would drop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from pygments.token import STANDARD_TYPES

# Every URL in an href or src is relative, or has one of these schemes.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes whose value is a URL.
URL_ATTRIBUTES = frozenset({"href", "src"})
# (tag, attribute) whose URL the browser fetches as soon as the page opens: the site's own
# files only (relative, {static}…), since a request to another host tells it who reads what.
LOCAL_URL_ATTRIBUTES = frozenset({("img", "src")})
# Attributes any allowed tag may have: heading ids (toc), anchors ({: #id } of attr_list),
# the topic plugin's passage ids; tooltips.
GLOBAL_ATTRIBUTES = frozenset({"id", "title"})

_INLINE: dict[str, frozenset[str]] = {
    # Markdown's own, and typogrify's <span class="amp|dquo|quo">
    "em": frozenset(), "strong": frozenset(), "code": frozenset(), "span": frozenset({"class"}),
    # what an author may write by hand: abbreviations, H<sub>2</sub>O, x<sup>2</sup>, keys…
    "abbr": frozenset(), "sub": frozenset(), "sup": frozenset(), "kbd": frozenset(),
    "samp": frozenset(), "var": frozenset(), "mark": frozenset(), "del": frozenset(),
    "ins": frozenset(), "s": frozenset(), "small": frozenset(), "cite": frozenset(),
    "dfn": frozenset(), "q": frozenset(), "b": frozenset(), "i": frozenset(),
}
_CONTENT: dict[str, frozenset[str]] = {
    **_INLINE,
    # Markdown: paragraphs, headings, quotations, lists, code, rules, links, images
    "p": frozenset(), "h1": frozenset(), "h2": frozenset(), "h3": frozenset(),
    "h4": frozenset(), "h5": frozenset(), "h6": frozenset(), "blockquote": frozenset(),
    "ul": frozenset(), "ol": frozenset(), "li": frozenset(), "pre": frozenset(),
    "hr": frozenset(), "br": frozenset(), "a": frozenset({"href", "class"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    # extra: definition lists, tables (column alignment), footnotes; codehilite
    "dl": frozenset(), "dt": frozenset(), "dd": frozenset(), "table": frozenset(),
    "thead": frozenset(), "tbody": frozenset(), "tr": frozenset(),
    "th": frozenset({"style"}), "td": frozenset({"style"}), "div": frozenset({"class"}),
}
_CLASSES: dict[str, frozenset[str]] = {
    # Pygments' token classes (codehilite), highlighted lines; typogrify's hooks
    "span": frozenset(filter(None, STANDARD_TYPES.values())) | {"hll", "amp", "dquo", "quo"},
    "div": frozenset({"highlight", "footnote"}),  # codehilite's css_class, footnotes' list
    "a": frozenset({"footnote-ref", "footnote-backref", "topic-link"}),
}
# The one style an author's Markdown makes: a table column's alignment.
STYLE_PROPERTIES = frozenset({"text-align"})
# Removed with everything inside them, not only their tags.
REMOVED_WITH_CONTENT = frozenset({"script", "style"})


@dataclass(frozen=True, eq=False)  # compared, and cached, by identity
class Allowlist:
    """Tags, the attributes each may have, and the classes a class attribute may name."""

    tags: Mapping[str, frozenset[str]]  # tag → its attributes besides GLOBAL_ATTRIBUTES
    classes: Mapping[str, frozenset[str]]

    def allows_tag(self, tag: str) -> bool:
        return tag in self.tags

    def allows_attribute(self, tag: str, attribute: str) -> bool:
        return attribute in GLOBAL_ATTRIBUTES or attribute in self.tags.get(tag, ())

    def allows_class(self, tag: str, name: str) -> bool:
        return name in self.classes.get(tag, ())


# An essay's or a page's content, and the Markdown fields shown as HTML (its summary).
CONTENT = Allowlist(_CONTENT, _CLASSES)
# A title: inline markup only, since it is printed inside a link and a heading.
TITLE = Allowlist(_INLINE, {"span": _CLASSES["span"]})
