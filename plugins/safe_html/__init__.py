"""Safe HTML: every essay and page is cleaned by an allowlist sanitizer as soon as Pelican
has read it, so that pages and feeds get the same safe HTML.

See README.md beside this file for the allowlist and the settings.
"""

from pelican import signals

from .content import sanitize_content


def register():
    signals.content_object_init.connect(sanitize_content)
