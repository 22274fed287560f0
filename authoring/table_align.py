"""Table column alignment as a class, so that pages need no inline style.

Markdown's ``tables`` extension aligns a column (``:---:``) with
``style="text-align: center;"`` on each cell.  The site's
Content-Security-Policy allows no inline style, so this extension turns that
attribute into ``class="align-center"`` (likewise ``left`` and ``right``),
which ``theme/static/css/site.css`` styles.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

ALIGNMENT = re.compile(r"text-align: (left|center|right);")


class TableAlignTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for cell in root.iter():
            if cell.tag not in ("th", "td"):
                continue
            found = ALIGNMENT.fullmatch(cell.get("style", ""))
            if found:
                del cell.attrib["style"]
                cell.set("class", " ".join(filter(None, [cell.get("class"), f"align-{found[1]}"])))


class TableAlignExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TableAlignTreeprocessor(md), "table_align", 5)
