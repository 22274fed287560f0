"""Find aliases in plain text, whole words, whatever their inflection.

Aliases are written in base form; each of their words stands for all its
inflections (lemminflect), so "hold the door" meets "held", "holds" and
"holding the door", and "barista" meets "baristas" (and, possessives being
dropped, "barista's").  Determiners are left out on both sides, so "hold the
door" also finds "held a door" and "holding doors"; but an adjective after "be"
in an alias never finds a noun after one ("be kind" is not "was the kind of
nurse"), and a role's alias opening with an article ("the patient") is found
only as a noun (``_as_noun``).  "someone" (or
"somebody") in an alias stands for any one word but a preposition, conjunction
or negation, or none: "call someone by name" finds "called me by name",
"calls customers by name" and "call your regulars by name".  A phrase never
runs across punctuation other than quotes, apostrophes and hyphens, so "the
‘returns’ desk" is one phrase and "the door. Hold" is not.  Where matches
overlap the longest wins, and of two as long the one naming more of its words.

Three loosenings find what people actually write; each is bounded, so that it
stays cheap and does not find what the alias does not mean:

- Describing words.  Where a noun phrase starts in an alias (after a
  determiner, "someone" or a preposition, or at a plural right after the verb
  that starts it), up to MAX_DESCRIBING words that describe the noun may stand
  in the text (``grammar.describes``: adjectives, adverbs, numbers,
  possessives, singular nouns; never a function word, nor a word known only as
  a verb): "hold the door" finds "held the heavy glass door", "give someone a
  hug" finds "gave him a big hug", "carry someone's bags" finds "carried her
  two heavy bags", "take orders" finds "took our drink orders" (and, a plural
  there standing for its singular too, "took my order").  A singular
  noun right after the first word may be half of a compound and is matched
  word for word: "call center" never finds "called the service center".
- Passives.  An alias made of a verb, perhaps a particle, and such a noun
  phrase also finds the object first, a form of "be" or "get" (perhaps after
  "will", "has"…, perhaps before one describing word) and the verb's past
  participle: "the door was held for me", "my bags were carried to the car",
  "the groceries got carried in", "the trash has been taken out".  "The door
  wasn't held" and "was never held" are not found, nor an object that follows
  a preposition ("the man at the door was held up").
- Pronouns.  Such an alias (a verb, perhaps a particle or a preposition, and a noun
  phrase, perhaps with more words after it) also finds "it" or "them" in place of
  the noun phrase, where its noun stands in the ANTECEDENT_REACH words before, in the
  same passage: "a plant that will die if nobody waters it" for "water the plants",
  "the bins were full, so she took them out" for "take out the bins" (the pronoun
  before the particle, as English puts it).
- Particles.  An alias made of a verb, a particle and such a noun phrase also finds the
  noun phrase between them: "set up the room" finds "set the room up for us", "take out
  the bins" finds "took the heavy bins out".
- Misspellings (``spelling``): a lower-case word the dictionary does not know,
  one edit from exactly one alias word of seven letters or more and from no
  other known word, is taken for that word: "recieptionist", "pharmasist",
  "secratary".  Capitalised words are names and are never corrected.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from types import MappingProxyType
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence

import lemminflect

from .grammar import (AUXILIARIES, BE_OR_GET, FUNCTION_WORDS, PARTICLES, PREPOSITIONS,
                      PRONOUNS, describes, is_noun, is_plural_noun, is_verb, lemmas,
                      participles)
from .spelling import Misspellings

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# What may stand between two words of one phrase: spaces, quotes, hyphens.
JOINER = re.compile(r"[\s'\"‘’“”\-‐‑]*")
DETERMINERS = frozenset(
    "a an the this that these those my your his her its our their some any each every".split()
)
PLACEHOLDERS = frozenset({"someone", "somebody"})
# What "someone" opening a role's alias stands for.
PEOPLE = frozenset("man woman lady guy person people folk fellow gentleman chap bloke girl boy "
                   "lad lass kid".split())
MAX_DESCRIBING = 2
ALIASES = 1 << 16  # aliases kept compiled: more than the vocabulary has, or each is compiled twice
ANTECEDENT_REACH = 30  # words before "it" or "them" where the noun it stands for may be
OBJECT_PRONOUNS = frozenset({"it", "them"})
# Verbs whose "it" is most often no object at all ("made it", "take it easy", "say it is"):
# their aliases find a pronoun only before a particle or after a preposition.
LIGHT_VERBS = frozenset("be do get give go have keep let make put say take".split())
BE = "be"  # an adjective after it in an alias says what someone is: "be patient"
ARTICLES = (("the",), ("a",), ("an",))  # a role's alias opening with one is found as a noun only
VERB_OPENERS = frozenset("i you we they he she to".split())  # what a verb, not a noun, follows
_ALIAS_MARKS = str.maketrans({**dict.fromkeys("'’\"‘“”"), **dict.fromkeys("-‐‑", " ")})
# Penn tags of "cleaner", "lighter", "warmer": comparisons, and as often a thing or a person
# ("the dry cleaner's" is not "dry-clean").
COMPARATIVES = frozenset({"JJR", "JJS", "RBR", "RBS"})
TEXT = itemgetter(2)  # a Word's text, fetched without a Python call


class Word(NamedTuple):
    """A word of the text, lowercase and without a possessive ending (a tuple: cheap to
    make by the thousand)."""

    start: int
    end: int
    text: str
    joined: bool  # only spaces, quotes or hyphens separate it from the previous word
    capitalised: bool  # written with a capital: perhaps a name, never taken as misspelt
    possessive: bool  # written with "'s"
    determined: bool  # a determiner ("the", "my"…) stands right before it


class Slot(NamedTuple):
    """``least`` to ``most`` words of the text, each one of ``forms``, or if there are none
    each a word that ``fits``."""

    forms: frozenset[str] | None
    least: int = 1
    most: int = 1
    fits: Callable[[Word], bool] | None = None
    bare: bool = False  # a word with no determiner before it: "be kind" is not "was the kind"

    @property
    def required(self) -> bool:
        """Whether the text must hold one of its ``forms``."""
        return bool(self.least) and self.forms is not None


def _someone(word: Word) -> bool:
    """Whether ``word`` may stand for "someone": a name, noun or pronoun, not a word
    such as "to" or "and"."""
    return word.text in PRONOUNS or word.text not in FUNCTION_WORDS


def _describing(word: Word) -> bool:
    return describes(word.text, word.possessive)


ANYONE = Slot(None, 0, 1, _someone)  # "someone" in an alias: one word or none
DESCRIBED = Slot(None, 0, MAX_DESCRIBING, _describing)
# What stands between a passive's object and its participle: "has been (kindly) held".
PASSIVE_VOICE = (Slot(AUXILIARIES, 0, 2), Slot(BE_OR_GET, 1, 2), Slot(None, 0, 1, _describing))
PRONOUN = Slot(OBJECT_PRONOUNS)


class Pattern(NamedTuple):
    """One way topic ``key``'s alias may be written: the slots the text must fill in order."""

    slots: tuple[Slot, ...]
    key: str
    named: int  # how many words the alias names: of two matches as long, more wins
    subject: bool = False  # its first word must not follow a preposition
    as_noun: bool = False  # a role's alias written with an article: found only as a noun
    antecedent: frozenset[str] = frozenset()  # forms of the noun a pronoun in it stands for
    # the forms of each word after the first that it requires (Matcher._file fills it in)
    required: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class Match:
    """An alias of topic ``key`` found at ``text[start:end]``."""

    start: int
    end: int
    key: str
    named: int = 0  # how many words the alias that matched names


@lru_cache(maxsize=1 << 14)
def inflections(word: str) -> frozenset[str]:
    """``word`` and every inflection of it, guessed by rule where no dictionary has it."""
    forms = _table(word) or {
        **lemminflect.getAllInflectionsOOV(word, "NOUN"),
        **lemminflect.getAllInflectionsOOV(word, "VERB"),
    }
    return frozenset({word, *(form.lower() for tag, found in forms.items()
                              if tag not in COMPARATIVES for form in found)})


@lru_cache(maxsize=1 << 12)
def _nominal_inflections(word: str) -> frozenset[str]:
    """``word``'s inflections as a noun and an adjective (Penn tags N… and J…), a
    plural's singular included ("take orders" finds "took my order"), or all its
    inflections if it has none."""
    bases = [word, *(lemmas(word).get("NOUN", ()) if is_plural_noun(word) else ())]
    forms = {form.lower() for base in bases for tag, found in _table(base).items()
             if tag[0] in "NJ" for form in found}
    return frozenset({*bases, *forms}) if forms else inflections(word)


@lru_cache(maxsize=1 << 14)
def _table(word: str) -> Mapping[str, tuple[str, ...]]:
    """The dictionary's inflections of ``word``, by Penn tag; empty if it is no lemma."""
    return MappingProxyType(lemminflect.getAllInflections(word))


def words(text: str, skipped: frozenset[str] = DETERMINERS) -> list[Word]:
    """The words of ``text`` that are not ``skipped`` (determiners), in order."""
    found, previous_end, determiner_end = [], None, None
    new = tuple.__new__  # Word(...) without its keyword handling: words come by the thousand
    lowered = _lowered(text)
    for match in WORD.finditer(lowered):
        token = match.group()
        possessive = token[-2:] == "'s"
        if possessive:
            token = token[:-2]
        if token in skipped:
            determiner_end = match.end()
            continue
        start, end = match.span()
        joined = previous_end is not None and (
            (gap := text[previous_end:start]) == " " or _joins(gap))
        determined = determiner_end is not None and (
            (gap := text[determiner_end:start]) == " " or _joins(gap))
        found.append(new(Word, (start, end, token, joined, text[start] != lowered[start],
                                possessive, determined)))
        previous_end, determiner_end = end, None
    return found


def _lowered(text: str) -> str:
    """``text`` in lower case, apostrophes straight, every character where it was."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ")
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.replace("’", "'")


@lru_cache(maxsize=1 << 12)  # gaps repeat: ", ", " the "…
def _joins(gap: str) -> bool:
    """Whether ``gap`` (which may hold left-out determiners) keeps two words in one phrase."""
    return all(JOINER.fullmatch(part) for part in WORD.split(gap))


def normalise_alias(alias: str) -> str:
    """The form in which two aliases are compared for sameness: "the patient" is
    "patient", as matching reads them."""
    found = tuple(alias.lower().translate(_ALIAS_MARKS).split())
    return " ".join(found[1:] if found[:1] in ARTICLES and found[1:] else found)


def has_words(alias: str) -> bool:
    """Whether ``alias`` has a word to match: determiners are ignored, and "someone" stands
    for another word."""
    return _named(_alias_words(alias)) > 0


def alias_patterns(alias: str, key: str, nouns: bool = False) -> list[Pattern]:
    """Every way ``alias`` of topic ``key`` may be written: as it is, and its passive;
    a ``nouns`` alias (a name for people) only as a noun phrase."""
    if nouns:
        slots, named = _compiled_noun(alias)
        as_noun = _alias_words(alias)[:1] in ARTICLES
        return [Pattern(slots, key, named, as_noun=as_noun)] if slots else []
    slots, passive, shifted, (pronoun, antecedent), named = _compiled(alias)
    return [pattern for pattern in (Pattern(slots, key, named),
                                    Pattern(passive, key, named, subject=True),
                                    Pattern(shifted, key, named),
                                    Pattern(pronoun, key, named - 1, antecedent=antecedent))
            if pattern.slots]


@lru_cache(maxsize=ALIASES)
def _compiled(alias: str) -> tuple[tuple[Slot, ...], tuple[Slot, ...], tuple[Slot, ...],
                                   tuple[tuple[Slot, ...], frozenset[str]], int]:
    """``alias``'s slots, its passive's, its shifted particle's, its pronoun form's with
    the forms of the noun the pronoun stands for, and how many words it names."""
    words = _alias_words(alias)
    starts = _phrase_starts(words)
    return (_slots(words, starts), _passive_slots(words, starts),
            _shifted_slots(words, starts), _pronoun_slots(words, starts), _named(words))


@lru_cache(maxsize=ALIASES)
def _compiled_noun(alias: str) -> tuple[tuple[Slot, ...], int]:
    """A noun phrase ``alias``'s slots, each word in its forms as a noun or adjective
    (plural, possessive), so "engineer" never finds "engineering"; and how many words
    it names.  An alias that opens with "someone" names a person by where they work or
    what they do: "someone" stands for a word for a person, and the rest is matched as an
    example's words are, its "who" if any perhaps left out or written "that" (a determiner,
    so never a word of the text): "someone who fix the boiler" finds "the man who fixed our
    boiler" and "the guy that fixed the boiler"."""
    words = _alias_words(alias)
    if words and words[0] in PLACEHOLDERS:
        rest = _slots(words, _phrase_starts(words), 1)
        if words[1:2] == ("who",) and len(rest) > 1:
            rest = (Slot(rest[0].forms, 0, 1), *rest[1:])
        return (_person(), *rest), _named(words)
    return tuple(Slot(_nominal_inflections(word)) for word in words
                 if word not in DETERMINERS), _named(words)


@lru_cache(maxsize=1)
def _person() -> Slot:
    """A word for a person, in the singular or the plural (worked out once, when first
    asked for: the dictionary is slow to load)."""
    return Slot(frozenset(form for word in PEOPLE for form in _nominal_inflections(word)))


def _named(words: Sequence[str]) -> int:
    return len([word for word in words if word not in DETERMINERS and word not in PLACEHOLDERS])


@lru_cache(maxsize=ALIASES)
def _alias_words(alias: str) -> tuple[str, ...]:
    """The words of ``alias``, determiners included."""
    return tuple(word.text for word in words(alias, skipped=frozenset()))


def _phrase_starts(words: Sequence[str]) -> set[int]:
    """Where a noun phrase starts among an alias's ``words``: after a determiner, "someone"
    or a preposition, and at a plural right after a verb that starts the alias ("carry
    bags").  Aliases are written in base forms, so a plural is an object, where a singular
    noun may be half of a compound ("call center")."""
    starts = {i for i in range(1, len(words)) if words[i - 1] in DETERMINERS
              or words[i - 1] in PREPOSITIONS or (i > 1 and words[i - 1] in PLACEHOLDERS)}
    if len(words) > 1 and is_verb(words[0]) and is_plural_noun(words[1]):
        starts.add(1)
    return starts


def _slots(words: Sequence[str], starts: set[int], first: int = 0) -> tuple[Slot, ...]:
    """The alias's ``words`` from ``first`` on as slots: "someone" after the first word is
    ANYONE; a word where a noun phrase ``starts`` may be DESCRIBED first, and there stands
    for its forms as a noun or adjective only, if it has any ("give a hug" never finds
    "give a hugged")."""
    slots: list[Slot] = []
    for i, word in enumerate(words[first:], first):
        if word in DETERMINERS:
            continue
        if word in PLACEHOLDERS and (slots or first):
            slots.append(ANYONE)
        elif i in starts and (slots or first) and word not in FUNCTION_WORDS:
            slots += [DESCRIBED, Slot(_nominal_inflections(word))]
        else:
            slots.append(Slot(inflections(word), bare=i > 0 and words[i - 1] == BE
                              and "ADJ" in lemmas(word)))
    return tuple(slots)


def _passive_slots(words: Sequence[str], starts: set[int]) -> tuple[Slot, ...]:
    """The object-first passive of a verb–object alias ("hold the door" → "the door was
    held", "take out the trash" → "the trash was taken out"); empty unless the alias's
    ``words`` are a verb, perhaps a particle, and a noun phrase."""
    phrase = _object_phrase(words, starts)
    if phrase is None or phrase[2] != len(words) or words[1] in PREPOSITIONS - PARTICLES:
        return ()
    particle, start, end = phrase
    return (*_object_slots(words, start, end), *PASSIVE_VOICE,
            Slot(participles(words[0])), *([Slot(inflections(particle))] if particle else []))


def _shifted_slots(words: Sequence[str], starts: set[int]) -> tuple[Slot, ...]:
    """A verb–particle–object alias with its object before the particle, as English may
    put it ("set up the room" → "set the room up", "take out the bins" → "took the
    bins out"); empty unless the alias's ``words`` are a verb, a particle and a noun
    phrase with no "someone" before it."""
    phrase = _object_phrase(words, starts)
    if phrase is None or phrase[0] not in PARTICLES or \
            any(word in PLACEHOLDERS for word in words[1:phrase[1]]):
        return ()
    particle, start, end = phrase
    return (Slot(inflections(words[0])), DESCRIBED, *_object_slots(words, start, end),
            Slot(inflections(particle)), *_slots(words, starts, end))


def _object_slots(words: Sequence[str], start: int, end: int) -> tuple[Slot, ...]:
    """The object noun phrase ``words[start:end]`` (_object_phrase) out of its usual place:
    its first word in its forms as a noun, the rest in all their forms."""
    return (Slot(_nominal_inflections(words[start])),
            *(Slot(inflections(word)) for word in words[start + 1:end]))


def _pronoun_slots(words: Sequence[str],
                   starts: set[int]) -> tuple[tuple[Slot, ...], frozenset[str]]:
    """A verb–object alias with "it" or "them" for its object ("water the plants" → "water
    them", "take out the bins" → "took them out", "look after the kids" → "looked after
    them"), and the forms of the object's noun, which the pronoun stands for; empty unless
    the alias is a verb, perhaps a particle or a preposition, and a one-word object with no
    "someone" before it ("water the neighbour's plants" says more than "water them")."""
    phrase = _object_phrase(words, starts)
    if phrase is None or phrase[2] - phrase[1] > 1 or \
            any(word in PLACEHOLDERS for word in words[1:phrase[1]]) or \
            words[0] in LIGHT_VERBS and not phrase[0]:
        return (), frozenset()
    particle, _, end = phrase
    verb = Slot(inflections(words[0]))
    joined = [Slot(inflections(particle)), PRONOUN] if particle in PREPOSITIONS - PARTICLES \
        else [PRONOUN, *([Slot(inflections(particle))] if particle else [])]
    return (verb, *joined, *_slots(words, starts, end)), _nominal_inflections(words[end - 1])


def _object_phrase(words: Sequence[str], starts: set[int]) -> tuple[str | None, int, int] | None:
    """Where a verb–object alias's object is: the particle (or preposition) after the
    verb, if any, and the object noun phrase's first and end indexes (content words up to
    the last noun: "door" in "hold the door open"); None if the alias does not start with
    a verb and such an object."""
    if len(words) < 2 or not is_verb(words[0]):
        return None
    particle = words[1] if words[1] in PARTICLES or words[1] in PREPOSITIONS else None
    start = next((i for i in range(2 if particle else 1, len(words))
                  if words[i] not in DETERMINERS and words[i] not in PLACEHOLDERS), None)
    if start is None or start not in starts:
        return None
    end = next((i for i in range(start, len(words)) if words[i] in FUNCTION_WORDS
                or words[i] in DETERMINERS or words[i] in PLACEHOLDERS), len(words))
    while end > start and not is_noun(words[end - 1]):  # "hold the door open"
        end -= 1
    return (particle, start, end) if end > start else None


class Matcher:
    """Finds the aliases of many topics in one pass over a text."""

    def __init__(self, aliases: Mapping[str, Iterable[str]], nouns: bool = False):
        """``aliases`` maps each topic key to its aliases; ``nouns``: they are names for
        people (roles), found only as nouns."""
        # A pattern is filed under the forms of its first word, then under those of the
        # next word it requires, which is at most ``reach`` words further on: most
        # patterns are then ruled out by a look-up or two rather than tried.
        self._by_first: dict[str, _Entry] = {}
        alias_words: dict[str, frozenset[str]] = {}
        for key, names in aliases.items():
            for name in names:
                for pattern in alias_patterns(name, key, nouns):
                    self._file(pattern)
                alias_words.update((word, inflections(word)) for word in _alias_words(name)
                                   if word not in DETERMINERS and word not in PLACEHOLDERS)
        self._misspellings = Misspellings(alias_words)

    def _file(self, pattern: Pattern) -> None:
        first, *rest = pattern.slots
        pattern = pattern._replace(required=tuple(slot.forms for slot in rest if slot.required))
        reach = 1
        for slot in rest:
            if slot.required:
                break
            reach += slot.most
        else:
            slot = None
        for form in first.forms or ():
            entry = self._by_first.setdefault(form, _Entry([], {}, 0))
            if slot is None:
                entry.always.append(pattern)
                continue
            entry.reach = max(entry.reach, reach)
            for next_form in slot.forms:
                entry.by_next.setdefault(next_form, []).append(pattern)

    def find(self, text: str) -> list[Match]:
        """Every non-overlapping alias in ``text``, longest first where they overlap."""
        return self.find_in(words(text))

    def find_in(self, tokens: list[Word], correct: bool = True) -> list[Match]:
        """Like ``find``, for the ``words`` of a text, so that matchers can share them;
        ``correct``: read misspelt alias words as the words they stand for."""
        texts = list(map(TEXT, tokens))
        spelled = self._misspellings.spelled(texts) if correct else texts
        if spelled is not texts:
            tokens = [token._replace(text=text) if text != token.text and not token.capitalised
                      else token for token, text in zip(tokens, spelled)]
            texts = list(map(TEXT, tokens))
        entries = list(map(self._by_first.get, texts))
        candidates: list[Match] = []
        text = _Text(tokens, texts)
        for i in compress(range(len(entries)), entries):  # the words that start a pattern
            entry = entries[i]
            for pattern in entry.always:
                _try(pattern, text, i, candidates)
            for following in tokens[i + 1:i + 1 + entry.reach]:
                if not following.joined:
                    break
                for pattern in entry.by_next.get(following.text, ()):
                    _try(pattern, text, i, candidates)
        return _longest_first(candidates)


@dataclass(slots=True)
class _Entry:
    """The patterns whose first word is one form: those filed under the next word they
    require, which comes at most ``reach`` words later, and those that require none."""

    always: list[Pattern]
    by_next: dict[str, list[Pattern]]
    reach: int


def _try(pattern: Pattern, text: _Text, first: int, candidates: list[Match]) -> None:
    """Add the match of ``pattern`` from the text's word ``first``, if there is one."""
    tokens = text.tokens
    if pattern.subject and first and tokens[first].joined and \
            tokens[first - 1].text in PREPOSITIONS:
        return
    for forms in pattern.required:  # most patterns tried need a word the text lacks
        if forms.isdisjoint(text.words):
            return
    if pattern.antecedent and not text.noun_before(pattern.antecedent, first):
        return
    end = _match_rest(pattern.slots, 1, tokens, first)
    if end is not None and (not pattern.as_noun or _as_noun(tokens, first, end)):
        candidates.append(Match(tokens[first].start, tokens[end].end, pattern.key,
                                pattern.named))


class _Text:
    """What matching reads of one text: its words, the set of them, and where each may
    stand as a noun (anywhere but right after "I", "we", "to"…: "we fix things"), indexed
    when first asked."""

    def __init__(self, tokens: Sequence[Word], texts: Sequence[str]) -> None:
        self.tokens, self.texts, self.words = tokens, texts, frozenset(texts)
        self._nouns: dict[str, list[int]] | None = None

    def noun_before(self, forms: frozenset[str], pronoun_at: int) -> bool:
        """Whether one of ``forms`` stands as a noun in the ANTECEDENT_REACH words before
        the pronoun at ``pronoun_at``."""
        if self._nouns is None:
            self._nouns = {}
            for i, text in enumerate(self.texts):
                if i == 0 or self.texts[i - 1] not in VERB_OPENERS:
                    self._nouns.setdefault(text, []).append(i)
        for form in forms:
            places = self._nouns.get(form)
            if places:
                nearest = bisect_left(places, pronoun_at - ANTECEDENT_REACH)
                if nearest < len(places) and places[nearest] < pronoun_at:
                    return True
        return False


def _match_rest(slots: tuple[Slot, ...], p: int, tokens: Sequence[Word],
                last: int) -> int | None:
    """Index of the last token if ``slots[p:]`` match the tokens after ``tokens[last]``,
    each slot taking as few words as it can."""
    if p == len(slots):
        return last
    slot = slots[p]
    taken = 0
    while True:
        if taken >= slot.least:
            end = _match_rest(slots, p + 1, tokens, last)
            if end is not None:
                return end
        if taken == slot.most:
            return None
        last += 1
        if last >= len(tokens) or not tokens[last].joined or not _fits(slot, tokens[last]):
            return None
        taken += 1


def _as_noun(tokens: Sequence[Word], first: int, last: int) -> bool:
    """Whether ``tokens[first:last + 1]`` read as a noun phrase, not as an adjective or a
    verb: after a determiner or in a plural that is no verb ("the patient", "my regulars",
    "patients"; not "be patient", "she ushers us in"), and before no word that it would
    describe ("a patient man", "a regular basis")."""
    opening, closing = tokens[first], tokens[last]
    if not (opening.determined or is_plural_noun(closing.text)
            and "VERB" not in lemmas(closing.text)):
        return False
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    return closing.possessive or following is None or not following.joined or \
        following.capitalised or not is_noun(following.text)


def _fits(slot: Slot, token: Word) -> bool:
    if slot.forms is not None:
        return token.text in slot.forms and not (slot.bare and token.determined)
    return slot.fits(token)


def _longest_first(candidates: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (of two as long, the one naming more of its
    words), then return them in text order."""
    kept: list[Match] = []
    for match in sorted(candidates, key=lambda m: (m.start - m.end, -m.named, m.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)
