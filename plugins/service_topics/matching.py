"""Find aliases in plain text, whole words, whatever their inflection.

Aliases are written in base form; each of their words stands for all its
inflections (lemminflect), so "hold the door" meets "held", "holds" and
"holding the door", and "barista" meets "baristas" (and, possessives being
dropped, "barista's").  Determiners are left out on both sides, so "hold the
door" also finds "held a door" and "holding doors".  "someone" (or
"somebody") in an alias stands for any one word, or none: "call someone by
name" finds "called me by name", "calls customers by name" and "call your
regulars by name".  A phrase never runs across
punctuation other than quotes, apostrophes and hyphens, so "the ‘returns’ desk"
is one phrase and "the door. Hold" is not.  Where matches overlap the longest
wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple, Sequence

import lemminflect

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# What may stand between two words of one phrase: spaces, quotes, hyphens.
JOINER = re.compile(r"[\s'\"‘’“”\-‐‑]*")
DETERMINERS = frozenset(
    "a an the this that these those my your his her its our their some any each every".split()
)
PLACEHOLDERS = frozenset({"someone", "somebody"})
ANY = None  # a placeholder's place in a pattern


class Word(NamedTuple):
    """A word of the text, lowercase and without a possessive ending (a tuple: cheap to
    make by the thousand)."""

    start: int
    end: int
    text: str
    joined: bool  # only spaces, quotes or hyphens separate it from the previous word


@dataclass(frozen=True)
class Match:
    """An alias of topic ``key`` found at ``text[start:end]``."""

    start: int
    end: int
    key: str


@lru_cache(maxsize=1 << 14)
def inflections(word: str) -> frozenset[str]:
    """``word`` and every inflection of it, guessed by rule where no dictionary has it."""
    forms = lemminflect.getAllInflections(word) or {
        **lemminflect.getAllInflectionsOOV(word, "NOUN"),
        **lemminflect.getAllInflectionsOOV(word, "VERB"),
    }
    return frozenset({word, *(form.lower() for found in forms.values() for form in found)})


def words(text: str) -> list[Word]:
    """The words of ``text`` that are not determiners, in order."""
    found, previous_end = [], None
    for match in WORD.finditer(text):
        token = match.group().lower()
        if "’" in token:
            token = token.replace("’", "'")
        if token.endswith("'s"):  # a possessive
            token = token[:-2]
        if token in DETERMINERS:
            continue
        start, end = match.span()
        joined = previous_end is not None and _joins(text[previous_end:start])
        found.append(Word(start, end, token, joined))
        previous_end = end
    return found


@lru_cache(maxsize=1 << 12)  # gaps repeat: " ", ", ", " the "…
def _joins(gap: str) -> bool:
    """Whether ``gap`` (which may hold left-out determiners) keeps two words in one phrase."""
    return all(JOINER.fullmatch(part) for part in WORD.split(gap))


def normalise_alias(alias: str) -> str:
    """The form in which two aliases are compared for sameness."""
    text = re.sub(r"['’\"‘“”]", "", alias.lower())
    return " ".join(re.sub(r"[-‐‑]", " ", text).split())


def alias_pattern(alias: str) -> tuple[frozenset[str] | None, ...]:
    """What each word of ``alias`` may be in the text (ANY for a placeholder after
    the first word); empty if it has no words."""
    return tuple(ANY if i and word.text in PLACEHOLDERS else inflections(word.text)
                 for i, word in enumerate(words(alias)))


class Matcher:
    """Finds the aliases of many topics in one pass over a text."""

    def __init__(self, aliases: Mapping[str, Iterable[str]]):
        """``aliases`` maps each topic key to its aliases."""
        self._by_first: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
        for key, names in aliases.items():
            for name in names:
                pattern = alias_pattern(name)
                for form in pattern[0] if pattern else ():
                    self._by_first.setdefault(form, []).append((pattern, key))

    def find(self, text: str) -> list[Match]:
        """Every non-overlapping alias in ``text``, longest first where they overlap."""
        return self.find_in(words(text))

    def find_in(self, tokens: Sequence[Word]) -> list[Match]:
        """Like ``find``, for the ``words`` of a text, so that matchers can share them."""
        candidates = []
        for i, token in enumerate(tokens):
            for pattern, key in self._by_first.get(token.text, ()):
                end = _match_at(pattern, tokens, i)
                if end is not None:
                    candidates.append(Match(token.start, tokens[end].end, key))
        return _longest_first(candidates)


def _match_at(pattern, tokens: Sequence[Word], i: int) -> int | None:
    """Index of the last token if ``pattern`` matches the tokens from ``i`` on."""
    return _match_rest(pattern, 1, tokens, i)


def _match_rest(pattern, p: int, tokens: Sequence[Word], last: int) -> int | None:
    """Match ``pattern[p:]`` against the tokens after ``tokens[last]``."""
    if p == len(pattern):
        return last
    if pattern[p] is ANY:
        skipped = _match_rest(pattern, p + 1, tokens, last)
        if skipped is not None:
            return skipped
        forms = None
    else:
        forms = pattern[p]
    following = last + 1
    if following >= len(tokens) or not tokens[following].joined:
        return None
    if forms is not None and tokens[following].text not in forms:
        return None
    return _match_rest(pattern, p + 1, tokens, following)


def _longest_first(candidates: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches, then return them in text order."""
    kept: list[Match] = []
    for match in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)
