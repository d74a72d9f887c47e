"""Where each site lives: its URL root, relative (``site_root``: links between pages and sites)
or absolute (``absolute_root``: feeds, calendars, e-mail). Shared by the build, the theme, feeds,
calendars, notify and the incremental keys; depends on nothing but a ``Site`` and the settings.
"""

from __future__ import annotations

from portal.sites import Site


def site_root(site: Site, local: bool, prefix: str = "") -> str:
    """The URL prefix of a site: ``<prefix>/<id>`` in development (``prefix`` is the build's
    ``PORTAL_PATH_PREFIX``, normalised by ``portal.urlprefix``), its base_url in production."""
    return f"{prefix}/{site.id}" if local else site.base_url.rstrip("/")


def absolute_root(site: Site, settings: dict) -> str:
    """The absolute URL prefix of a site, for feeds, calendars and e-mail: its base_url in
    production, ``PORTAL_LOCAL_ORIGIN`` + ``PORTAL_PATH_PREFIX`` + ``/<id>`` in development (no
    trailing slash)."""
    if settings.get("PORTAL_LOCAL", True):
        origin = settings.get("PORTAL_LOCAL_ORIGIN", "http://localhost:8000").rstrip("/")
        return f"{origin}{settings.get('PORTAL_PATH_PREFIX', '')}/{site.id}"
    return site.base_url.rstrip("/")
