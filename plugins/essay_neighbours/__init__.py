"""Essay neighbours: give each published essay its newer and older neighbour.

Templates read ``article.newer`` and ``article.older`` (``None`` at either end)
to link to the previous and next essay without scanning the whole list.
"""

from pelican import signals


def link_neighbours(generator):
    """Set ``newer``/``older`` on every published essay, in the site's date order."""
    essays = sorted(generator.articles, key=lambda essay: essay.date, reverse=True)
    for index, essay in enumerate(essays):
        essay.newer = essays[index - 1] if index else None
        essay.older = essays[index + 1] if index + 1 < len(essays) else None


def register():
    signals.article_generator_finalized.connect(link_neighbours)
