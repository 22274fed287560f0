"""Roles and examples an essay clearly contains but the vocabulary lacks: new topics to
propose to its author, each with the sentence that shows it and a stanza for topics.toml.

Precision comes first, since an author reads every proposal:

- a **role** is a job title (``occupations.txt``) that the essay names in a job's frame
  ("worked as a ___", "the ___ at the counter", "our ___ came to…", "___s like her"), in
  its title, summary or a heading, or at least twice; or nouns before a one-word title or
  known role ("pharmacy clerk") named at least twice, once in a frame or where it is central;
- an **example** is a service verb with its object ("fixed the sink", "shovelled our
  driveway") done for a person (a pronoun, a possessive, "for" someone), that the essay
  tells at least twice or in its title, summary or a heading.

A mention that tagging would not count (negated, contrasted, a word of address: "she
was no waitress") never counts, nor an object after *that* ("taught me that the ride…"),
and nothing the
vocabulary already finds, or names, is proposed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import lemminflect

from service_topics.htmltext import blocks
from service_topics.matching import Match, Matcher, Word, normalise_alias, words
from service_topics.salience import DISCOUNTED, standing
from service_topics.sentences import sentence_spans
from service_topics.vocabulary import KINDS, Vocabulary, slugish

from .problems import Problem, warning
from .topics import COMMON_WORDS, Essay

OCCUPATIONS = Path(__file__).with_name("occupations.txt")
FOUND_AT_LEAST = 2  # mentions that make a topic more than a passing word
CENTRAL = 2  # a mention in the title, summary or a heading counts this much

# The frames in which a noun names someone's job, around a mention in its sentence.
JOB_BEFORE = re.compile(
    r"\b(?:(?:work(?:s|ed|ing)?|job|jobs|career|hired|employed|trained|started|paid|"
    r"living|volunteer(?:s|ed)?)\s+as|(?:call(?:s|ed)?|hire[sd]?|thank(?:s|ed)?|"
    r"tip(?:s|ped)?|ask(?:s|ed)?|phoned?|booked?)\s+(?:the|our|my|a|an|their)|"
    r"the\s+local|(?:became|become|becoming|is|was|am|are|were)\s+an?)"
    r"\s+(?:an?\s+|the\s+)?(?:local\s+|friendly\s+|regular\s+|new\s+|old\s+)?$", re.I)
JOB_AFTER = re.compile(
    r"^['’]?s?\s+(?:(?:at|behind|on)\s+(?:the\s+)?(?:\w+\s+)?(?:counter|desk|register|till|"
    r"window|store|shop|front|door|gate|stall|stand|station|market|office)|"
    r"(?:came|comes|come|arrived|showed\s+up|stopped\s+by|turned\s+up)\b|"
    r"like\s+(?:her|him|them|you|me|us)\b|by\s+trade\b|"
    r"(?:who|that)\s+(?:served|helped|fixed|cut|cleaned|delivered|brought|took|looked\s+after|"
    r"took\s+care|came|worked|runs|ran))", re.I)
# Nouns that never start a job's compound ("customer service", "night shift"…).
NOT_MODIFIERS = frozenset("""
    service customer company job work team staff career head day night morning evening weekend
    summer winter shift time year week month today part full people person family friend
    man woman lady guy girl boy kid child son daughter mother father mom dad wife husband
    many much more most few several both such own other same whole another various certain
    enough less least every each
""".split())

SERVICE_VERBS = frozenset("""
    bake bring buy carry clean cook cover cut deliver feed fetch fill fix fold hem
    install iron lend lift load mend mop mow pack paint patch pick plow plough pour push rake
    refill repair replace return sew shovel sweep teach tidy tow translate trim tutor unload
    vacuum walk wash water wrap shine polish sharpen knit babysit
""".split())
# Objects too vague to make an example of ("fill some kind of role").
VAGUE = frozenset("""
    kind sort type lot bit way time thing part place end job work role need attention care
    trouble problem question difference sense use idea chance moment day week year life
""".split())
PARTICLES = frozenset("up off out back over down in".split())
PEOPLE = frozenset("""
    me us him them you her someone somebody everyone everybody customer client guest patient
    passenger student neighbor neighbour stranger woman man lady gentleman kid child son
    daughter mother mom mum father dad grandmother grandma grandfather grandpa friend wife
    husband family people person senior folk shopper visitor tenant baby boy girl
""".split())
OBJECT_PRONOUNS = frozenset("me us him them you".split())
THAT = re.compile(r"\bthat\b", re.I)  # a clause, not an object, follows the verb
POSSESSIVE = re.compile(r"\b(?:my|our|his|her|their|your)\s+$|['’]s\s+$", re.I)


@dataclass(frozen=True)
class Proposal:
    """A topic the vocabulary lacks, as one essay shows it."""

    kind: str  # "roles" or "examples"
    key: str
    name: str
    aliases: tuple[str, ...]
    description: str
    broader: str | None
    sentence: str  # the sentence that shows it best
    line: int | None  # the sentence's line in the essay's source, when it can be found
    mentions: int


@dataclass(frozen=True)
class _Found:
    """One candidate mention of a topic the vocabulary lacks."""

    kind: str
    group: str  # what mentions of one topic share: a role's base form, an example's
    # verb and object ("fix sink")
    base: str  # the alias it suggests, e.g. "dog groomer", "fix the sink", "bring someone tea"
    framed: bool  # a role in a job's frame; an example done for a person
    central: bool  # in the title, the summary or a heading
    sentence: str
    broader: str | None = None
    compound: bool = False  # a role made of nouns before a title or a known role


@cache
def occupations(path: Path = OCCUPATIONS) -> frozenset[str]:
    """The job titles of ``path``, one per line, ``#`` comments left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines
                     if line.strip() and not line.startswith("#"))


def propose(html: str, central_texts: Iterable[str], source: str, vocabulary: Vocabulary,
            titles: frozenset[str] | None = None) -> list[Proposal]:
    """The new roles, then the new examples, that the essay ``html`` clearly shows.

    ``central_texts`` are its title and summary (a mention there weighs more);
    ``source`` is its Markdown, to find each sentence's line.
    """
    titles = occupations() if titles is None else titles
    known = _KnownWords(vocabulary, titles)
    found: list[_Found] = []
    texts = [(text, text, True) for text in central_texts if text] + \
        [(block.text, block.searchable, block.heading) for block in blocks(html)]
    for text, searchable, central in texts:
        for start, end in sentence_spans(text):
            readable, sentence = text[start:end], searchable[start:end]
            tokens = words(sentence)
            covered = [m for matcher in known.vocabulary_matchers for m in matcher.find_in(tokens)]
            titles_found = known.titles.find_in(tokens)
            found += _roles_in(sentence, tokens, covered, titles_found, known, central, readable)
            found += _examples_in(sentence, tokens, [*covered, *titles_found], vocabulary,
                                  central, readable)
    return _proposals(found, source, vocabulary, known)


class _KnownWords:
    """The matchers of the vocabulary, by kind, and of the job titles."""

    def __init__(self, vocabulary: Vocabulary, titles: frozenset[str]):
        self.vocabulary_matchers = vocabulary.matchers
        self.roles = self.vocabulary_matchers[list(KINDS).index("roles")]
        self.titles = Matcher({title: [title] for title in titles})


def _roles_in(sentence: str, tokens: Sequence[Word], covered: list[Match],
              titles_found: list[Match], known: _KnownWords, central: bool,
              readable: str) -> list[_Found]:
    """Job titles of ``sentence`` the vocabulary does not find, and nouns before a title or
    a known role that make a job of their own ("school bus driver")."""
    found = []
    heads = [(m, False) for m in titles_found] + \
        [(m, True) for m in known.roles.find_in(tokens)]
    for match, is_role in heads:
        if not is_role and any(m.start <= match.start and m.end >= match.end for m in covered):
            continue  # a known role: its compounds are looked for as such
        first = next(i for i, t in enumerate(tokens) if t.start == match.start)
        modifiers = _modifiers(sentence, tokens, first) if match.end == tokens[first].end \
            else []  # nouns before a one-word title only: "dog groomer", not "career bank teller"
        if is_role and not modifiers or not _can_be_noun(tokens[_last(tokens, match)].text):
            continue
        start = tokens[first - len(modifiers)].start
        if any(m.start <= start and m.end >= match.end for m in covered) or \
                _discounted(sentence, start, match.end):
            continue
        base = " ".join([*modifiers, _singular_phrase(sentence[match.start:match.end])])
        framed = bool(JOB_BEFORE.search(sentence[:start]) or
                      JOB_AFTER.match(sentence[match.end:]))
        found.append(_Found("roles", normalise_alias(base), base, framed, central, readable,
                            broader=match.key if is_role else None, compound=bool(modifiers)))
    return found


def _modifiers(sentence: str, tokens: Sequence[Word], first: int) -> list[str]:
    """Up to two nouns right before ``tokens[first]`` that make a compound with it."""
    found: list[str] = []
    i = first
    while i > 0 and len(found) < 2:
        word = tokens[i - 1]
        gap = sentence[word.end:tokens[i].start]
        if not tokens[i].joined or any(c.isalnum() for c in gap) or "'" in gap or "’" in gap \
                or not _noun_only(word.text) or word.text in NOT_MODIFIERS \
                or word.text in COMMON_WORDS or word.text in PEOPLE or len(word.text) < 3:
            break
        found.insert(0, word.text)
        i -= 1
    return found


def _last(tokens: Sequence[Word], match: Match) -> int:
    return next(i for i, t in enumerate(tokens) if t.end == match.end)


def _can_be_noun(word: str) -> bool:
    """Whether ``word`` may be a noun: "tailors" may, "tailored" may not."""
    lemmas = lemminflect.getAllLemmas(word)
    return not lemmas or "NOUN" in lemmas


def _noun_only(word: str) -> bool:
    """Whether the dictionary knows ``word`` as a noun and never as an adjective or a
    verb form other than the noun itself."""
    lemmas = lemminflect.getAllLemmas(word)
    return "NOUN" in lemmas and "ADJ" not in lemmas and "PROPN" not in lemmas and \
        lemmas.get("VERB", (word,)) == (word,) and lemmas["NOUN"] == (word,)


def _singular_phrase(phrase: str) -> str:
    """``phrase`` with its last word in the singular: "dog groomers" → "dog groomer"."""
    *rest, last = phrase.lower().split()
    lemmas = lemminflect.getAllLemmas(last).get("NOUN") or \
        lemminflect.getAllLemmasOOV(last, "NOUN").get("NOUN") or (last,)
    return " ".join([*rest, lemmas[0]])


def _examples_in(sentence: str, tokens: Sequence[Word], covered: list[Match],
                 vocabulary: Vocabulary, central: bool, readable: str) -> list[_Found]:
    """Service verbs with their object that the vocabulary does not find, and whether each
    is done for a person: "fixed my sink", "brought us tea", "mowed the lawn for her".

    ``covered`` are the topics and job titles found in the sentence: nothing in them
    ("tow truck driver") is a verb."""
    found = []
    for i, token in enumerate(tokens):
        verb = _verb(token.text)
        if verb not in SERVICE_VERBS:
            continue
        j = i + 1
        particle = None
        if j < len(tokens) and tokens[j].joined and tokens[j].text in PARTICLES:
            particle, j = tokens[j].text, j + 1
        pronoun = j < len(tokens) and tokens[j].joined and tokens[j].text in OBJECT_PRONOUNS
        j += pronoun
        if j >= len(tokens) or not tokens[j].joined or not _is_object(tokens[j].text):
            continue
        if any(m.start < tokens[j].end and m.end > token.start for m in covered) or \
                _discounted(sentence, token.start, tokens[j].end) or \
                THAT.search(sentence, tokens[j - 1].end, tokens[j].start):
            continue  # "taught me that the ride…" teaches no ride
        thing = _singular_phrase(tokens[j].text)
        person = pronoun or bool(POSSESSIVE.search(sentence[:tokens[j].start])) or \
            _for_someone(tokens[j + 1:], vocabulary)
        verb_words = [verb, *([particle] if particle else [])]
        base = " ".join([*verb_words, "someone" if pronoun else "the", thing])
        found.append(_Found("examples", " ".join([*verb_words, thing]), base, person,
                            central, readable))
    return found


def _discounted(sentence: str, start: int, end: int) -> bool:
    """Whether the sentence negates, contrasts or addresses ``sentence[start:end]``, as
    tagging reads it (salience.standing): "she was no waitress"."""
    return standing(sentence, (0, len(sentence)), start, end) in DISCOUNTED


def _verb(word: str) -> str | None:
    """The base form of ``word`` if it can be a verb."""
    lemmas = lemminflect.getAllLemmas(word).get("VERB")
    return lemmas[0] if lemmas else None


def _is_object(word: str) -> bool:
    lemmas = lemminflect.getAllLemmas(word)
    return "NOUN" in lemmas and word not in PEOPLE and word not in OBJECT_PRONOUNS and \
        word not in PARTICLES and word not in VAGUE and word not in COMMON_WORDS


def _for_someone(tokens: Sequence[Word], vocabulary: Vocabulary) -> bool:
    """Whether the words after an object say whom it was for: "for her", "for a customer"."""
    texts = [t.text for t in tokens[:4]]
    if "for" not in texts:
        return False
    after = texts[texts.index("for") + 1:]
    return bool(after) and (after[0] in PEOPLE or vocabulary.lookup(after[0]) is not None)


def _proposals(found: list[_Found], source: str, vocabulary: Vocabulary,
               known: _KnownWords) -> list[Proposal]:
    """The candidates with enough evidence, one proposal per topic, roles first."""
    groups: dict[tuple[str, str], list[_Found]] = defaultdict(list)
    for item in found:
        groups[item.kind, item.group].append(item)
    proposals = []
    for (kind, _), group in groups.items():
        weight = sum(CENTRAL if f.central else 1 for f in group)
        framed = any(f.framed for f in group)
        if kind == "roles" and group[0].compound:
            enough = weight >= FOUND_AT_LEAST and (framed or any(f.central for f in group))
        elif kind == "roles":
            enough = weight >= FOUND_AT_LEAST or framed
        else:
            enough = weight >= FOUND_AT_LEAST and framed
        # the form with a person in it ("bring someone tea") finds the others too
        base = max((f.base for f in group), key=lambda b: "someone" in b.split())
        if not enough or _known(base, vocabulary, known):
            continue
        best = next((f for f in group if f.framed and not f.central), None) or \
            next((f for f in group if not f.central), group[0])
        proposals.append(_proposal(kind, base, best.sentence, source, len(group), vocabulary,
                                   group[0].broader))
    return sorted(proposals, key=lambda p: (p.kind != "roles", p.line or 0, p.key))


def _known(base: str, vocabulary: Vocabulary, known: _KnownWords) -> bool:
    """Whether the vocabulary names ``base``, or finds all of it."""
    if vocabulary.lookup(base) or vocabulary.lookup(_name(base)):
        return True
    tokens = words(base)
    return any(m.start == tokens[0].start and m.end == tokens[-1].end
               for matcher in known.vocabulary_matchers for m in matcher.find_in(tokens))


def _proposal(kind: str, base: str, sentence: str, source: str, mentions: int,
              vocabulary: Vocabulary, broader: str | None) -> Proposal:
    name = _name(base) if kind == "examples" else base[0].upper() + base[1:]
    if kind == "roles" and broader is None:
        broader = _broader_role(base, vocabulary)
    plain = " ".join(sentence.split())
    return Proposal(kind, slugish(name), name, (base,), _description(kind, name), broader,
                    plain, source_line(source, plain), mentions)


def _name(base: str) -> str:
    """An example's display name: "fix the sink" → "Fixing the sink"."""
    verb, *rest = base.split()
    gerund = lemminflect.getInflection(verb, "VBG")
    return " ".join([gerund[0] if gerund else verb, *rest]).capitalize()


def _broader_role(base: str, vocabulary: Vocabulary) -> str | None:
    """The key of a known role named by the end of ``base``: "dog groomer" → "groomer"."""
    parts = base.split()
    for start in range(1, len(parts)):
        topic = vocabulary.lookup(" ".join(parts[start:]))
        if topic and topic.kind == "roles":
            return topic.key
    return None


def _description(kind: str, name: str) -> str:
    """A one-sentence description for the author to review and rewrite."""
    if kind == "roles":
        article = "an" if name[0].lower() in "aeiou" else "a"
        return f"Serves people as {article} {name.lower()}, and is worth a thank-you for it."
    return f"{name}, done for someone who could not easily do it alone."


def source_line(source: str, sentence: str) -> int | None:
    """The line of ``source`` (Markdown) where ``sentence`` (as read) starts, if found."""
    wanted = [w.text for w in words(sentence)][:6]
    if not wanted:
        return None
    tokens = words(source)
    texts = [t.text for t in tokens]
    for i in range(len(texts) - len(wanted) + 1):
        if texts[i:i + len(wanted)] == wanted:
            return source.count("\n", 0, tokens[i].start) + 1
    return None


def stanza(proposal: Proposal) -> str:
    """The ``[roles.<key>]`` or ``[examples.<key>]`` table for ``proposal``, ready to paste."""
    lines = [f"[{proposal.kind}.{proposal.key}]",
             f"name = {_toml_string(proposal.name)}",
             f"aliases = [{', '.join(map(_toml_string, proposal.aliases))}]",
             f"description = {_toml_string(proposal.description)}"]
    if proposal.broader:
        lines.append(f"broader = {_toml_string(proposal.broader)}")
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda c: f"\\u{ord(c.group()):04x}", escaped) + '"'


def essay_proposals(essay: Essay, vocabulary: Vocabulary) -> list[Proposal]:
    """``propose`` for an essay as Pelican read it."""
    central = [field.value for field in map(essay.document.field, ("Title", "Summary")) if field]
    return propose(essay.html, central, essay.document.text, vocabulary)


def proposals_warning(vocabulary_path: Path,
                      proposals: Mapping[Path, list[Proposal]]) -> list[Problem]:
    """One line saying how many essays show topics the vocabulary lacks, if any do."""
    essays = sum(bool(found) for found in proposals.values())
    if not essays:
        return []
    return [warning(vocabulary_path, None,
                    f"{essays} essay{' mentions' if essays == 1 else 's mention'} roles or "
                    "examples it lacks: `invoke topics` proposes them")]
