"""Former URLs: a renamed essay or page, or topic, still answers at its old addresses.

An essay or page lists the slugs it had before, oldest first, in its metadata::

    Former_slugs: thank-the-driver, thanking-the-bus-driver

At each former URL this plugin writes a small page (template ``redirect.html``) that
sends the reader on at once, names the new URL as canonical, links it for browsers that
do not follow the refresh, and asks search engines not to index it (``noindex``: the
``discovery`` plugin leaves it out of the sitemap).  Other plugins add their own moves
to the context's ``redirects`` list, as ``(former URL, URL, title)``, in their
``generate_context``: the topics plugin does so for former topic keys.

A renamed essay's feed entries keep the id of the URL it was first published at: the
context's ``first_urls`` maps its URL to its oldest slug's, which ``feed_polish`` uses.
"""

from __future__ import annotations

import copy

from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator

FIELD = "former_slugs"  # the metadata field, as Pelican names it: Former_slugs


def former_slugs(value: str | list[str]) -> list[str]:
    """The slugs of a ``Former_slugs:`` value (a list if the field is given twice)."""
    values = value if isinstance(value, list) else [value]
    return [slug.strip() for item in values for slug in item.split(",") if slug.strip()]


def url_with_slug(content: Content, slug: str) -> str:
    """The URL ``content`` would have with ``slug``, by the site's URL settings."""
    renamed = copy.copy(content)
    renamed.slug = slug
    return renamed.url


def saved_as(url: str) -> str:
    """The file a static server answers ``url`` with."""
    return f"{url}index.html" if url.endswith("/") else url


class FormerUrlsGenerator(Generator):
    """Gathers every essay's and page's former URLs, then writes a redirect at each."""

    def generate_context(self):
        redirects = self.context.setdefault("redirects", [])
        first_urls = self.context.setdefault("first_urls", {})
        for content in (*self.context["articles"], *self.context.get("hidden_articles", ()),
                        *self.context["pages"], *self.context.get("hidden_pages", ())):
            slugs = former_slugs(content.metadata.get(FIELD, ""))
            if slugs:
                redirects += [(url_with_slug(content, slug), content.url, content.title)
                              for slug in slugs]
                first_urls[content.url] = url_with_slug(content, slugs[0])

    def generate_output(self, writer):
        template = self.get_template("redirect")
        for url, target_url, target_title in self.context["redirects"]:
            writer.write_file(saved_as(url), template, self.context, url=url,
                              target_url=target_url, target_title=target_title, noindex=True)


def get_generators(pelican):
    return FormerUrlsGenerator


def register():
    signals.get_generators.connect(get_generators)
