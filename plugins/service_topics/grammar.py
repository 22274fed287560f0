"""What the matcher needs to know about an English word: the classes the dictionary
(lemminflect) knows it in, and the few function words a dictionary cannot tell apart.

lemminflect lists "him" as a noun and "not" as an adverb, so the words that hold a
sentence together (pronouns, prepositions, conjunctions, negations) are listed here;
everything else is asked of the dictionary, so that no list of nouns or adjectives needs
keeping.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

import lemminflect

PRONOUNS = frozenset(
    "i me you he him she it we us they them myself yourself himself herself itself ourselves "
    "yourselves themselves someone somebody anyone anybody everyone everybody nobody "
    "something anything everything nothing who whom whose which what".split())
PREPOSITIONS = frozenset(
    "about above across after against along among around as at before behind below beneath "
    "beside between beyond by despite down during except for from in inside into like near "
    "of off on onto out outside over past since than through till to toward towards under "
    "until up upon via with within without".split())
# Words that may stand between a verb and its object ("take out the trash").
PARTICLES = frozenset("around away back down in off on out over up".split())
FUNCTION_WORDS = PRONOUNS | PREPOSITIONS | PARTICLES | frozenset(
    "and or nor but so yet if because while though although unless whether then "
    "not never no there here now too also just only even still again ever else "
    "how when where why".split())
# A passive: [auxiliary] form of "be" or "get" + past participle ("has been held").
AUXILIARIES = frozenset(
    "will would can could may might must should shall has have had".split())
BE_OR_GET = frozenset(
    "be is are am was were been being get gets got gotten getting".split())


@lru_cache(maxsize=1 << 14)
def lemmas(word: str) -> Mapping[str, tuple[str, ...]]:
    """The lemmas the dictionary gives ``word``, by word class ("NOUN", "VERB"…); empty
    if it does not know the word."""
    return MappingProxyType(lemminflect.getAllLemmas(word))


def known(word: str) -> bool:
    """Whether the dictionary knows ``word`` (uncached: for one-off questions)."""
    return bool(lemminflect.getAllLemmas(word))


def describes(word: str, possessive: bool) -> bool:
    """Whether ``word`` may stand before a noun and describe it: a possessive ("Maria's"),
    a number, an adjective or adverb ("big", "bigger", "really"), or a noun in its base
    form ("glass"; a plural such as "addresses" more often starts a clause, as in "a fix
    that addresses problems").  Never a function word, nor a word the dictionary knows
    only as a verb ("sleeping")."""
    if word in FUNCTION_WORDS:
        return False
    found = lemmas(word)
    return possessive or word.isdigit() or "AUX" not in found and (
        "ADJ" in found or "ADV" in found or word in found.get("NOUN", ()))


def is_verb(word: str) -> bool:
    """Whether ``word`` is the base form of a verb the dictionary knows."""
    return word in lemmas(word).get("VERB", ())


def is_noun(word: str) -> bool:
    """Whether ``word`` may be a noun: the dictionary knows it as one, or does not know it
    at all (an alias's word that no dictionary has is most likely a thing's name)."""
    found = lemmas(word)
    return word not in FUNCTION_WORDS and ("NOUN" in found or not found)


def is_plural_noun(word: str) -> bool:
    """Whether ``word`` is the plural of a noun the dictionary knows ("bags")."""
    nouns = lemmas(word).get("NOUN", ())
    return bool(nouns) and word not in nouns


@lru_cache(maxsize=1 << 12)  # verbs repeat across aliases: "hold the door", "hold the lift"
def participles(verb: str) -> frozenset[str]:
    """The past participles of ``verb``: "held" for "hold", "carried" for "carry"."""
    return frozenset(lemminflect.getInflection(verb, "VBN"))
