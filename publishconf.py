"""Production settings: development settings with each site at its own base_url."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

PORTAL_URL_MODE = "base_url"
