"""The checks and Pelican render each essay's Markdown once per build (sharedreads.py)."""

import os

import pytest
from pelican.readers import MarkdownReader, Readers
from pelican.settings import read_settings

from sharedreads import shared_reads
from tests.conftest import ESSAY


@pytest.fixture
def essay(tmp_path):
    path = tmp_path / "kindness.md"
    tagged = ESSAY.replace("Summary:", "Tags: doors, kindness\nSummary:")
    path.write_text(tagged, encoding="utf-8")
    return path


@pytest.fixture
def renders(monkeypatch):
    """The paths MarkdownReader has rendered, in order."""
    rendered, read = [], MarkdownReader.read

    def counting(self, source_path):
        rendered.append(os.path.basename(source_path))
        return read(self, source_path)

    monkeypatch.setattr(MarkdownReader, "read", counting)
    return rendered


def read(essay):
    settings = read_settings(override={"PATH": str(essay.parent), "TYPOGRIFY": False})
    return Readers(settings).read_file(str(essay.parent), essay.name)


def test_a_second_reader_of_the_same_file_takes_the_first_ones_reading(essay, renders):
    with shared_reads():
        checked, built = read(essay), read(essay)
        again = read(essay)  # a reading is handed on once
    assert renders == ["kindness.md", "kindness.md"]
    assert built._content == checked._content == again._content
    assert built.metadata["title"] == checked.metadata["title"] == "A Small Kindness"


def test_a_file_changed_in_between_is_read_again(essay, renders):
    with shared_reads():
        read(essay)
        essay.write_text(ESSAY.replace("a stranger", "a neighbour"), encoding="utf-8")
        os.utime(essay, ns=(1, 1))
        built = read(essay)
    assert renders == ["kindness.md", "kindness.md"]
    assert "a neighbour" in built._content


def test_readers_do_not_share_their_metadata_lists(essay, renders):
    with shared_reads():
        checked, built = read(essay), read(essay)
    checked.metadata["tags"].clear()
    assert [tag.name for tag in built.metadata["tags"]] == ["doors", "kindness"]


def test_outside_the_block_every_reader_renders(essay, renders):
    with shared_reads():
        pass
    read(essay), read(essay)
    assert renders == ["kindness.md", "kindness.md"]
