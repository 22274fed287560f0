"""Characters no page or feed may hold: those XML 1.0 forbids (the C0 control characters
but tab, line feed and carriage return; surrogates; U+FFFE and U+FFFF), and the C1
control characters with DEL (U+007F–U+009F), which XML discourages and readers never see.

A feed holding one of the first kind does not parse (Pelican's feed writer stops on the
C0 ones); none of them is text an author means to publish.
"""

from __future__ import annotations

import re
import unicodedata

UNPUBLISHABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
KINDS = {"Cc": "a control character", "Cs": "half of a surrogate pair"}


def unpublishable(text: str) -> list[str]:
    """Each character of ``text`` no page or feed may hold, in order."""
    return UNPUBLISHABLE.findall(text)


def without_unpublishable(text: str) -> str:
    """``text`` with those characters removed."""
    return UNPUBLISHABLE.sub("", text)


def advice(character: str) -> str:
    """What the character is, and what to do: ``"U+0007, a control character, …: delete it"``."""
    kind = KINDS.get(unicodedata.category(character), "not a character")
    return f"U+{ord(character):04X}, {kind}, is not text readers can see, and feeds may " \
           "not carry it: delete it"
