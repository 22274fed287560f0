"""Drafts: let Pelican write an essay marked ``Status: draft``.

This site has no category pages (``CATEGORY_SAVE_AS = ""``), so Pelican gives no
essay a category, yet Pelican 4.12 writes each draft with ``draft.category``:
without this plugin any draft stops the build with an AttributeError.  Drafts
get DEFAULT_CATEGORY, which nothing shows.  Development builds write drafts to
DRAFT_SAVE_AS; publishconf.py writes none.
"""

from pelican import signals
from pelican.urlwrappers import Category


def give_drafts_a_category(generator) -> None:
    settings = generator.settings
    for draft in (*generator.drafts, *generator.drafts_translations):
        if not hasattr(draft, "category"):
            draft.category = Category(settings["DEFAULT_CATEGORY"], settings)


def register():
    signals.article_generator_finalized.connect(give_drafts_a_category)
