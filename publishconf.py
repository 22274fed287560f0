"""Production settings: absolute URLs, a clean output folder.

The site's address comes from the SITEURL environment variable, so one
command publishes the same content to staging or production:

    SITEURL=https://example.org invoke publish
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://everybody-serves.example").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Drafts (Status: draft) are never published: only the development server shows them.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
