"""Sanitize each essay and page as soon as Pelican has read it, before any other plugin,
template or feed sees its HTML."""

from __future__ import annotations

from typing import Any

from pelican.contents import Article, Page
from pelican.urlwrappers import URLWrapper

from .allowlist import TITLE
from .characters import without_unpublishable
from .sanitizer import is_web_url, sanitize
from .settings import html_fields, safe_html_settings


def sanitize_content(instance) -> None:
    """``content_object_init`` receiver: clean the content, title, HTML fields and URL fields,
    and take the characters no page or feed may hold out of every text field (the author,
    tags and category included).

    Drafts are Articles or Pages too; static files are copied as they are, and are not
    read as HTML.
    """
    if not isinstance(instance, (Article, Page)):
        return
    if instance._content:
        instance._content = sanitize(instance._content)
    metadata = {name: _printable(value)  # values are replaced, never changed in place
                for name, value in instance.metadata.items()}
    for name, value in metadata.items():
        if name in vars(instance) and value is not instance.metadata[name]:
            setattr(instance, name, value)
    if isinstance(metadata.get("title"), str):
        metadata["title"] = instance.title = sanitize(metadata["title"], TITLE)
    for field in html_fields(instance.settings):
        if isinstance(metadata.get(field), str):
            metadata[field] = sanitize(metadata[field])
            setattr(instance, f"_{field}" if field == "summary" else field, metadata[field])
    for field in safe_html_settings(instance.settings)["SAFE_HTML_URL_FIELDS"]:
        if field in metadata and not is_web_url(str(metadata[field])):
            del metadata[field]
            delattr(instance, field)
    instance.metadata = metadata


def _printable(value: Any) -> Any:
    """``value`` without the characters no page or feed may hold, if it holds text: a string,
    an author, tag or category, or a list of them."""
    if isinstance(value, str):
        return without_unpublishable(value)
    if isinstance(value, list):
        return [_printable(item) for item in value]
    if isinstance(value, URLWrapper) and value.name != without_unpublishable(value.name):
        # cleaned in place: Pelican gives the one Author object to .author and .authors
        value.name = without_unpublishable(value.name)
    return value
