"""Catalog: every content file of every site read once, validated, rendered and placed.

No Pelican signals: the build scans before Pelican starts, fails on any error, and hands each
site's catalog to its Pelican run in the ``PORTAL_CATALOG`` setting.
"""

from portal.catalog.item import Item
from portal.catalog.scan import SiteCatalog, scan_site

__all__ = ["Item", "SiteCatalog", "scan_site"]
