"""A new essay: a draft with every metadata field filled in or explained in a comment."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Mapping
from zoneinfo import ZoneInfo

from .documents import slug_for
from .metadata import PLACEHOLDER

TEMPLATE = """\
Title: {title}
Date: {date}
Slug: {slug}
Summary: {placeholder}: one sentence on what the essay shows, for the home page and the feeds
# A draft is not published; the development server shows it, marked as a draft.
# Delete the next line to publish the essay.
Status: draft
# Lines starting with # are comments. To use a field, delete its "# " and fill it in.
# Author: the writer's name, shown under the title
# Source: where the essay first appeared, shown as "First published on …"
# Source_title: the title it had there
# Source_url: the address of the original, linked from "First published on …"
# Roles: roles the words do not name, comma-separated, e.g. security guard
# Examples: examples of service the words do not name, e.g. holding the door
# Not-Topics: a role or example found in the text by mistake, e.g. server

"""


def new_essay(title: str, folder: Path, settings: Mapping) -> Path:
    """Write a draft called ``title`` into ``folder`` and return its path.

    Raises FileExistsError rather than overwrite an essay.
    """
    slug = slug_for(title, settings)
    if not slug:
        raise ValueError(f"{title!r} makes no slug: give the essay a title with words in it")
    now = datetime.now(ZoneInfo(settings["TIMEZONE"]))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    with path.open("x", encoding="utf-8") as essay:
        essay.write(TEMPLATE.format(title=title.strip(), date=f"{now:%Y-%m-%d %H:%M}",
                                    slug=slug, placeholder=PLACEHOLDER))
    return path
