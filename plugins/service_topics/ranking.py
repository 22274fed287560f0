"""Related essays and co-occurring topics, through inverted indexes (no all-pairs loop)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Hashable, Mapping, Sequence, TypeVar

Essay = TypeVar("Essay", bound=Hashable)


def related_essays(topics_of: Mapping[Essay, Sequence[str]], limit: int,
                   window: int = 12) -> dict[Essay, list[Essay]]:
    """For each essay, up to ``limit`` others ranked by the topics they share.

    A shared topic weighs its inverse document frequency, so rare topics count
    more; weights are added exactly (``math.fsum``), so that ties break the same
    way in every build, whatever the order of a set.  Candidates come from each topic's list of essays (in the order of
    ``topics_of``): all of them for a topic of at most ``2 * window`` essays,
    else the ``window`` on each side of the essay.  The work is therefore linear
    in the number of tags, however common a topic grows.
    """
    postings: dict[str, list[Essay]] = defaultdict(list)
    for essay, keys in topics_of.items():
        for key in set(keys):
            postings[key].append(essay)
    position = {key: {essay: i for i, essay in enumerate(essays)}
                for key, essays in postings.items()}
    order = {essay: i for i, essay in enumerate(topics_of)}
    weight = {key: math.log(1 + len(topics_of) / len(essays)) for key, essays in postings.items()}

    related = {}
    for essay, keys in topics_of.items():
        mine = set(keys)
        candidates = set()
        for key in mine:
            essays = postings[key]
            if len(essays) <= 2 * window:
                candidates.update(essays)
            else:
                at = position[key][essay]
                candidates.update(essays[max(0, at - window):at + window + 1])
        candidates.discard(essay)
        scored = sorted(
            ((-math.fsum(map(weight.__getitem__, mine.intersection(topics_of[other]))),
              order[other], other)
             for other in candidates),
            key=lambda item: item[:2])
        related[essay] = [other for _, _, other in scored[:limit]]
    return related


def co_occurring(topics_of: Mapping[Essay, Sequence[str]]) -> dict[str, Counter]:
    """For each topic, how many essays mention each other topic beside it."""
    beside: dict[str, Counter] = defaultdict(Counter)
    for keys in topics_of.values():
        unique = set(keys)
        for key in unique:
            beside[key].update(unique - {key})
    return beside
