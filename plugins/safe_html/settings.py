"""The plugin's settings, with their defaults, in one place."""

from typing import Any, Mapping

DEFAULTS = {
    # metadata fields linked from a page (as Pelican lower-cases them): http(s) addresses only
    "SAFE_HTML_URL_FIELDS": ["source_url"],
}


def safe_html_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The plugin's settings: Pelican's value where set, else the default."""
    return {name: settings.get(name, default) for name, default in DEFAULTS.items()}


def html_fields(settings: Mapping[str, Any]) -> list[str]:
    """The metadata fields Pelican renders as Markdown, and so shows as HTML (the summary)."""
    return [field.lower() for field in settings.get("FORMATTED_FIELDS", ["summary"])]
