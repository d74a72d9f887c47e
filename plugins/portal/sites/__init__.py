"""Sites: ``content/sites.yml`` names one parent portal and its members.

No Pelican signals; the build reads the sites before Pelican starts and passes each one to its
Pelican run as the ``PORTAL_SITE`` setting.
"""

from portal.sites.config import Site, load_sites

__all__ = ["Site", "load_sites"]
