"""Clean HTML with Ammonia (``nh3``), configured from the allowlist.

Ammonia parses HTML the way browsers do (html5ever) and writes it out again, so
what it returns is well-formed and normalised: no comments, no CDATA, every
attribute value double-quoted with ``&``, ``"``, ``<`` and ``>`` escaped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from html import escape
from urllib.parse import urlsplit

import nh3

from .allowlist import CONTENT, GLOBAL_ATTRIBUTES, LOCAL_URL_ATTRIBUTES, REMOVED_WITH_CONTENT, \
    STYLE_PROPERTIES, URL_SCHEMES, Allowlist
from .characters import without_unpublishable

WEB_SCHEMES = frozenset({"http", "https"})
# What a browser strips from a URL before reading it: C0 controls and spaces around it, tabs
# and line ends anywhere; and it reads a backslash as a slash (WHATWG URL Standard).
URL_EDGES = "".join(map(chr, range(0x21)))
URL_DROPPED = re.compile("[\t\n\r]")


def sanitize(html: str, allowlist: Allowlist = CONTENT) -> str:
    """``html`` with everything outside ``allowlist`` removed, and every character no page
    or feed may hold."""
    return _cleaner(allowlist).clean(without_unpublishable(html))


def allows_url(url: str) -> bool:
    """Whether the sanitizer keeps ``url`` in an href or src: relative, or an allowed scheme
    (decided by Ammonia itself, so that case, entity and whitespace tricks count alike)."""
    return "href=" in _cleaner(_LINK).clean(f'<a href="{escape(url)}"></a>')


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address, with nothing a browser would strip."""
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def is_local_url(url: str) -> bool:
    """Whether ``url`` names one of the site's own files (relative, ``/images/…``,
    ``{static}/…``): read as a browser reads it, it has neither a scheme nor a host."""
    parts = urlsplit(URL_DROPPED.sub("", url.strip(URL_EDGES)).replace("\\", "/"))
    return not parts.scheme and not parts.netloc


def _local_sources(tag: str, attribute: str, value: str) -> str | None:
    """Ammonia's attribute filter: an image from another host is removed."""
    return None if (tag, attribute) in LOCAL_URL_ATTRIBUTES and not is_local_url(value) \
        else value


_LINK = Allowlist({"a": frozenset({"href"})}, {})


@cache
def _cleaner(allowlist: Allowlist) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(allowlist.tags),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={"*": set(GLOBAL_ATTRIBUTES),
                    **{tag: set(attributes - {"class"}) for tag, attributes
                       in allowlist.tags.items()}},
        allowed_classes={tag: set(names) for tag, names in allowlist.classes.items()},
        filter_style_properties=set(STYLE_PROPERTIES),
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # no target= is allowed, so no link can reach window.opener
        strip_comments=True,
        attribute_filter=_local_sources,
    )
