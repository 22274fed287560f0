"""The Pelican generator: tag essays, then write topic indexes, topic pages and feeds."""

from __future__ import annotations

import functools
from pathlib import Path

from pelican.generators import Generator
from pelican.urlwrappers import Tag as PelicanTag

from .index import TopicIndex, build_index
from .linking import link_mentions
from .opml import Subscription, subscription_list
from .ranking import related_essays
from .settings import topics_settings
from .tagcache import CandidateCache
from .tagging import EssayText, Tagging, tag_site
from .topicmap import TopicMap, topic_map
from .vocabulary import KINDS, load_vocabulary

MAP_URL = "map/"
OPML_URL = "subscriptions.opml"


class TopicsGenerator(Generator):
    """Runs after Pelican has read the essays (and before anything is written)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config = topics_settings(self.settings)
        self.settings["PAGINATED_TEMPLATES"] = {
            **self.settings["PAGINATED_TEMPLATES"], "topic": self.config["TOPICS_PER_PAGE"]}
        self.index = TopicIndex({})
        self.map = TopicMap()

    def generate_context(self):
        """Tag and link every published essay, then gather the topic pages."""
        vocabulary_path = Path(self.path) / self.config["TOPICS_VOCABULARY"]
        vocabulary = load_vocabulary(vocabulary_path)
        siteurl = self.settings["SITEURL"]
        # The texts live for the call alone: each essay's HTML before linking is freed as
        # the linked one replaces it, not kept beside it until every essay is linked.
        tagged = self.tag({essay: EssayText(essay._content, essay.metadata,
                                            Path(essay.source_path))
                           for essay in self.context["articles"]}, vocabulary, vocabulary_path)
        tags_of = {}
        # Pelican's feeds list an item's tags as its categories: one Tag per topic, shared.
        pelican_tag = functools.cache(lambda name: PelicanTag(name, self.settings))
        for essay, (tags, also_mentioned) in tagged.items():
            if self.config["TOPICS_LINK_MENTIONS"]:
                essay._content = link_mentions(essay._content, tags,
                                               lambda topic: f"{siteurl}/{topic.url}")
            essay.roles = [tag for tag in tags if tag.topic.kind == "roles"]
            essay.examples = [tag for tag in tags if tag.topic.kind == "examples"]
            essay.also_mentioned = also_mentioned if self.config["TOPICS_ALSO_MENTIONED"] else ()
            essay.tags = [pelican_tag(tag.topic.name) for tag in tags]
            tags_of[essay] = tags

        topics_of = {essay: [t.topic.key for t in tags] for essay, tags in tags_of.items()}
        related = related_essays(topics_of, self.config["TOPICS_RELATED_ESSAYS"])
        for essay, others in related.items():
            essay.related_essays = others
        self.index = build_index(vocabulary, tags_of, self.config["TOPICS_BESIDE"])
        self.context["topics"] = self.index
        # The former_urls plugin writes a page at each former key's URL leading to the topic.
        self.context.setdefault("redirects", []).extend(
            (url, page.topic.url, page.topic.name)
            for page in self.index.pages.values() for url in page.topic.former_urls)
        self.map = topic_map(vocabulary, topics_of, self.config["TOPICS_MAP_ROLES"],
                             self.config["TOPICS_MAP_EXAMPLES"])
        self.context["topics_map_url"] = MAP_URL
        self.context["topics_opml_url"] = OPML_URL

    def tag(self, texts, vocabulary, vocabulary_path) -> dict[object, Tagging]:
        """``tagging.tag_site`` of the essays, with each essay's candidates taken from the
        cache (tagcache.py) when Pelican's caching settings are on: the site's statistics
        and salience are worked out afresh on every build, so the tags are the same."""
        cache = CandidateCache.of_site(self.settings, vocabulary_path, self.config)
        if cache is None:
            return tag_site(texts, vocabulary, self.config)
        tagged = tag_site(texts, vocabulary, self.config, found_by=lambda text, compute: cache.get(
            text.html, text.metadata.get("title", ""), text.metadata.get("summary", ""), compute))
        cache.save()
        return tagged

    def generate_output(self, writer):
        """Write /roles/, /examples/, every topic's pages and its Atom feed (also at the feed
        URLs of its former keys, so that their subscribers keep receiving it), the map, the
        OPML."""
        for kind in KINDS:
            writer.write_file(f"{kind}/index.html", self.get_template("topics"), self.context,
                              kind=kind, topic_pages=self.index.of_kind(kind), url=f"{kind}/")
        template = self.get_template("topic")
        for page in self.index.pages.values():
            topic = page.topic
            writer.write_file(f"{topic.url}index.html", template, self.context,
                              topic_page=page, paginated={"entries": page.entries},
                              template_name="topic", url=topic.url)
            for path in (topic.feed_url, *topic.former_feed_urls):
                writer.write_feed(page.essays[:self.config["TOPICS_FEED_MAX_ITEMS"]],
                                  self.context, path, url=topic.feed_url, feed_type="atom",
                                  feed_title=topic.name)  # Pelican puts SITENAME first
        writer.write_file(f"{MAP_URL}index.html", self.get_template("map"), self.context,
                          topic_map=self.map, url=MAP_URL)
        self.write_subscriptions(writer)

    def write_subscriptions(self, writer):
        """Write the OPML list of the site's Atom feed and every topic's feed."""
        site = (self.settings.get("FEED_DOMAIN") or self.settings["SITEURL"]).rstrip("/")
        sitename = self.settings["SITENAME"]
        site_feed = self.settings.get("FEED_ALL_ATOM")
        document = subscription_list(
            f"{sitename}: every feed",
            max((essay.date for essay in self.context["articles"]), default=None),
            [Subscription("All essays", f"{site}/{site_feed}", f"{site}/")] if site_feed else [],
            [(heading, [Subscription(page.topic.name, f"{site}/{page.topic.feed_url}",
                                     f"{site}/{page.topic.url}")
                        for page in self.index.of_kind(kind)])
             for kind, heading in (("roles", "Roles"), ("examples", "Examples"))])
        (Path(writer.output_path) / OPML_URL).write_bytes(document)
