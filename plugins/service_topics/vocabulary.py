"""Load ``topics.toml`` into an immutable Vocabulary, or stop at its first mistake."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from safe_html.characters import advice, unpublishable

from .errors import TopicsError, line_of
from .matching import Matcher, has_words, normalise_alias, words

KINDS = {"roles": "role", "examples": "example"}
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED = {"name": str, "aliases": list, "description": str}
OPTIONAL = {"broader": str, "related": list, "former": list}


@dataclass(frozen=True)
class Topic:
    """One role or example of service."""

    kind: str  # "roles" or "examples": also the folder of its URL
    key: str
    name: str
    aliases: tuple[str, ...]
    description: str
    broader: str | None = None
    related: tuple[str, ...] = ()
    former: tuple[str, ...] = ()  # keys it had before, oldest first: their URLs redirect here

    @property
    def singular(self) -> str:
        """"role" or "example"."""
        return KINDS[self.kind]

    @property
    def url(self) -> str:
        return f"{self.kind}/{self.key}/"

    @property
    def feed_url(self) -> str:
        return f"{self.url}atom.xml"

    @property
    def former_urls(self) -> tuple[str, ...]:
        """The pages of its former keys, which lead here."""
        return tuple(f"{self.kind}/{key}/" for key in self.former)

    @property
    def former_feed_urls(self) -> tuple[str, ...]:
        """The feeds of its former keys, which go on serving this topic's feed."""
        return tuple(f"{url}atom.xml" for url in self.former_urls)


@dataclass(frozen=True)
class Vocabulary:
    """Every topic by key, and the ways an author may name one."""

    topics: Mapping[str, Topic]
    _names: Mapping[str, str] = field(repr=False)

    @classmethod
    def of(cls, topics: list[Topic]) -> Vocabulary:
        names = {}
        for topic in topics:
            for name in (topic.key, topic.name, *topic.aliases):
                names.setdefault(normalise_alias(name.replace("-", " ")), topic.key)
        return cls(MappingProxyType({t.key: t for t in topics}), MappingProxyType(names))

    def __getitem__(self, key: str) -> Topic:
        return self.topics[key]

    def __iter__(self):
        return iter(self.topics.values())

    def lookup(self, name: str) -> Topic | None:
        """The topic an author means by a key, display name or alias, as written or in
        words that one topic's alias reads as whole: "counting back change" is the
        example whose alias is "count back the change" (a misspelt name is no topic)."""
        key = self._names.get(normalise_alias(name.replace("-", " ")))
        return self.topics[key] if key else self._read_as(name)

    def _read_as(self, name: str) -> Topic | None:
        tokens = words(name)
        found = {match.key for matcher in self.matchers
                 for match in matcher.find_in(tokens, correct=False)
                 if match.start <= tokens[0].start and tokens[-1].end <= match.end}
        return self.topics[found.pop()] if len(found) == 1 else None

    @cached_property
    def matchers(self) -> list[Matcher]:
        """One matcher per kind, so that a role named inside an example counts for both."""
        return [Matcher({t.key: t.aliases for t in self if t.kind == kind},
                        nouns=kind == "roles") for kind in KINDS]

    def closest(self, name: str, kind: str | None = None, n: int = 3) -> list[str]:
        """Display names of the topics whose names come nearest to ``name``."""
        names = {
            spelling: self.topics[key].name
            for spelling, key in self._names.items()
            if kind in (None, self.topics[key].kind)
        }
        found = difflib.get_close_matches(normalise_alias(name), names, n=n * 3, cutoff=0.6)
        return list(dict.fromkeys(names[spelling] for spelling in found))[:n]

    def broader_chain(self, key: str) -> tuple[Topic, ...]:
        """The broader topics of ``key``, nearest first."""
        chain, topic = [], self.topics[key]
        while topic.broader:
            topic = self.topics[topic.broader]
            chain.append(topic)
        return tuple(chain)


# The vocabulary last read from each file, with the text it was read from: the author checks
# and the build, and every build of a warm worker, share one vocabulary and its matchers
# while the file's text stays the same.
_READ: dict[Path, tuple[str, Vocabulary]] = {}


def load_vocabulary(path: str | Path) -> Vocabulary:
    """Read and check ``path``; raise TopicsError naming the line of the first mistake."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TopicsError(path, None, "no vocabulary file: create it (see the topics "
                          "plugin's README for the format) or set TOPICS_VOCABULARY") from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[:error.start].count(b"\n") + 1
        raise TopicsError(path, line, "is not UTF-8: save it as UTF-8") from None
    where = path.resolve()
    if where not in _READ or _READ[where][0] != text:
        _READ[where] = (text, _parse(path, text))
    return _READ[where][1]


@lru_cache(maxsize=4)
def _parse(path: Path, text: str) -> Vocabulary:
    """The checked vocabulary of ``text``: worked out once however often a build asks
    (the checks before Pelican starts, then the plugin), and again when the text changes."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(path, text, error) from None
    return _Checker(path, text).vocabulary(data)


def header_line(text: str, kind: str, key: str) -> int | None:
    """The line of topic ``kind.key``'s table in the vocabulary ``text``."""
    header = re.compile(rf"^\s*\[\s*{kind}\s*\.\s*\"?{re.escape(key)}\"?\s*\]")
    assignment = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    return line_of(text, header) or line_of(text, assignment)


def field_line(text: str, kind: str, key: str, name: str, value: str | None = None) -> int | None:
    """The line of field ``name`` of topic ``kind.key`` (of ``value`` in it, if given)."""
    start = header_line(text, kind, key) or 1
    line = line_of(text, re.compile(rf"^\s*{re.escape(name)}\s*="), start)
    if value is not None and line:
        line = line_of(text, re.compile(re.escape(f'"{value}"')), line) or line
    return line


def _syntax_error(path: Path, text: str, error: tomllib.TOMLDecodeError) -> TopicsError:
    """tomllib's message, with its position turned into the line to report."""
    found = re.search(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$", str(error))
    line = int(found.group(1)) if found and found.group(1) else len(text.splitlines())
    message = str(error)[:found.start()] if found else str(error)
    return TopicsError(path, line, f"TOML syntax error: {message}; fix the syntax on this line")


class _Checker:
    """Turns parsed TOML into topics, raising at the first rule broken."""

    def __init__(self, path: Path, text: str):
        self.path, self.text = path, text

    def fail(self, line: int | None, message: str) -> TopicsError:
        return TopicsError(self.path, line, message)

    def vocabulary(self, data: dict) -> Vocabulary:
        for kind in data:
            if kind not in KINDS:
                raise self.fail(line_of(self.text, re.compile(rf"^\s*\[?\s*{re.escape(kind)}\b")),
                                f"unknown table [{kind}]: topics go in [roles.<key>] or "
                                "[examples.<key>]")
        topics = [self.topic(kind, key, fields)
                  for kind in KINDS for key, fields in data.get(kind, {}).items()]
        self.check_unique(topics)
        by_key = {topic.key: topic for topic in topics}
        self.check_former(topics, by_key)
        for topic in topics:
            self.check_relations(topic, by_key)
        self.check_no_cycles(topics, by_key)
        return Vocabulary.of(topics)

    def topic(self, kind: str, key: str, fields) -> Topic:
        where = f"{kind}.{key}"
        if not isinstance(fields, dict):
            raise self.fail(header_line(self.text, kind, key),
                            f"{where} must be a table: write [{where}] followed by its fields")
        if not KEY.match(key):
            raise self.fail(header_line(self.text, kind, key),
                            f"bad key {key!r}: use lowercase ASCII words joined by hyphens, "
                            f"like {slugish(key)!r}")
        for name in fields:
            if name not in REQUIRED and name not in OPTIONAL:
                near = difflib.get_close_matches(name, [*REQUIRED, *OPTIONAL], n=1)
                hint = f"did you mean {near[0]!r}?" if near else \
                    f"allowed: {', '.join([*REQUIRED, *OPTIONAL])}"
                raise self.fail(field_line(self.text, kind, key, name),
                                f"unknown field {name!r} in {where}: {hint}")
        for name in REQUIRED:
            if name not in fields:
                raise self.fail(header_line(self.text, kind, key),
                                f"{where} has no {name!r}: add it")
        for name, expected in {**REQUIRED, **OPTIONAL}.items():
            value = fields.get(name)
            if value is None:
                continue
            items = value if expected is list else [value]
            if not isinstance(value, expected) or not all(
                    isinstance(item, str) and item.strip() for item in items) or not items:
                shape = "a list of non-empty strings" if expected is list else "a non-empty string"
                raise self.fail(field_line(self.text, kind, key, name),
                                f"{where}: {name!r} must be {shape}")
            unprintable = [c for item in items for c in unpublishable(item)]
            if unprintable:
                raise self.fail(field_line(self.text, kind, key, name),
                                f"{where}: {name!r}: {advice(unprintable[0])}")
        for alias in fields["aliases"]:
            if not has_words(alias):
                raise self.fail(field_line(self.text, kind, key, "aliases", alias),
                                f"alias {alias!r} of {where} has no word to match (determiners "
                                "are ignored, someone stands for another word): reword it")
        return Topic(kind, key, fields["name"].strip(), tuple(fields["aliases"]),
                     fields["description"].strip(), fields.get("broader"),
                     tuple(fields.get("related", ())), tuple(fields.get("former", ())))

    def check_unique(self, topics: list[Topic]) -> None:
        keys: dict[str, Topic] = {}
        aliases: dict[str, Topic] = {}
        for topic in topics:
            if keys.setdefault(topic.key, topic) is not topic:
                raise self.fail(header_line(self.text, topic.kind, topic.key),
                                f"key {topic.key!r} is both a role and an example: "
                                "rename one of them")
            for alias in topic.aliases:
                owner = aliases.get(normalise_alias(alias))
                if owner is topic:
                    problem = f"is listed twice in {topic.kind}.{topic.key}: remove one"
                elif owner:
                    problem = (f"of {topic.kind}.{topic.key} is already an alias of "
                               f"{owner.kind}.{owner.key}: keep it in one topic only")
                else:
                    aliases[normalise_alias(alias)] = topic
                    continue
                raise self.fail(field_line(self.text, topic.kind, topic.key, "aliases", alias),
                                f"alias {alias!r} {problem}")

    def check_former(self, topics: list[Topic], by_key: dict[str, Topic]) -> None:
        """Each former key is a key, names no live topic, and belongs to one topic only."""
        claimed: dict[str, Topic] = {}
        for topic in topics:
            where = f"{topic.kind}.{topic.key}"
            for index, key in enumerate(topic.former):
                live = by_key.get(key)
                if not KEY.match(key):
                    problem = (f"former key {key!r} is not a key: write it as it was, "
                               f"like {slugish(key)!r}")
                elif key == topic.key:
                    problem = "'former' names the topic's own key: remove it"
                elif key in topic.former[:index]:
                    problem = f"'former' names {key!r} twice: remove one"
                elif live:
                    problem = (f"former key {key!r} is a topic of its own, {live.kind}.{key}: "
                               f"to merge it into {where}, delete [{live.kind}.{key}]; "
                               "else remove it from 'former'")
                elif key in claimed:
                    owner = claimed[key]
                    problem = (f"former key {key!r} is also a former key of "
                               f"{owner.kind}.{owner.key}: keep it in one topic only")
                else:
                    claimed[key] = topic
                    continue
                raise self.fail(field_line(self.text, topic.kind, topic.key, "former", key),
                                f"{where}: {problem}")

    def check_relations(self, topic: Topic, by_key: dict[str, Topic]) -> None:
        where = f"{topic.kind}.{topic.key}"
        if topic.broader:
            target = by_key.get(topic.broader)
            if target is None or target.kind != topic.kind:
                problem = (f"does not exist{self.suggest(topic.broader, by_key)}"
                           if target is None else
                           f"is {'an' if target.kind == 'examples' else 'a'} {target.singular}; "
                           f"a {topic.singular}'s broader topic must be a {topic.singular}")
                raise self.fail(field_line(self.text, topic.kind, topic.key, "broader"),
                                f"{where}: broader topic {topic.broader!r} {problem}")
        for index, key in enumerate(topic.related):
            if key not in by_key:
                problem = f"related topic {key!r} does not exist{self.suggest(key, by_key)}"
            elif key == topic.key:
                problem = "'related' names the topic itself: remove it"
            elif key in topic.related[:index]:
                problem = f"'related' names {key!r} twice: remove one"
            else:
                continue
            raise self.fail(field_line(self.text, topic.kind, topic.key, "related", key),
                            f"{where}: {problem}")

    def check_no_cycles(self, topics: list[Topic], by_key: dict[str, Topic]) -> None:
        for topic in topics:
            chain = [topic.key]
            current = topic
            while current.broader:
                current = by_key[current.broader]
                if current.key in chain:
                    cycle = " → ".join([*chain[chain.index(current.key):], current.key])
                    raise self.fail(field_line(self.text, topic.kind, topic.key, "broader"),
                                    f"broader topics form a cycle: {cycle}; "
                                    "remove one of these 'broader' fields")
                chain.append(current.key)

    @staticmethod
    def suggest(key: str, by_key: dict[str, Topic]) -> str:
        near = difflib.get_close_matches(key, by_key, n=3)
        return f": did you mean {', '.join(map(repr, near))}?" if near else \
            ": use the key of a topic in this file"


def slugish(text: str) -> str:
    """A key an author probably meant: ``"Bus Driver"`` → ``"bus-driver"``."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "a-key"
