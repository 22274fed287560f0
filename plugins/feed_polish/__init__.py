"""Feed polish: feeds that feed readers and browsers both read well.

Pelican writes the feeds; on its ``feed_generated`` signal this plugin makes,
in every feed (the site's and each topic's):

- every link absolute, on ``FEED_DOMAIN`` (links inside the content too, such
  as the topic links the topics plugin adds), so a feed read anywhere works;
- every id (of a feed and of each entry) ``FEED_ID_PREFIX`` plus its path, such
  as ``tag:everybody-serves.example,2025:/essays/slug/``, so that it stays the
  same when the essay is edited or the site moves between development and
  production; a renamed essay keeps the id of its first URL (the context's
  ``first_urls``, which the ``former_urls`` plugin fills);
- every summary plain text;

and on ``feed_written`` it adds a style sheet processing instruction
(``FEED_STYLESHEET``), so a reader who opens a feed in a browser sees a page.
"""

from functools import lru_cache
from html import escape
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from markupsafe import Markup
from pelican import signals

URL_ATTRIBUTES = ("href", "src")


class AsWritten(HTMLFormatter):
    """Writes HTML back as the build wrote it: attributes in their order, escaped as
    ``html.escape`` does (the topics plugin's links), void elements without a slash, only
    ``&``, ``<`` and ``>`` escaped in text."""

    def __init__(self):
        super().__init__(entity_substitution=EntitySubstitution.substitute_xml,
                         void_element_close_prefix=None)

    def attributes(self, tag):
        return tag.attrs.items()

    def attribute_value(self, value: str) -> str:
        return escape(value)


def absolute(base: str, url: str) -> str:
    """``url`` resolved against ``base`` (absolute URLs and fragments stay as they are)."""
    return url if not url or url.startswith("#") else urljoin(base, url)


def polish(context, feed):
    """Absolute links, stable ids and plain summaries for ``feed`` and its entries."""
    site = (context.get("FEED_DOMAIN") or context.get("SITEURL")).rstrip("/") + "/"
    prefix = context.get("FEED_ID_PREFIX")
    first_urls = context.get("first_urls", {})
    feed.feed["link"] = absolute(site, feed.feed["link"])
    if prefix:
        feed.feed["id"] = prefix + urlsplit(feed.feed["feed_url"]).path
    for item in feed.items:
        item["link"] = absolute(site, item["link"])
        if prefix:
            url = item["link"].removeprefix(site)
            item["unique_id"] = prefix + urlsplit(absolute(site, first_urls.get(url, url))).path
            item["unique_id_is_permalink"] = False
        if item.get("content"):  # Atom: full content, and a summary
            item["content"] = make_links_absolute(item["content"], item["link"])
            if item.get("description"):
                item["description"] = Markup(item["description"]).striptags()
        elif item.get("description"):  # RSS: the description is the full content
            item["description"] = make_links_absolute(item["description"], item["link"])


@lru_cache(maxsize=1024)
def make_links_absolute(html: str, base: str) -> str:
    """``html`` with every href and src resolved against ``base``.

    An essay is an entry of several feeds (the site's, each of its topics'), each time with
    the same content and link: the result is kept for the next feed (it depends on its
    arguments alone), instead of parsing the essay again.
    """
    soup = BeautifulSoup(html, "html.parser")
    for name in URL_ATTRIBUTES:
        for element in soup.find_all(attrs={name: True}):
            element[name] = absolute(base, element[name])
    return soup.decode(formatter=AsWritten())


def add_stylesheet(path, context, feed):
    """Insert the style sheet processing instruction after the XML declaration."""
    stylesheet = context.get("FEED_STYLESHEET")
    if not stylesheet:
        return
    href = f"{context.get('SITEURL', '')}/{stylesheet}"
    with open(path, encoding="utf-8") as file:
        xml = file.read()
    declaration_end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
    instruction = f'<?xml-stylesheet type="text/css" href="{href}"?>'
    with open(path, "w", encoding="utf-8") as file:
        file.write(xml[:declaration_end] + "\n" + instruction + xml[declaration_end:])


def register():
    signals.feed_generated.connect(polish)
    signals.feed_written.connect(add_stylesheet)
