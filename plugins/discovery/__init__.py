"""Discovery: /sitemap.xml with every page Pelican writes, and /robots.txt pointing at it.

Every HTML page the writer produces (essays, pages, indexes, topic pages and
their later pages) is listed with its ``lastmod``: an essay's own date (or
``Modified``), a topic page's newest essay, and for every other page the
newest essay of the site.  Drafts, pages written with ``noindex`` in their
context (redirects) and pages matching ``SITEMAP_EXCLUDE`` are left out.  Dates
come from the content, never from the clock, so the same content always gives
the same sitemap.
"""

from __future__ import annotations

import os
import re
from xml.sax.saxutils import escape

from pelican import signals

_pages: dict[str, dict[str, object]] = {}  # per Pelican instance: output path -> {url: lastmod}


def reset(pelican):
    _pages[os.path.abspath(pelican.output_path)] = {}
    _newest_dates.clear()


def record(path, context):
    """Remember the page just written at ``path`` and when its content last changed."""
    output = context.get("OUTPUT_PATH") or ""
    pages = _pages.get(os.path.abspath(output))
    if pages is None or not path.endswith(".html") or context.get("noindex"):
        return
    url = os.path.relpath(path, output).replace(os.sep, "/")
    url = re.sub(r"(^|/)index\.html$", r"\1", url)
    if any(re.search(pattern, url) for pattern in context.get("SITEMAP_EXCLUDE", ())):
        return
    content = context.get("article") or context.get("page")
    if content is not None and getattr(content, "status", "published") != "published":
        return
    pages[url] = _lastmod(context, content)


def _lastmod(context, content):
    if content is not None and hasattr(content, "date"):
        return getattr(content, "modified", None) or content.date
    topic_page = context.get("topic_page")
    if topic_page:  # each of its later pages too
        return _newest(topic_page, lambda: topic_page.essays)
    essays = context.get("articles") or ()  # every other page has the same list
    return _newest(essays, lambda: essays)


# In one build: id of a topic page or of the list of essays -> (it, its newest essay's date)
_newest_dates: dict[int, tuple[object, object]] = {}


def _newest(owner, essays):
    """The date of the newest of ``essays()``, worked out once a build for each ``owner``."""
    found = _newest_dates.get(id(owner))
    if found is None:
        newest = max((essay.date for essay in essays()), default=None)
        found = _newest_dates[id(owner)] = (owner, newest)
    return found[1]


def write(pelican):
    """Write sitemap.xml and robots.txt into the output folder."""
    pages = _pages.pop(os.path.abspath(pelican.output_path), {})
    _newest_dates.clear()
    siteurl = pelican.settings.get("FEED_DOMAIN") or pelican.settings["SITEURL"]
    entries = []
    for url, lastmod in sorted(pages.items()):
        date = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        entries.append(f"  <url><loc>{escape(f'{siteurl}/{url}')}</loc>{date}</url>")
    with open(os.path.join(pelican.output_path, "sitemap.xml"), "w", encoding="utf-8") as file:
        file.write('<?xml version="1.0" encoding="utf-8"?>\n'
                   '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                   + "\n".join(entries) + "\n</urlset>\n")
    with open(os.path.join(pelican.output_path, "robots.txt"), "w", encoding="utf-8") as file:
        file.write(f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/sitemap.xml\n")


def register():
    signals.initialized.connect(reset)
    signals.content_written.connect(record)
    signals.finalized.connect(write)
