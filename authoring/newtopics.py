"""``invoke topics``: the roles and examples each essay shows but the vocabulary lacks, and
the command that adds one of them to topics.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, TextIO

from pelican.readers import Readers

from service_topics.errors import TopicsError, display_path
from service_topics.settings import topics_settings
from service_topics.vocabulary import load_vocabulary

from .check import check_site, read_essay
from .documents import read_documents
from .proposals import Proposal, essay_proposals, stanza
from .stanzas import add_stanza


def site_proposals(settings: Mapping) -> dict[Path, list[Proposal]]:
    """Each essay's proposals, by its path, for content without errors."""
    documents, _ = read_documents(settings)
    vocabulary = load_vocabulary(vocabulary_path(settings))
    readers = Readers(settings)
    return {document.path: essay_proposals(read_essay(readers, document, settings["PATH"]),
                                           vocabulary)
            for document in documents if document.kind == "essay"}


def vocabulary_path(settings: Mapping) -> Path:
    return Path(settings["PATH"]) / topics_settings(settings)["TOPICS_VOCABULARY"]


def topics_command(settings: Mapping, out: TextIO, *, add: str | None = None) -> int:
    """List every proposal, or add the one whose key is ``add``; the exit status."""
    report = check_site(settings, warnings=False)
    if report.errors:
        report.print(out, warnings=False)
        return 1
    proposals = site_proposals(settings)
    try:
        if add:
            print(add_proposal(vocabulary_path(settings), proposals, add), file=out)
        else:
            print_proposals(proposals, vocabulary_path(settings), out)
    except TopicsError as error:
        print(f"error: {error}", file=out)
        return 1
    return 0


def print_proposals(proposals: Mapping[Path, list[Proposal]], vocabulary: Path,
                    out: TextIO) -> None:
    """Each proposal as ``file:line: what, how often: sentence``, then its stanza."""
    essays = {path: found for path, found in sorted(proposals.items()) if found}
    for path, found in essays.items():
        for proposal in found:
            where = display_path(path) + (f":{proposal.line}" if proposal.line else "")
            times = "once" if proposal.mentions == 1 else f"{proposal.mentions} times"
            print(f"{where}: new {proposal.kind[:-1]} {proposal.name!r}, found {times}: "
                  f"{proposal.sentence}\n\n{stanza(proposal)}", file=out)
    count = sum(map(len, essays.values()))
    if count:
        print(f"{count} new topic{'' if count == 1 else 's'} proposed in {len(essays)} "
              f"essay{'' if len(essays) == 1 else 's'}: review each; `invoke topics --add KEY` "
              f"adds one to {display_path(vocabulary)}", file=out)
    else:
        print(f"no new topics: {display_path(vocabulary)} has every role and example the "
              "essays clearly show", file=out)


def add_proposal(vocabulary: Path, proposals: Mapping[Path, list[Proposal]], key: str) -> str:
    """Add the proposal ``key`` to the vocabulary; what was done, in one line."""
    existing = load_vocabulary(vocabulary).topics.get(key)
    if existing:
        raise TopicsError(vocabulary, None, f"{existing.kind}.{key} is already there: "
                          "edit it in the file")
    found = [p for _, listed in sorted(proposals.items()) for p in listed]
    proposal = next((p for p in found if p.key == key), None)
    if proposal is None:
        known = ", ".join(sorted({p.key for p in found})) or "none"
        raise TopicsError(vocabulary, None, f"no proposal has the key {key!r} (proposed: "
                          f"{known}): `invoke topics` lists them")
    add_stanza(vocabulary, proposal.kind, stanza(proposal))
    return (f"added [{proposal.kind}.{key}] to {display_path(vocabulary)}: review its "
            "description, aliases and broader topic")
