"""Service topics: tag essays with the roles and examples of service they mention.

See README.md beside this file for the vocabulary format, the metadata fields
and the settings.
"""

from pelican import signals

from .generator import TopicsGenerator


def get_generators(pelican):
    return TopicsGenerator


def register():
    signals.get_generators.connect(get_generators)
