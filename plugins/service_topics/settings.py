"""The plugin's settings, with their defaults, in one place."""

from typing import Any, Mapping

DEFAULTS = {
    "TOPICS_VOCABULARY": "topics.toml",  # relative to the content folder (PATH)
    "TOPICS_PER_PAGE": 20,  # essays on one page of a topic before it paginates
    "TOPICS_QUOTE_LENGTH": 240,  # longest evidence quote, in characters
    "TOPICS_LINK_MENTIONS": True,  # link each topic's first mention in an essay
    "TOPICS_RELATED_ESSAYS": 5,  # related essays shown under an essay
    "TOPICS_BESIDE": 6,  # co-occurring roles (and examples) shown on a topic page
    "TOPICS_FEED_MAX_ITEMS": 10,  # newest essays in a topic's feed, each in full
    "TOPICS_SALIENCE_THRESHOLD": 2.0,  # the score a candidate needs to become a tag
    "TOPICS_SALIENCE_WEIGHTS": {},  # weights to change, by name (salience.WEIGHTS)
    "TOPICS_COMMON_SHARE": 0.5,  # a topic in more than this share of the essays is common…
    "TOPICS_COMMON_MIN_ESSAYS": 10,  # …on a site of at least this many essays
    "TOPICS_RELATIVES": None,  # roles that are relatives, and those under them (tagging.py)
    "TOPICS_ALSO_MENTIONED": True,  # list an essay's passing mentions under its tags
    "TOPICS_MAP_ROLES": 12,  # rows of the topic map: the most-mentioned roles
    "TOPICS_MAP_EXAMPLES": 12,  # its columns: the most-mentioned examples
}


def topics_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The plugin's settings: Pelican's value where set, else the default."""
    return {name: settings.get(name, default) for name, default in DEFAULTS.items()}
