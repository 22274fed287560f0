"""The benchmark's synthetic corpus: deterministic, shaped like real essays, and it builds.

No timings here: targets are checked by ``invoke bench``, never by tests.
"""

import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.builds import variants
from benchmarks.corpus import MENTIONS, PARAGRAPHS, write_corpus
from service_topics.vocabulary import load_vocabulary
from sitebuild import build_site

FIELDS = {"Title", "Date", "Slug", "Summary"}


def contents(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def parse(path: Path) -> tuple[dict[str, str], str]:
    header, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    return dict(line.split(": ", 1) for line in header.splitlines()), body


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 200)


def test_same_seed_gives_the_same_bytes_and_another_seed_other_ones(tmp_path):
    first = contents(write_corpus(tmp_path / "first", 20, seed=1))
    assert len(first) == 21  # 20 essays and topics.toml
    assert contents(write_corpus(tmp_path / "again", 20, seed=1)) == first
    assert contents(write_corpus(tmp_path / "other", 20, seed=2)) != first


def test_essays_have_the_metadata_of_real_essays_and_about_700_words(corpus):
    essays = sorted((corpus / "essays").glob("*.md"))
    assert len(essays) == 200
    dates, authors = set(), 0
    for path in essays:
        fields, body = parse(path)
        assert FIELDS <= fields.keys() <= FIELDS | {"Author"}
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", fields["Date"])
        assert fields["Slug"] == path.stem
        dates.add(fields["Date"])
        authors += "Author" in fields
        paragraphs = [block for block in body.split("\n\n") if not block.startswith("## ")]
        assert PARAGRAPHS[0] <= len(paragraphs) <= PARAGRAPHS[1]
        assert 600 <= len(body.split()) <= 800
    assert len(dates) == len(essays)
    assert 0 < authors < len(essays)


def test_topics_are_mentioned_at_realistic_rates(corpus):
    vocabulary = load_vocabulary(corpus / "topics.toml")
    matchers = vocabulary.matchers
    mentions, essays_of = [], Counter()
    for path in (corpus / "essays").glob("*.md"):
        found = [m.key for matcher in matchers for m in matcher.find(parse(path)[1])]
        mentions.append(len(found))
        essays_of.update(set(found))
    assert 0.05 <= mentions.count(0) / len(mentions) <= 0.2
    assert MENTIONS[0] <= statistics.median(mentions) <= MENTIONS[1]
    counts = sorted(essays_of.values(), reverse=True)
    assert counts[0] >= 10 * statistics.median(counts)  # a few topics common, most rare


def test_a_small_corpus_builds_with_and_without_the_topics_plugin(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 20)
    full = build_site("pelicanconf.py", content=corpus, output=tmp_path / "full",
                      overrides={"CACHE_PATH": str(tmp_path / "cache")})
    assert (full / "roles" / "index.html").exists()
    assert (full / "examples" / "index.html").exists()
    assert list(full.glob("roles/*/index.html")) and list(full.glob("examples/*/index.html"))
    essays = [path.read_text(encoding="utf-8") for path in full.glob("essays/*/index.html")]
    assert len(essays) == 20
    assert sum('class="topic-link"' in page for page in essays) >= 15

    plugin_off = variants()[1]
    bare = build_site("pelicanconf.py", content=corpus, output=tmp_path / "bare",
                      overrides={"CACHE_PATH": str(tmp_path / "cache"), **plugin_off.overrides})
    assert len(list(bare.glob("essays/*/index.html"))) == 20
    assert not (bare / "roles").exists()


def test_the_edit_loop_benchmark_times_each_save_until_the_page_is_served(tmp_path):
    from benchmarks.editloop import measure_edit_loop
    from tests.conftest import free_port

    corpus = write_corpus(tmp_path / "corpus", 20)
    before = contents(corpus)
    result = measure_edit_loop(corpus, tmp_path, free_port(), edits=2)
    assert len(result.seconds) == 2 and all(seconds > 0 for seconds in result.seconds)
    assert contents(corpus) == before  # every edit undone
