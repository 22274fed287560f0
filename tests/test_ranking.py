"""Related essays and co-occurring topics."""

from service_topics.ranking import co_occurring, related_essays


def test_essays_sharing_rarer_topics_rank_higher():
    topics_of = {
        "a": ["rare", "common"],
        "b": ["common"],
        "c": ["rare"],
        "d": ["common"],
        "e": ["other"],
    }
    related = related_essays(topics_of, limit=5)
    assert related["a"] == ["c", "b", "d"]
    assert related["e"] == []
    assert "a" not in related["a"]


def test_limit_and_ties_follow_the_given_order():
    topics_of = {name: ["t"] for name in "abcdef"}
    assert related_essays(topics_of, limit=2)["c"] == ["a", "b"]


def test_a_very_common_topic_only_looks_at_nearby_essays():
    topics_of = {i: ["everywhere"] for i in range(1000)}
    related = related_essays(topics_of, limit=3, window=5)
    assert related[500] == [495, 496, 497]


def test_the_same_topics_asked_again_rank_the_essays_asked_about():
    """The ranking is remembered by the topics alone (a warm edit loop asks again with the
    same topics and new essay objects): the answer names the new essays."""
    first = related_essays({"a": ["x"], "b": ["x", "y"], "c": ["y"]}, limit=5)
    again = related_essays({"d": ["x"], "e": ["x", "y"], "f": ["y"]}, limit=5)
    assert first == {"a": ["b"], "b": ["a", "c"], "c": ["b"]}
    assert again == {"d": ["e"], "e": ["d", "f"], "f": ["e"]}


def test_co_occurring_counts_essays_not_mentions():
    beside = co_occurring({"a": ["x", "y", "y"], "b": ["x", "y"], "c": ["x", "z"]})
    assert beside["x"] == {"y": 2, "z": 1}
    assert beside["z"] == {"x": 1}
