"""Salience: which of the topics an essay mentions it is about.

Tagging finds every alias in an essay; this module reads each mention in its sentence,
sums up the evidence of each candidate topic and scores it.  Every rule is a cheap look
at the few words around one mention, within its sentence: no parser, no model.

A mention never counts when it is

- **negated**: a negation (*no*, *not*, *never*, *n't*, *nor*, *neither*, *without*,
  *cannot*) opens the phrase the mention ends, perhaps after a form of *be* ("she was
  no waitress", "isn't a help desk", "might not be a total stranger", "never a cashier"),
  or stands right before an example of service ("I never held the door").  "Not just a
  nurse" is no negation;
- **contrasted**: *rather than*, *instead of* or *as opposed to* opens it likewise;
- **a likeness**: *like a* (or *like an*) opens it likewise: "like a doctor checking a
  fever", "treated me like a child" (but "I'd like a …" asks for one);
- **a word of address**: the mention (with at most *my*, *dear*, *oh*, *hey*…, or paired
  with another word by *and*) is a phrase of its own between punctuation, not an item of a list, in a sentence that
  speaks to someone (*you*, *thanks*, *please*, *hello*…, or a phrase beside it that ends
  in *me* or *us*: "believe me", "listen to us"): "Believe me, friends, …", "Thanks, guys.",
  "Now, brothers and sisters, listen to me."

A mention that counts, unless it stands in brackets (an aside), is

- **served** when it takes part in an act of service: an example of service is found in
  its sentence (or the mention is one), a word of service (*serve*, *help*, *thank*,
  *order*, *polite*…: SERVICE_WORDS) stands within WINDOW words of it, or it stands *at*
  a place of service ("the teenager at the returns desk", "a cashier at a pharmacy");
- **discussed** when the sentence says who someone is: the mention completes a form of
  *be* ("you may be a co-worker", "I'm a social worker now"; not "there was my aunt",
  nor, said in passing by a relative or demonstrative pronoun, "my sister, who is a
  lawyer now", "that is a powerful teacher", nor someone else's career of years ago,
  with how long it lasted: "Frank was a machinist for thirty-five years" says who he
  was, not whom the essay shows at work; "I was a cashier for six years" still counts),
  or names a person ("my teacher, Mrs. Patel", "a waitress named Marjorie"), or is a
  person who acts: the subject opening its clause before a finite verb, or with a
  relative clause ("The vet said…", "the registrar who recorded…"), not someone's
  relative ("my son spilled…") nor an item of a list;
- **a relative** (a role of the TOPICS_RELATIVES branch: mother, son, cousin…) is served
  only as the one who serves: the subject of its clause, with an act of service in that
  clause ("my mother asked me to clean my room"), not the one served ("a biscuit for my
  son"), never counts named as an owner ("my mother's passport"), and is no ``lead``
  in the first paragraph, where relatives set the scene ("My sister got married…");
  a relative none of whose mentions is served or discussed, and that neither the title,
  the summary nor a heading names, is no tag however often it is named
  (``Salience.keeps``);
- **a kind of thing**, never a person, when it is a possessive after *a* or *an* ("a
  carpenter's pencil"): such a mention never counts;
- **listed** when it is a role named in a roll call: a sentence whose items, between
  commas, semicolons and colons, name ROLL_CALL roles or more ("There was a porter, two
  student doctors, a healthcare assistant and the registrar"); it counts as a mention, but
  is neither served nor discussed, unless its own item holds an example of service ("…,
  or when your teacher gave you a deadline, …");
- **a heading** when it stands in a heading, a definition list's term, or opens a short
  fragment that opens its paragraph ("Cashier at a discount pharmacy.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Collection, Iterable, Mapping, Sequence

import lemminflect

from .grammar import AUXILIARIES
from .matching import DETERMINERS, WORD, Word, inflections

WINDOW = 4  # words on each side of a mention where a word of service makes it served
NEGATION_REACH = 5  # words before a mention where a negation may stand
MODIFIERS = 2  # words (adjectives…) that may stand between an article and a mention
FRAGMENT = 8  # longest paragraph-opening fragment read as a heading, in words
REACH = 80  # characters before a mention where its opening, or a name, is looked for

# How a sentence may hold a mention (salience.standing); the first three never count.
NEGATED, CONTRASTED, LIKENESS, ADDRESS, KIND, ASIDE, DISCUSSED = (
    "negated", "contrasted", "likeness", "address", "kind", "aside", "discussed")
DISCOUNTED = frozenset({NEGATED, CONTRASTED, LIKENESS, ADDRESS, KIND})

NEGATIONS = frozenset({"no", "not", "never", "nor", "neither", "without", "cannot"})
CONTRASTS = {"than": [("rather", "than")], "of": [("instead", "of")],  # by last word
             "to": [("as", "opposed", "to")]}
LIKE = "like"
WISHING = frozenset("would should i'd you'd we'd they'd he'd she'd".split())  # "I'd like a…"
FOCUS = frozenset({"just", "only", "merely", "simply", "even", "also"})  # "not just a nurse"
BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "become", "becomes",
                "became", "becoming", "i'm", "you're", "we're", "they're", "he's", "she's",
                "it's", "that's", "who's"})
EXISTENTIAL = frozenset({"there", "here"})  # "there was my aunt" says nobody is anything
# Subjects of "be" that say what someone else, or something, is in passing: "my sister,
# who is a lawyer now", "that is a powerful teacher".
PASSING_SUBJECTS = frozenset("who which that this these those".split())
PAST_BE = frozenset({"was", "were"})  # and "been" after "had": "has been" goes on
NARRATORS = frozenset({"i", "we", "i've", "we've", "i'd", "we'd"})  # "I was a cashier for…"
# How long a career lasted, after the mention in its clause: "… at the mill for forty years".
LASTING = re.compile(r"(?:\s+[^\W\d_]+(?:['’]s)?){0,4}?\s+for\s+(?:[\w-]+\s+){0,3}?"
                     r"(?:years|decades|a\s+decade|(?:his|her|their)\s+(?:whole\s+)?life)\b")
# Where a clause ends, inside a sentence: negation and predication do not reach across.
CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")
# Where a phrase of address ends: clause breaks and the sentence's own punctuation.
PHRASE_BREAK = re.compile(r"[,;:()\[\]—–!?.…]|\s-\s")
PHRASE_END = re.compile(r"(?:\s+and\s+[^\W\d_]+)?[\s\"'”’]*(?:[,;:()\[\]—–!?.…]|\s-\s|$)")
# A person's name beside a mention: "my teacher, Mrs. Patel", "a waitress named Marjorie".
NAME_AFTER = re.compile(r"(?:,(?:\s+(?:a|an|the)(?:\s+[^\W\d_]+){1,3})?)?"
                        r"(?:,|\s+(?:named|called))\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?"
                        r"(?!I\b)[A-Z][^\W\d_]+")
NAME_BEFORE = re.compile(r"(?<=\S\s)(?!I\b)[A-Z][^\W\d_]+,\s+(?:[^\W\d_]+\s+){1,3}$")

# A person who acts: "the vet said", "the registrar who recorded", "the nurse just smiled".
FOLLOWING = re.compile(r"(?:\s*,\s*|\s+)(who|whom|whose)\b"
                       r"|\s+([^\W\d_]+(?:['’][^\W\d_]+)?)(?:\s+([^\W\d_]+))?")
# A phrase that renames the mention, skipped before its verb: "A deckhand, a big man, appeared".
APPOSITION = re.compile(r",\s+(?:a|an|the)\s[^,;:()\[\]—–]*,")
# A short phrase of place after a mention, of one or two words: "the clerk at the counter".
PLACE_AFTER = re.compile(r"\s+(?:at|in|on|from|behind|by|near)\s+(?:(?:the|a|an|our|my)\s+)?"
                         r"[^\W\d_]+(?:['’]s)?()(?:\s+[^\W\d_]+())?")
CLAUSE_OPENERS = frozenset("and but so then when after until while once because".split())
POSSESSIVES = frozenset("my your his her its our their".split())
INDEFINITE = frozenset({"a", "an"})  # "a carpenter's pencil" names a kind of pencil
NOMINATIVES = frozenset("i he she we they".split())  # a clause's own subject
ADVERBS = frozenset("just always then also still often never once finally even only soon "
                    "already first later".split())
FINITE_AUXILIARIES = AUXILIARIES | {"do", "does", "did"}
ADDRESS_OPENERS = frozenset({"my", "dear", "oh", "o", "hey", "hi", "hello", "you", "fellow"})
AND = "and"
ADDRESS_CUES = frozenset({"you", "your", "yours", "yourself", "yourselves", "y'all", "thanks",
                          "thank", "please", "hello", "hi", "hey", "dear", "welcome", "goodbye",
                          "bye", "cheers", "sorry", "morning", "afternoon", "evening"})
IMPERATIVE_OBJECTS = frozenset({"me", "us"})  # "Believe me, friends, …", "…, listen to me"
LIST_OPENERS = DETERMINERS | {"and", "or", "nor", "&"}
LIST_ITEM = 4  # longest neighbouring phrase read as an item of a list, in words
ROLL_CALL = 3  # items of a sentence, each naming a role, that make it a roll call
ITEM_BREAK = re.compile(r"[,;:]")  # where one item of a list ends

# Words of service, in base form; every inflection counts: acts (serve, pour, fix…),
# their manner (polite, rude…), their occasions (an order, a complaint, the phone).
SERVICE_WORDS = """
    serve service help helpful assist aid support care tend treat heal comfort console
    hug feed cook bake pour cater seat greet welcome smile thank thanks praise compliment
    honor honour appreciate encourage teach tutor train mentor advise explain answer
    listen carry bring fetch deliver pass refill clean tidy wash fix repair mend drive
    rescue protect ring bag pack check handle solve resolve apologize apologise tip
    volunteer wait ask request order call phone complaint complain escalate shift polite
    rude courteous friendly patient impatient kindness
""".split()
# Of those, the words of the one served: a relative who asks or calls serves nobody.
OCCASIONS = frozenset("ask request order call phone complaint complain escalate shift".split())
# Places of service: "at the counter", "at a pharmacy".
SERVICE_PLACES = """
    shop store desk counter register checkout till restaurant cafe café diner bar pub
    hotel bank clinic hospital pharmacy office station stall market booth window gate
    reception library school surgery
""".split()
AT = "at"

# What each feature is worth, by default (settings.TOPICS_SALIENCE_WEIGHTS overrides any).
WEIGHTS = MappingProxyType({
    "mentions": 0.5,  # each mention that counts
    "served": 1.5,  # each of those that takes part in an act of service
    "discussed": 1.5,  # each of those that says who someone is
    "title": 3.0,  # the title names it
    "summary": 2.0,  # the summary names it
    "heading": 2.0,  # a heading names it
    "lead": 0.5,  # the first paragraph names it
    "share": 2.0,  # times the share of the essay's paragraphs that name it
})
OFTEN = ("mentions", "served", "discussed")  # what a topic's commonness discounts


@dataclass(frozen=True)
class Evidence:
    """What an essay shows of one topic, from the mentions that count."""

    mentions: int = 0  # mentions in the essay's body
    served: int = 0  # of those, mentions that take part in an act of service
    discussed: int = 0  # of those, mentions that say who someone is
    title: bool = False
    summary: bool = False
    heading: bool = False  # in a heading, a definition's term or an opening fragment
    lead: bool = False  # in the essay's first paragraph
    share: float = 0.0  # paragraphs that mention it, over the essay's paragraphs


@dataclass(frozen=True)
class Salience:
    """The rule that makes a candidate a tag: its score reaches ``threshold``.

    The score is the sum of each weight times the feature of ``Evidence`` it is
    named after, the mentions (served, discussed) multiplied first by the topic's commonness (1
    unless the topic is found in most of the site's essays): on a site where nearly
    every essay mentions customers, one more mention of a customer tells a reader
    nothing, while a title, a heading or a whole essay about them still does.
    """

    threshold: float
    weights: Mapping[str, float] = field(default_factory=lambda: WEIGHTS)
    commonness: Mapping[str, float] = field(default_factory=dict)  # by topic key
    relatives: Collection[str] = frozenset()  # the keys of the roles that are relatives

    def score(self, key: str, evidence: Evidence) -> float:
        common = self.commonness.get(key, 1.0)
        return sum(weight * getattr(evidence, name) * (common if name in OFTEN else 1.0)
                   for name, weight in self.weights.items())

    def keeps(self, key: str, evidence: Evidence) -> bool:
        """Whether the candidate is a tag: its score reaches the threshold, and a relative
        also serves, is discussed or is named in the title, summary or a heading (named
        only in passing, however often, the family sets the scene)."""
        if key in self.relatives and not (evidence.served or evidence.discussed or
                                          evidence.title or evidence.summary or evidence.heading):
            return False
        return self.score(key, evidence) >= self.threshold


def commonness(found_in: Iterable[Iterable[str]], min_essays: int,
               share: float) -> dict[str, float]:
    """How much a mention of each topic still says, given the topics each essay mentions.

    1 for every topic on a site of fewer than ``min_essays`` essays, and for a topic
    found in at most ``share`` of them; above that, falling in proportion to 0 for a
    topic found in every essay.
    """
    essays = [set(keys) for keys in found_in]
    if len(essays) < min_essays:
        return {}
    counts: dict[str, int] = {}
    for keys in essays:
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return {key: max(0.0, (1 - n / len(essays)) / (1 - share))
            for key, n in sorted(counts.items()) if n / len(essays) > share}


def weights_of(overrides: Mapping[str, float]) -> Mapping[str, float]:
    """The default weights with ``overrides``; a name that is not a weight is refused."""
    unknown = sorted(set(overrides) - set(WEIGHTS))
    if unknown:
        raise ValueError(f"TOPICS_SALIENCE_WEIGHTS: unknown weight {unknown[0]!r}: "
                         f"the weights are {', '.join(WEIGHTS)}")
    return MappingProxyType({**WEIGHTS, **overrides})


def standing(text: str, sentence: tuple[int, int], start: int, end: int,
             relative: bool = False) -> str | None:
    """How its sentence holds the mention at ``text[start:end]`` (``sentence`` is the
    sentence's span; ``relative``: the mention names someone's relative): NEGATED,
    CONTRASTED, ADDRESS or KIND (the mention does not count), ASIDE, DISCUSSED, or None."""
    near = text[max(sentence[0], start - REACH):start]
    before = _lower_words(CLAUSE_BREAK.split(near)[-1])
    if before and before[-1] in INDEFINITE and possessive(text[start:end]):
        return KIND
    opening = _opening(before)
    if opening in DISCOUNTED:
        return opening
    if opening == DISCUSSED and _career_ago(before, text, end, sentence[1]):
        opening = None
    if PHRASE_END.match(text, end, sentence[1]) and _addressed(text, sentence, start, end):
        return ADDRESS
    if text.count("(", sentence[0], start) > text.count(")", sentence[0], start):
        return ASIDE
    if opening == DISCUSSED or NAME_BEFORE.search(near) or any(
            NAME_AFTER.match(text, at, sentence[1]) for at in _past_place(text, end, sentence[1])) \
            or _acts(text, sentence, near, end, relative):
        return DISCUSSED
    return None


def roll_call(text: str, sentence: tuple[int, int], roles: Sequence[int],
              acts: Iterable[int]) -> list[int]:
    """Those of ``roles`` (where role mentions start in ``sentence``) that are items of a
    roll call, when ROLL_CALL items of the sentence or more name roles, and whose own item
    holds no example of service (``acts``: where examples start)."""
    def item(at: int) -> int:
        return len(ITEM_BREAK.findall(text, sentence[0], at))

    items = {start: item(start) for start in roles}
    if len(set(items.values())) < ROLL_CALL:
        return []
    acting = {item(at) for at in acts if sentence[0] <= at < sentence[1]}
    return [start for start, number in items.items() if number not in acting]


def _past_place(text: str, end: int, stop: int) -> list[int]:
    """Where the phrase of a mention ending at ``end`` may go on: at ``end``, or after a
    short phrase of place ("the flower seller *at the end*, a quiet woman named Ingrid")."""
    place = PLACE_AFTER.match(text, end, stop)
    return [end, *(place.end(group) for group in (1, 2) if place and place.end(group) > 0)]


def _acts(text: str, sentence: tuple[int, int], near: str, end: int, relative: bool) -> bool:
    """Whether the mention ending at ``end`` is a person who acts in the essay: the
    subject that opens its clause, before a finite verb, perhaps after a phrase that
    renames it ("The vet said…", "a deckhand, a big man, appeared") or says where it
    is ("the clerk at the counter looked up"), or with a relative clause ("the
    registrar who recorded…").  Someone's neighbour or doctor may act ("my neighbour
    knocked"); someone's relative ("my son spilled…", "the boy's mother was…") and an
    item of a list ("a photographer, a DJ who…") do not."""
    clause = CLAUSE_BREAK.split(near)
    before = _lower_words(clause[-1])
    while before and before[0] in CLAUSE_OPENERS:
        before = before[1:]
    neighbours = [*clause[-2:-1], *CLAUSE_BREAK.split(text[end:sentence[1]])[1:2]]
    if not _subject_phrase(before, possessed=not relative) or any(
            _list_item(words) for words in map(_lower_words, neighbours) if words):
        return False
    return any(_verb_follows(text, at, sentence[1]) for at in _past_place(text, end, sentence[1]))


def _verb_follows(text: str, end: int, stop: int) -> bool:
    """Whether a finite verb, or *who*, follows a subject ending at ``end``, perhaps after
    a phrase that renames it and an adverb."""
    apposition = APPOSITION.match(text, end, stop)
    after = FOLLOWING.match(text, apposition.end() if apposition else end, stop)
    if not after:
        return False
    pronoun, first, second = (word and word.lower().replace("’", "'")
                              for word in after.groups())
    return bool(pronoun) or _finite(first) or bool(
        second and (first in ADVERBS or first.endswith("ly")) and _finite(second))


def serves(text: str, sentence: tuple[int, int], start: int, end: int,
           acts: Collection[int]) -> bool:
    """Whether the mention at ``text[start:end]`` is the one who serves in its clause:
    it opens its clause (perhaps after *when*, *and*…), perhaps as someone's ("my
    mother"), before a finite verb, and an
    act of service follows in the same clause, before any other subject: an example of
    service starting at one of ``acts`` or a word of service that is no OCCASIONS word."""
    near = text[max(sentence[0], start - REACH):start]
    before = _lower_words(CLAUSE_BREAK.split(near)[-1])
    opener = max((i for i, word in enumerate(before) if word in CLAUSE_OPENERS), default=-1)
    if not _subject_phrase(before[opener + 1:], possessed=True):
        return False
    rest = CLAUSE_BREAK.search(text, end, sentence[1])
    clause_end = rest.start() if rest else sentence[1]
    after = list(WORD.finditer(text, end, clause_end))
    words = [word.group().lower().replace("’", "'") for word in after]
    if not words or not (_finite(words[0]) or len(words) > 1 and (
            words[0] in ADVERBS or words[0].endswith("ly")) and _finite(words[1])):
        return False
    for word, found in zip(words, after):
        if word in NOMINATIVES:
            return False
        if word in _ACT_FORMS or any(found.start() <= at < found.end() for at in acts):
            return True
    return False


def possessive(mention: str) -> bool:
    """Whether a mention is written as an owner: "mother's", "the parents'"."""
    return mention.endswith(("'s", "’s", "s'", "s’"))


def _subject_phrase(words: list[str], possessed: bool = False) -> bool:
    """Whether ``words``, before a mention at the start of its clause, are its own
    determiner and describing words, and (unless ``possessed`` may be) no one's
    possessive."""
    return len(words) <= MODIFIERS + 1 and not any(
        (not possessed and (word in POSSESSIVES or word.endswith("'s"))) or _verb(word)
        for word in words)


def _finite(verb: str) -> bool:
    """Whether ``verb`` opens a finite verb phrase: an auxiliary, or a verb in its past
    or present tense ("came", "says"; not "lines", also a plural noun)."""
    if verb in FINITE_AUXILIARIES or verb in BE:
        return True
    readings = lemminflect.getAllLemmas(verb)
    if "NOUN" in readings and verb.endswith("s"):
        return False
    return any(verb != base and not verb.endswith("ing") for base in readings.get("VERB", ()))


def near_service(tokens: Sequence[Word], mention: tuple[int, int], sentence: tuple[int, int],
                 mentioned: Collection[int]) -> bool:
    """Whether a word of service, or *at* a place of service, stands near a mention.

    ``tokens`` are the words of its paragraph (matching.words): the mention is
    ``tokens[slice(*mention)]``, its sentence ``tokens[slice(*sentence)]``;
    ``mentioned``: the indices of the tokens that mentions are made of (a role is
    no word of service: "two nurses, one postman").
    """
    first, last = mention
    before = range(max(sentence[0], first - WINDOW), first)
    after = range(last, min(sentence[1], last + WINDOW))
    return any(tokens[i].text in _SERVICE_FORMS and i not in mentioned
               for i in (*before, *after)) or any(
        _at_place([tokens[i].text for i in side]) for side in (before, after))


def _at_place(words: list[str]) -> bool:
    """Whether ``words`` say *at* a place of service ("at the counter", "at a pharmacy")."""
    return AT in words and not _SERVICE_PLACES.isdisjoint(words[words.index(AT) + 1:])


def opens_fragment(tokens: Sequence[Word], mention: tuple[int, int],
                   sentence: tuple[int, int]) -> bool:
    """Whether the mention opens a sentence of at most FRAGMENT words and no verb, which,
    opening a paragraph, reads as its heading ("Cashier at a discount pharmacy.")."""
    return (mention[0] == sentence[0] and sentence[1] - sentence[0] <= FRAGMENT
            and not any(_verb(token.text) for token in tokens[slice(*sentence)]))


def _opening(before: list[str]) -> str | None:
    """NEGATED, CONTRASTED, LIKENESS or DISCUSSED when the words ``before`` a mention end
    in a negation, a contrast, *like a* or a form of *be* (not said in passing) that opens
    the mention's phrase."""
    for i in range(len(before) - 1, max(-1, len(before) - 1 - NEGATION_REACH), -1):
        marker = _marker(before, i)
        if marker == DISCUSSED and i and _marker(before, i - 1) == NEGATED:
            marker = NEGATED  # "not be a stranger"
        if marker:
            if not _opens_phrase(before[i + 1:]):
                return None
            return None if marker == DISCUSSED and _said_in_passing(before, i) else marker
        if before[i] not in DETERMINERS and _verb(before[i]):
            return None
    return None


def _marker(words: list[str], i: int) -> str | None:
    word = words[i]
    if word in NEGATIONS or word.endswith("n't"):
        return NEGATED
    for phrase in CONTRASTS.get(word, ()):
        if tuple(words[max(0, i + 1 - len(phrase)):i + 1]) == phrase:
            return CONTRASTED
    if word == LIKE and words[i + 1:i + 2] and words[i + 1] in INDEFINITE \
            and not (i and words[i - 1] in WISHING):
        return LIKENESS
    if word in BE and not (i and words[i - 1] in EXISTENTIAL):
        return DISCUSSED
    return None


def _said_in_passing(words: list[str], i: int) -> bool:
    """Whether the subject of the form of *be* at ``words[i]`` is a relative or
    demonstrative pronoun (PASSING_SUBJECTS)."""
    return _subject(words, i) in PASSING_SUBJECTS


def _career_ago(before: list[str], text: str, end: int, stop: int) -> bool:
    """Whether the form of *be* that opens a mention's phrase (the last in ``before``) says
    what someone other than the narrator was for years: a past form, a subject that is
    not *I* or *we*, and how long it lasted after the mention ending at ``end``."""
    i = max(j for j, word in enumerate(before) if word in BE)
    clause = CLAUSE_BREAK.search(text, end, stop)
    past = before[i] in PAST_BE or before[i] == "been" and i and (
        before[i - 1] == "had" or before[i - 1].endswith("'d"))
    return past and _subject(before, i) not in NARRATORS \
        and LASTING.match(text, end, clause.start() if clause else stop) is not None


def _subject(words: list[str], i: int) -> str | None:
    """The word before the verb at ``words[i]`` and any auxiliaries, adverbs and negations
    before it: its subject; None if the words hold none."""
    j = i - 1
    while j >= 0 and (words[j] in FINITE_AUXILIARIES or words[j] in ADVERBS
                      or words[j] in NEGATIONS or words[j].endswith("n't")):
        j -= 1
    return words[j] if j >= 0 else None


def _opens_phrase(words: list[str]) -> bool:
    """Whether ``words``, between a negation (or *be*) and a mention, belong to the
    mention's phrase: articles, then at most MODIFIERS words, none of them a verb
    unless an article stands before it ("a hurried barista", not "thanked a barista",
    not "to honor the")."""
    article = False
    modifiers = 0
    for word in words:
        if word in DETERMINERS:
            if modifiers:
                return False
            article = True
            continue
        modifiers += 1
        if word in FOCUS or modifiers > MODIFIERS or (not article and _verb(word)):
            return False
    return True


def _addressed(text: str, sentence: tuple[int, int], start: int, end: int) -> bool:
    """Whether the mention is a word of address: see the module's docstring."""
    bounds = [sentence[0], *(p for m in PHRASE_BREAK.finditer(text, *sentence)
                             for p in (m.start(), m.end())), sentence[1]]
    phrases = [_lower_words(text, a, b) for a, b in zip(bounds[::2], bounds[1::2])]
    spans = [(a, b) for (a, b), words in zip(zip(bounds[::2], bounds[1::2]), phrases) if words]
    phrases = [words for words in phrases if words]
    mine = next((i for i, (a, b) in enumerate(spans) if a <= start and end <= b), None)
    if mine is None or len(phrases) < 2:
        return False
    a, b = spans[mine]
    rest = [word for word in _lower_words(text, a, start) + _lower_words(text, end, b)
            if word not in ADDRESS_OPENERS]
    if rest and not (len(rest) == 2 and AND in rest):  # "brothers and sisters"
        return False
    neighbours = [i for i in (mine - 1, mine + 1) if 0 <= i < len(phrases)]
    if any(_list_item(phrases[i]) for i in neighbours):
        return False
    return (not ADDRESS_CUES.isdisjoint(word for words in phrases for word in words)
            or any(phrases[i][-1] in IMPERATIVE_OBJECTS for i in neighbours))


def _list_item(words: list[str]) -> bool:
    """Whether a phrase reads as an item of a list ("and the cook", "my uncle")."""
    return (len(words) <= LIST_ITEM and words[0] in LIST_OPENERS
            and ADDRESS_CUES.isdisjoint(words))


def _lower_words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The words of ``text[start:end]``, lowercase, with straight apostrophes."""
    return [word.group().lower().replace("’", "'")
            for word in WORD.finditer(text, start, len(text) if end is None else end)]


@lru_cache(maxsize=1 << 12)
def _verb(word: str) -> bool:
    """Whether ``word`` can only be read as a verb (not also an adjective or a noun)."""
    readings = lemminflect.getAllLemmas(word)
    return "VERB" in readings and not {"ADJ", "NOUN"} & readings.keys()


_SERVICE_FORMS = frozenset(form for word in SERVICE_WORDS for form in inflections(word))
_ACT_FORMS = _SERVICE_FORMS - {form for word in OCCASIONS for form in inflections(word)}
_SERVICE_PLACES = frozenset(form for word in SERVICE_PLACES for form in inflections(word))
