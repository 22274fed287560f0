"""Steady URLs: each essay's and page's URLs worked out once a build starts writing.

Pelican works a content's ``url`` and ``save_as`` out afresh, from its metadata and
the settings, on every access, and a site's templates and feeds ask for the same
essay's URL over and over: on every index page, topic page, feed and neighbour that
lists it (some fifty times per essay on this site).  Once every generator has
finished its context, nothing changes a content's metadata any more, so from the
moment Pelican asks for its writer until the build has finished, each content's
URL settings are remembered on first use.  Before that, and between builds, Pelican
works them out as usual.
"""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.contents import Content

_computed = Content.get_url_setting
_memo: dict[tuple[int, str], tuple[Content, Any]] | None = None  # while writing


def _get_url_setting(self: Content, key: str) -> Any:
    if _memo is None:
        return _computed(self, key)
    found = _memo.get((id(self), key))
    if found is None:  # the content is kept with its value, so that its id is not reused
        found = _memo[id(self), key] = (self, _computed(self, key))
    return found[1]


def start_writing(sender) -> None:
    global _memo
    _memo = {}


def stop(sender) -> None:
    global _memo
    _memo = None


def register():
    Content.get_url_setting = _get_url_setting
    signals.initialized.connect(stop)  # a build that failed while writing leaves none behind
    signals.get_writer.connect(start_writing)
    signals.finalized.connect(stop)
