"""Link the first mention of each topic in an essay to the topic's page."""

from __future__ import annotations

from html import escape
from typing import Callable, Iterable

from .htmltext import insert
from .tagging import Tag
from .vocabulary import Topic


def link_mentions(html: str, tags: Iterable[Tag], href: Callable[[Topic], str]) -> str:
    """``html`` with each tag's passage made a link, or marked with an anchor.

    The visible text stays exactly as it was: a link wraps the words already
    there.  A passage that cannot be a link (in a heading, spread over inline
    markup, or inside another topic's link) gets an empty anchor at the start
    of its sentence instead, so that the topic page can still point at it.
    """
    insertions = []
    for tag in tags:
        passage = tag.passage
        if passage is None:
            continue
        if tag.linked:
            opening = (f'<a class="topic-link" id="{tag.anchor}" href="{escape(href(tag.topic))}"'
                       f' title="{escape(tag.topic.singular.capitalize())}: '
                       f'{escape(tag.topic.name)}">')
            insertions.append((passage.start, passage.end, opening, "</a>"))
        else:
            start = passage.sentence_start
            insertions.append((start, start, f'<span id="{tag.anchor}"></span>', ""))
    return insert(html, insertions)
