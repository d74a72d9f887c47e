"""Feeds: JSON Feed 1.1 (``application/feed+json``) and Atom 1.0 per site, per section and per
category, for member sites, other agencies' portals and feed readers (``docs/feeds.md``).

Items carry ids that survive URL changes, a ``_portal`` object with the type's metadata, and
attachments; items taken down stay as tombstones (``_portal.deleted``) for a while. Drafts,
scheduled and expired items never appear. The same content always gives the same bytes.

Signals: ``get_generators`` (``FeedsGenerator``, after the documents library and the schedules).
Settings read: ``PORTAL_SITE``, ``PORTAL_CATALOG``, ``PORTAL_NOW``, ``PORTAL_LOCAL`` and
``PORTAL_LOCAL_ORIGIN`` (absolute URLs, through ``portal.urls.absolute_root``),
``PORTAL_ASSETS`` (the icon), ``PORTAL_FEED_PAGE_SIZE`` (items per page, default 50),
``PORTAL_FEED_TOMBSTONE_DAYS`` (days a takedown stays in the feeds, default 90).
Context set: ``FEEDS`` — ``FEEDS()`` in a template gives the page's feed links
(``title``, site-relative ``url``, ``type``).
"""

from __future__ import annotations

from pelican import signals

from portal.feeds.generator import FeedsGenerator


def get_generators(_pelican):
    return FeedsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
