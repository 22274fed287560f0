"""Sanitize each essay and page as soon as Pelican has read it, before any other plugin,
template or feed sees its HTML."""

from __future__ import annotations

from pelican.contents import Article, Page

from .allowlist import TITLE
from .sanitizer import is_web_url, sanitize
from .settings import html_fields, safe_html_settings


def sanitize_content(instance) -> None:
    """``content_object_init`` receiver: clean the content, title, HTML fields and URL fields.

    Drafts are Articles or Pages too; static files are copied as they are, and are not
    read as HTML.
    """
    if not isinstance(instance, (Article, Page)):
        return
    if instance._content:
        instance._content = sanitize(instance._content)
    metadata = dict(instance.metadata)  # values are replaced, never changed in place
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
