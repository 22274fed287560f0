"""Related essays and co-occurring topics, through inverted indexes (no all-pairs loop)."""

from __future__ import annotations

import functools
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
    essays = list(topics_of)
    ranked = _ranked(tuple(tuple(keys) for keys in topics_of.values()), limit, window)
    return {essay: [essays[other] for other in others] for essay, others in zip(essays, ranked)}


@functools.lru_cache(maxsize=1)  # the warm edit loop asks again, mostly with the same topics
def _ranked(topics: tuple[tuple[str, ...], ...], limit: int,
            window: int) -> tuple[tuple[int, ...], ...]:
    """``related_essays`` of essays by their place in ``topics``."""
    postings: dict[str, list[int]] = defaultdict(list)
    for essay, keys in enumerate(topics):
        for key in set(keys):
            postings[key].append(essay)
    position = {key: {essay: i for i, essay in enumerate(essays)}
                for key, essays in postings.items()}
    weight = {key: math.log(1 + len(topics) / len(essays)) for key, essays in postings.items()}

    ranked = []
    for essay, keys in enumerate(topics):
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
        scored = sorted((-math.fsum(map(weight.__getitem__, mine.intersection(topics[other]))),
                         other) for other in candidates)
        ranked.append(tuple(other for _, other in scored[:limit]))
    return tuple(ranked)


def co_occurring(topics_of: Mapping[Essay, Sequence[str]]) -> dict[str, Counter]:
    """For each topic, how many essays mention each other topic beside it."""
    beside: dict[str, Counter] = defaultdict(Counter)
    for keys in topics_of.values():
        unique = set(keys)
        for key in unique:
            beside[key].update(unique - {key})
    return beside
