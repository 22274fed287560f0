"""Synthetic essays for benchmarks: same count and seed, same bytes.

Each essay is Markdown with the metadata of content/essays/*.md, about 700
words in 6–10 paragraphs.  About 10% of essays name no topic; the others have
5–15 sentences naming a role or an example of content/topics.toml, topics
drawn with a Zipf-like skew (a few common, most rare).

    python -m benchmarks.corpus DIR --count 1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import tomllib
from itertools import accumulate
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks import phrases

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ROOT / "content" / "topics.toml"
DEFAULT_SEED = 7
MENTIONLESS_SHARE = 0.10
MENTIONS = (5, 15)
PARAGRAPHS = (6, 10)
WORDS = (650, 750)
ZIPF_EXPONENT = 1.1
FIRST_DATE = datetime(2012, 1, 2, 9, 0)
HOURS_APART = 6  # essay i is dated in [i, i + 1) * HOURS_APART hours after FIRST_DATE
NO_PLURAL = frozenset({"the", "of", "behind", "on", "to", "with", "for", "in", "at", "staff",
                       "people", "crew", "support", "desk", "center", "centre", "office"})


@dataclass(frozen=True)
class Topic:
    kind: str  # "roles" or "examples"
    aliases: tuple[str, ...]


def load_topics(path: Path = VOCABULARY) -> list[Topic]:
    """The vocabulary's topics, roles then examples, in file order."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Topic(kind, tuple(entry["aliases"]))
            for kind in ("roles", "examples") for entry in data.get(kind, {}).values()]


def write_corpus(folder: Path, count: int, seed: int = DEFAULT_SEED,
                 vocabulary: Path = VOCABULARY) -> Path:
    """Write ``count`` essays to ``folder/essays`` and the vocabulary beside them."""
    essays = folder / "essays"
    shutil.rmtree(essays, ignore_errors=True)
    essays.mkdir(parents=True)
    shutil.copyfile(vocabulary, folder / "topics.toml")
    writer = EssayWriter(load_topics(vocabulary), seed)
    for index in range(count):
        slug, text = writer.essay(index)
        (essays / f"{slug}.md").write_text(text, encoding="utf-8")
    return folder


def with_tags(corpus: Path, folder: Path, seed: int = DEFAULT_SEED) -> Path:
    """A copy of ``corpus`` in ``folder`` whose essays also carry 2–6 Pelican ``Tags:``
    (the vocabulary's topic names, drawn with the same Zipf-like skew), for stock Pelican's
    tag pages and feeds; the same corpus and seed give the same bytes."""
    essays = folder / "essays"
    shutil.rmtree(essays, ignore_errors=True)
    essays.mkdir(parents=True)
    shutil.copyfile(corpus / "topics.toml", folder / "topics.toml")
    data = tomllib.loads((corpus / "topics.toml").read_text(encoding="utf-8"))
    names = [entry["name"] for kind in ("roles", "examples")
             for entry in data.get(kind, {}).values()]
    weights = [1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(names))]
    for path in sorted((corpus / "essays").glob("*.md")):
        rng = random.Random(f"{seed}:{path.name}")
        tags = list(dict.fromkeys(rng.choices(names, weights, k=rng.randint(2, 6))))
        text = path.read_text(encoding="utf-8")
        header, _, body = text.partition("\n\n")
        (essays / path.name).write_text(f"{header}\nTags: {', '.join(tags)}\n\n{body}",
                                        encoding="utf-8")
    return folder


class EssayWriter:
    """Writes essay after essay from one seeded random stream."""

    def __init__(self, topics: list[Topic], seed: int):
        self.rng = random.Random(seed)
        self.topics = list(topics)
        self.rng.shuffle(self.topics)  # the seed decides which topics are common
        self.cumulative = list(accumulate(1 / rank ** ZIPF_EXPONENT
                                          for rank in range(1, len(self.topics) + 1)))

    def essay(self, index: int) -> tuple[str, str]:
        """The ``index``-th essay: its slug and its Markdown file."""
        rng = self.rng
        title = self._title()
        slug = f"{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}-{index + 1:05d}"
        date = FIRST_DATE + timedelta(hours=HOURS_APART * index,
                                      minutes=rng.randrange(HOURS_APART * 60))
        header = [f"Title: {title}", f"Date: {date:%Y-%m-%d %H:%M}"]
        if rng.random() < 0.6:
            header.append(f"Author: {rng.choice(phrases.AUTHORS)}")
        header += [f"Slug: {slug}", f"Summary: {self._filler_sentence(short=False)}"]
        mentions = 0 if rng.random() < MENTIONLESS_SHARE else rng.randint(*MENTIONS)
        body = self._body(rng.randint(*PARAGRAPHS), rng.randint(*WORDS),
                          [self._mention() for _ in range(mentions)])
        return slug, "\n".join(header) + "\n\n" + body + "\n"

    def _title(self) -> str:
        nouns = self.rng.sample(phrases.TITLE_NOUNS, 2)
        return self.rng.choice(phrases.TITLE_PATTERNS).format(
            adjective=self.rng.choice(phrases.TITLE_ADJECTIVES), noun=nouns[0], noun2=nouns[1])

    def _body(self, paragraphs: int, words: int, mentions: list[str]) -> str:
        """``paragraphs`` paragraphs of about ``words`` words in all, holding ``mentions``."""
        rng = self.rng
        placed: list[list[str]] = [[] for _ in range(paragraphs)]
        for sentence in mentions:
            placed[rng.randrange(paragraphs)].append(sentence)
        written, blocks = 0, []
        for number, sentences in enumerate(placed, start=1):
            budget = round(words * number / paragraphs) - written
            while sum(len(s.split()) for s in sentences) < budget:
                sentences.insert(rng.randint(0, len(sentences)), self._filler_sentence())
            written += sum(len(s.split()) for s in sentences)
            blocks.append(" ".join(sentences))
        if rng.random() < 0.3:
            at = rng.randrange(1, paragraphs)
            blocks[at] = f"## {rng.choice(phrases.HEADINGS)}\n\n{blocks[at]}"
        if rng.random() < 0.2:
            at = rng.randrange(1, paragraphs)
            blocks[at] = f"> {blocks[at]}" if not blocks[at].startswith("#") else blocks[at]
        return "\n\n".join(blocks)

    def _filler_sentence(self, short: bool = True) -> str:
        """A sentence that names no topic."""
        rng, kind = self.rng, self.rng.random()
        if short and kind < 0.1:
            line = rng.choice(phrases.SHORT_LINES)
            return f"*{line}*" if rng.random() < 0.3 else line
        opener = rng.choice(phrases.OPENERS)
        if kind < 0.55:
            return _capitalised(f"{opener}{rng.choice(phrases.SUBJECTS)} "
                                f"{rng.choice(phrases.PREDICATES)}.")
        return _capitalised(f"{opener}{rng.choice(['I', 'we'])} {rng.choice(phrases.PAST_VERBS)}"
                            f" {rng.choice(phrases.THINGS)}{rng.choice(phrases.TAILS)}.")

    def _mention(self) -> str:
        """A sentence naming one topic through one of its aliases, the first ones likelier."""
        rng = self.rng
        topic = rng.choices(self.topics, cum_weights=self.cumulative)[0]
        alias = rng.choices(topic.aliases, weights=[1 / (i + 1) for i in
                                                    range(len(topic.aliases))])[0]
        if topic.kind == "roles":
            article = "an" if alias[0] in "aeiou" else "a"
            return _capitalised(rng.choice(phrases.ROLE_TEMPLATES).format(
                role=alias, a_role=f"{article} {alias}", roles=_plural(alias)))
        phrase = " ".join(rng.choice(phrases.SOMEONES) if word == "someone's" else
                          rng.choice(phrases.SOMEONE) if word in ("someone", "somebody") else word
                          for word in alias.split())
        first, _, rest = phrase.partition(" ")
        forms = _verb_forms(first)
        templates = phrases.EXAMPLE_TEMPLATES + (phrases.VERB_TEMPLATES if forms else [])
        past, ing = forms or (first, first)
        return _capitalised(rng.choice(templates).format(
            ex=phrase, ex_past=f"{past} {rest}".strip(), ex_ing=f"{ing} {rest}".strip()))


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _plural(alias: str) -> str:
    """``alias`` with an "s" on its last word, where that reads right."""
    words = alias.split()
    if NO_PLURAL & set(words):
        return alias
    last = words[-1]
    if last.endswith(("s", "sh", "ch", "x", "z")):
        last += "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return " ".join([*words[:-1], last])


def _verb_forms(word: str) -> tuple[str, str] | None:
    """The past and -ing forms of a verb that starts example aliases, else None."""
    if word in phrases.IRREGULAR_VERBS:
        return phrases.IRREGULAR_VERBS[word]
    if word not in phrases.REGULAR_VERBS:
        return None
    if word.endswith("e"):
        return word + "d", word[:-1] + "ing"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ied", word + "ing"
    return word + "ed", word + "ing"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    write_corpus(args.folder, args.count, args.seed)


if __name__ == "__main__":
    main()
