"""Preview of a pull request: every site under <prefix>/<site-id>/ of the preview origin, with
production content rules. PORTAL_PREVIEW_URL (the workflow sets it: the PR's preview root, e.g.
https://<owner>.github.io/<repo>/pr-12) gives both the origin and the prefix. Never the
production origin: the build refuses an origin whose host is (under) a host of sites.yml
(PORTAL_PREVIEW, portal.urlprefix); docs/van-hanh.md, section 3.1."""

import os
import sys
from urllib.parse import urlsplit

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

_root = urlsplit(os.environ.get("PORTAL_PREVIEW_URL") or "http://localhost:8000")

PORTAL_URL_MODE = "local"
PORTAL_PREVIEW = True
PORTAL_LOCAL_ORIGIN = f"{_root.scheme}://{_root.netloc}"
PORTAL_PATH_PREFIX = _root.path
