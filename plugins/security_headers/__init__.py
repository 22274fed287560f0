"""Security headers: `_headers`, the file Netlify and Cloudflare Pages read, at the output root.

Every build writes ``SECURITY_HEADERS`` (a ``{name: value}`` setting) for every
path, ``/*``, to ``HEADERS_SAVE_AS`` (``_headers``; empty: no file).  The
development and test servers read the same file (``headers_file.HeadersFileMixin``),
so a browser sees locally what readers see in production.
"""

from __future__ import annotations

import os

from pelican import signals

from .headers_file import render


def write(pelican) -> None:
    save_as = pelican.settings.get("HEADERS_SAVE_AS")
    headers = pelican.settings.get("SECURITY_HEADERS")
    if not save_as or not headers:
        return
    with open(os.path.join(pelican.output_path, save_as), "w", encoding="utf-8") as file:
        file.write(render({"/*": headers}))


def register():
    signals.finalized.connect(write)
