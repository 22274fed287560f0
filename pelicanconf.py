"""Development settings: root-relative URLs, served from http://127.0.0.1:8000/."""

import base64
import hashlib
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
    "security_headers",  # _headers: SECURITY_HEADERS for Netlify/Cloudflare Pages style hosts
    "steady_urls",  # each essay's URL worked out once a build writes, not on every access
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

# Readers' safety (README, "Security").  Every page carries this policy in a
# <meta http-equiv> (theme/templates/base.html): the site's own scripts, styles,
# images and Pagefind's index, worker and WebAssembly; no other host, no
# plugins, no inline script.  The one inline style allowed is a table column's
# alignment, as the sanitizer writes it, by its hash.


def csp_source_hash(text: str) -> str:
    """The policy's source expression that allows exactly ``text`` inline."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


TABLE_ALIGNMENTS = [f"text-align:{side}" for side in ("left", "center", "right")]
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "connect-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-hashes' " + " ".join(map(csp_source_hash, TABLE_ALIGNMENTS)),
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])
# Sent by the host with every file, as `_headers` (plugins/security_headers) says,
# and by `invoke serve`, `invoke livereload` and the browser tests' server.
# frame-ancestors works only in a header, never in a <meta>.
SECURITY_HEADERS = {
    "Content-Security-Policy": f"{CONTENT_SECURITY_POLICY}; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HEADERS_SAVE_AS = "_headers"
