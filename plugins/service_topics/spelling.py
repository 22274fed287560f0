"""Misspellings a reader still recognises: "recieptionist" for "receptionist".

A word that the dictionary does not know and that is one edit (Damerau-Levenshtein
distance 1: a letter added, dropped or changed, or two neighbours swapped) from exactly
one long alias word, of LONG_WORD letters or more, and keeps its first and last letters,
is taken for that word, unless a word the dictionary knows, with the same ends, is one
edit from it too.  Readers recognise a word by its ends, so "abarista" (a typo for "a
barista") and "barist" are not baristas; known words are never taken for another
("painter" is one letter from "printer"); a word with two readings is left alone
("comparsion" is one edit from "compassion", but also from "comparison"); and so are
short words, since too many of them are one letter from another.

The candidates come from a deletion index, as in SymSpell: each form of a long alias word
is filed under itself and under every string it gives with one letter dropped, and two
words one edit apart always share such a key.  A word is thus looked up with
``len(word) + 1`` dictionary look-ups however large the vocabulary is (comparing it with
every long alias word, even with a fast distance library, grows with the vocabulary), and
the few candidates are then checked exactly.  No dependency is needed for either step.
"""

from __future__ import annotations

from functools import cached_property
from typing import Mapping

from .grammar import known, lemmas

LETTERS = "abcdefghijklmnopqrstuvwxyz"

LONG_WORD = 7


class Misspellings:
    """The long words of some aliases, ready to recognise misspelt."""

    def __init__(self, forms: Mapping[str, frozenset[str]]):
        """``forms`` maps each word of the aliases to its inflections."""
        self._forms = forms
        self._exact = frozenset(form for inflected in forms.values() for form in inflected)
        self._seen: set[str] = set()  # each distinct word is worked out once
        self._fixes: dict[str, str] = {}

    def spelled(self, words: list[str]) -> list[str]:
        """The lower-case ``words``, each misspelt one replaced by the form of the alias word
        it stands for (``words`` itself if there is none)."""
        if not self._seen.issuperset(words):
            for word in set(words).difference(self._seen):
                fix = self._correction(word)
                if fix:
                    self._fixes[word] = fix
                self._seen.add(word)
        if self._fixes.keys().isdisjoint(words):
            return words
        return [self._fixes.get(word, word) for word in words]

    def _correction(self, word: str) -> str | None:
        if len(word) < LONG_WORD - 1 or word in self._exact or lemmas(word):
            return None
        word_of, by_deletion = self._index
        near = {form for key in _keys(word) for form in by_deletion.get(key, "").split()
                if form[0] == word[0] and form[-1] == word[-1] and one_edit_apart(word, form)}
        alias_words = {word_of[form] for form in near}
        if len(alias_words) != 1:
            return None
        others = {other for other in _one_edit_away(word) - self._forms[alias_words.pop()]
                  if other[0] == word[0] and other[-1] == word[-1]}
        if any(known(other) for other in others):
            return None
        return min(near)

    @cached_property
    def _index(self) -> tuple[dict[str, str], dict[str, str]]:
        """Each long alias form with the alias word it is a form of, and the deletion index:
        each key with the forms filed under it, space-separated (strings, not a list per
        key: thousands of small containers would wake the garbage collector).  Made when
        the first unknown word comes, so that texts of known words never pay for it."""
        word_of: dict[str, str] = {}
        by_deletion: dict[str, str] = {}
        for word, inflected in self._forms.items():
            if len(word) >= LONG_WORD:
                for form in inflected - word_of.keys():
                    word_of[form] = word
                    for key in _keys(form):
                        by_deletion[key] = f"{by_deletion.get(key, '')} {form}"
        return word_of, by_deletion


def _keys(word: str) -> set[str]:
    """``word`` and every string it gives with one letter dropped."""
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


def _one_edit_away(word: str) -> set[str]:
    """Every string one edit from ``word`` (a few hundred: worked out for rare words only)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in LETTERS}
            | {a + c + b for a, b in splits for c in LETTERS}) - {word}


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter added, dropped or changed, or by two
    neighbouring letters swapped (Damerau-Levenshtein distance 1)."""
    if len(a) > len(b):
        a, b = b, a
    if a == b or len(b) - len(a) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    return a[i + 1:] == b[i + 1:] or (a[i:i + 2] == b[i:i + 2][::-1] and a[i + 2:] == b[i + 2:])
