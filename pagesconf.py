"""GitHub Pages trial host: every site under /<site-id>/ of one origin, as `portal serve`
shows them, with production content rules. The origin is the Pages site's own domain (a custom
domain, or <owner>.github.io for an organisation site): repository variable
PORTAL_PAGES_ORIGIN, e.g. https://thu.lamgiang.example (docs/van-hanh.md, section 5.1)."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

PORTAL_URL_MODE = "local"
PORTAL_LOCAL_ORIGIN = os.environ.get("PORTAL_PAGES_ORIGIN") or "http://localhost:8000"
