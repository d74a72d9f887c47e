"""Sitemap: ``sitemap.xml`` and ``robots.txt`` per site, listing only listed (public) items.

Signals: ``finalized``. Settings read: ``PORTAL_CATALOG``, ``PORTAL_SITE`` (its ``base_url``:
sitemaps need absolute URLs, whatever SITEURL the development build uses).
"""

from __future__ import annotations

import os
from xml.sax.saxutils import escape

from pelican import signals

from portal.paths import ROBOTS_FILE, SITEMAP_FILE
from portal.types import REGISTRY


def entries(catalog) -> list[tuple[str, str]]:
    """(site-relative URL, lastmod) for the home page, section listings and listed items."""
    rows = [("", ""), *((f"{ct.url_prefix}/", "") for ct in REGISTRY.values() if ct.url_prefix)]
    for item in sorted(catalog.items, key=lambda i: i.url):
        if item.listed:
            moment = item.updated or item.meta.get("date")
            rows.append((item.url, moment.date().isoformat() if moment else ""))
    return rows


def write_sitemap(pelican) -> None:
    catalog = pelican.settings.get("PORTAL_CATALOG")
    if catalog is None:
        return
    base = catalog.site.base_url.rstrip("/")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, lastmod in entries(catalog):
        stamp = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{escape(f'{base}/{url}')}</loc>{stamp}</url>")
    lines.append("</urlset>")
    with open(os.path.join(pelican.output_path, SITEMAP_FILE), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    with open(os.path.join(pelican.output_path, ROBOTS_FILE), "w", encoding="utf-8") as out:
        out.write(f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n")


def register() -> None:
    signals.finalized.connect(write_sitemap)
