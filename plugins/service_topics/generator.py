"""The Pelican generator: tag essays, then write topic indexes, topic pages and feeds."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from pelican.urlwrappers import Tag as PelicanTag

from .index import TopicIndex, build_index
from .linking import link_mentions
from .ranking import related_essays
from .settings import topics_settings
from .tagging import EssayText, tag_site
from .vocabulary import KINDS, load_vocabulary


class TopicsGenerator(Generator):
    """Runs after Pelican has read the essays (and before anything is written)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config = topics_settings(self.settings)
        self.settings["PAGINATED_TEMPLATES"] = {
            **self.settings["PAGINATED_TEMPLATES"], "topic": self.config["TOPICS_PER_PAGE"]}
        self.index = TopicIndex({})

    def generate_context(self):
        """Tag and link every published essay, then gather the topic pages."""
        vocabulary = load_vocabulary(Path(self.path) / self.config["TOPICS_VOCABULARY"])
        siteurl = self.settings["SITEURL"]
        texts = {essay: EssayText(essay._content, essay.metadata, Path(essay.source_path))
                 for essay in self.context["articles"]}
        tags_of = {}
        for essay, (tags, also_mentioned) in tag_site(texts, vocabulary, self.config).items():
            if self.config["TOPICS_LINK_MENTIONS"]:
                essay._content = link_mentions(essay._content, tags,
                                               lambda topic: f"{siteurl}/{topic.url}")
            essay.roles = [tag for tag in tags if tag.topic.kind == "roles"]
            essay.examples = [tag for tag in tags if tag.topic.kind == "examples"]
            essay.also_mentioned = also_mentioned if self.config["TOPICS_ALSO_MENTIONED"] else ()
            # Pelican's feeds list an item's tags as its categories.
            essay.tags = [PelicanTag(tag.topic.name, self.settings) for tag in tags]
            tags_of[essay] = tags

        related = related_essays({essay: [t.topic.key for t in tags]
                                  for essay, tags in tags_of.items()},
                                 self.config["TOPICS_RELATED_ESSAYS"])
        for essay, others in related.items():
            essay.related_essays = others
        self.index = build_index(vocabulary, tags_of, self.config["TOPICS_BESIDE"])
        self.context["topics"] = self.index

    def generate_output(self, writer):
        """Write /roles/, /examples/, every topic's pages and its Atom feed."""
        for kind in KINDS:
            writer.write_file(f"{kind}/index.html", self.get_template("topics"), self.context,
                              kind=kind, topic_pages=self.index.of_kind(kind), url=f"{kind}/")
        template = self.get_template("topic")
        sitename = self.settings["SITENAME"]
        for page in self.index.pages.values():
            topic = page.topic
            writer.write_file(f"{topic.url}index.html", template, self.context,
                              topic_page=page, paginated={"entries": page.entries},
                              template_name="topic", url=topic.url)
            writer.write_feed(page.essays[:self.config["TOPICS_FEED_MAX_ITEMS"]], self.context,
                              topic.feed_url, feed_type="atom",
                              feed_title=f"{sitename}: {topic.name}")
