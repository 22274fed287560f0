"""Development settings: root-relative URLs, served from http://127.0.0.1:8000/."""

import os
import sys

sys.path.append(os.path.dirname(__file__))  # authoring/: the Markdown extension below

SITENAME = "Everybody Serves"
SITESUBTITLE = "Essays on customer service, at work and at home"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = "content"
ARTICLE_PATHS = ["essays"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "safe_html",  # only allowlisted HTML in pages and feeds: see plugins/safe_html/README.md
    "service_topics",  # roles and examples: see plugins/service_topics/README.md
    "drafts",  # lets Pelican write drafts in a site without category pages
    "essay_neighbours",  # previous and next essay
    "feed_polish",  # absolute links, stable ids, a style sheet: see its docstring
    "discovery",  # sitemap.xml and robots.txt
    "former_urls",  # redirects from the URLs of renamed essays, pages and topics
]
OUTPUT_PATH = "output"
CACHE_PATH = "cache"

# URL scheme: see the table in README.md. Pretty URLs, one folder per page.
ARTICLE_URL = "essays/{slug}/"
ARTICLE_SAVE_AS = "essays/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "archives", "search", "404"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]

# Roles and examples are this blog's taxonomy; Pelican's own ones get no pages.
DEFAULT_CATEGORY = "Essays"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DISPLAY_CATEGORIES_ON_MENU = False
DISPLAY_PAGES_ON_MENU = False
DEFAULT_PAGINATION = 10

# Site feeds.  Links in feeds and the sitemap are absolute, on FEED_DOMAIN: here
# the address `invoke serve` serves at; publishconf.py sets the real one.
# Entry ids are FEED_ID_PREFIX plus the essay's path: never change the prefix.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ID_PREFIX = "tag:everybody-serves.example,2025:"
FEED_STYLESHEET = "theme/css/feed.css"  # what a browser shows for a feed
SITEMAP_EXCLUDE = [r"^404\.html$", r"^search/", r"^drafts/"]
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = False
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Markdown: footnotes, definition lists, tables, attribute lists (all in
# "extra"), heading ids for tables of contents.  Quotes are made smart once,
# by typogrify, so the "smarty" extension stays off.  "# …" lines in the
# metadata block are comments (docs/authoring.md).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.meta": {},
        "authoring.frontmatter:CommentsExtension": {},
    },
    "output_format": "html5",
}

# Typogrify: curly quotes, dashes, ellipses, hooks for styling "&" and opening
# quotes.  It never touches code.  Left out: "caps", which would wrap every
# acronym in a <span>, and "widont", whose non-breaking spaces would survive
# into <title>, feeds and search results (CSS text-wrap handles widows).
TYPOGRIFY = True
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "kbd", "samp", "script", "style"]
TYPOGRIFY_OMIT_FILTERS = ["caps", "widont"]

# Templates escape every value unless marked |safe: only Pelican's own
# rendered HTML (titles, content) is.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

SUMMARY_MAX_LENGTH = 50
SLUGIFY_SOURCE = "title"
DEFAULT_METADATA = {}

# Pelican's content cache: a rebuild reads again only the files whose bytes
# changed.  contentcache.py guards it (a stamp with the code's version and the
# hash of every cache file): a stale, corrupt or half-written cache is ignored.
# Whole contents are cached (the "generator" layer), typogrify's work included.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "generator"
CHECK_MODIFIED_METHOD = "sha256"
GZIP_CACHE = False  # faster to read and write; the files are only the site's size

MENUITEMS = [("About", "about/")]
