"""Preview of a pull request: every site under <prefix>/<site-id>/ of the preview origin, with
production content rules. Never the production origin: the build refuses an origin whose host is
(under) a host of sites.yml (PORTAL_PREVIEW, portal.urlprefix). The workflow sets
PORTAL_PREVIEW_ORIGIN (e.g. https://<owner>.github.io) and PORTAL_PREVIEW_PREFIX
(e.g. /<repo>/pr-12); docs/van-hanh.md, section 5.3."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

PORTAL_URL_MODE = "local"
PORTAL_PREVIEW = True
PORTAL_LOCAL_ORIGIN = os.environ.get("PORTAL_PREVIEW_ORIGIN") or "http://localhost:8000"
PORTAL_PATH_PREFIX = os.environ.get("PORTAL_PREVIEW_PREFIX", "")
