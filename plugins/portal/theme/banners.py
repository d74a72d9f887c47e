"""Campaign banners (``banners:`` in sites.yml): an image with its alt text, an optional link and
the dates it shows between (both included, Vietnam time). Content, not code: an editor adds one
to sites.yml and its image beside the site's content; outside its dates it never shows. The
link is an http(s) address or a path of the site (``/lich-su-hinh-thanh/``: a standing page).

Read by ``portal.theme.generator``: ``current_banners`` picks the banners of the day and plans
their WebP variants through the portal's image pipeline (``portal.images``: sizes read from the
file, never upscaled, metadata dropped), ``write_banners`` writes them under ``chien-dich/``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import PurePosixPath

from portal.images import Picture, plan
from portal.images.encode import write_variants
from portal.images.probe import displayed_size
from portal.paths import BANNERS as BANNER_FOLDER


def showing(banner: dict, today: dt.date) -> bool:
    return banner["start"] <= today <= banner["end"]


def _link(url: str, siteurl: str) -> str:
    """A site path (``/lich-su-hinh-thanh/``) is the site's own page: prefixed with SITEURL."""
    return siteurl + url if url.startswith("/") else url


def current_banners(site, site_dir: str, today: dt.date, siteurl: str) -> list[dict]:
    """The banners of ``site`` showing on ``today``, each with its planned Picture and the
    ``src``/``srcset`` a page uses (site-absolute)."""
    shown = []
    for banner in site.banners:
        if not showing(banner, today):
            continue
        source = os.path.join(site_dir, banner["image"])
        reference = f"sites.yml: {site.id}.banners.image"
        width, height = displayed_size(source, reference)
        picture = plan(source, PurePosixPath(banner["image"]).name, width, height)
        base = f"{siteurl}/{BANNER_FOLDER}/"
        shown.append(
            {
                "alt": banner["alt"],
                "url": _link(banner.get("url", ""), siteurl),
                "picture": picture,
                "src": base + picture.src,
                "srcset": ", ".join(f"{base}{name} {w}w" for name, w, _ in picture.variants),
                "width": picture.width,
                "height": picture.height,
            }
        )
    return shown


def write_banners(banners: list[dict], output_path: str) -> list[str]:
    folder = os.path.join(output_path, BANNER_FOLDER)
    written = []
    for banner in banners:
        picture: Picture = banner["picture"]
        written += write_variants(picture, folder, f"sites.yml: {banner['alt']}")
    return written
