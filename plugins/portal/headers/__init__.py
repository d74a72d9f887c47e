"""HTTP headers per site, generated with the build for the host that serves it: ``_headers``
(Netlify, Cloudflare Pages) and ``_nginx.conf`` (an include for nginx), from one policy
(``portal.headers.policy``); S3/CloudFront settings are documented in docs/headers.md.

Not a Pelican plugin: ``portal.build`` calls ``write_site_headers`` once a site is built and
indexed, so the rules see the finished folder. Settings read: PORTAL_URL_MODE (through the
build's ``local``).
"""

from __future__ import annotations

from pathlib import Path

from portal.headers import netlify, nginx
from portal.headers.policy import DOWNLOAD_TYPES, site_policy
from portal.search.index import SHARED
from portal.takedown.generator import entries
from portal.types import get

CONFIG_FILES = {netlify.FILE_NAME, nginx.FILE_NAME, "_redirects"}
# Written after the site's own build (a partial build shares the bundles only once swapped in).
LATE_ENTRIES = {(SHARED, True)}


def downloads(catalog) -> list[tuple[str, str]]:
    """(path, type) of every published attachment served as a download."""
    found = []
    for item in catalog.items:
        if not item.written:
            continue
        for attachment in item.all_attachments:
            mime = DOWNLOAD_TYPES.get(attachment.extension)
            if mime:
                found.append((f"/{item.url}{attachment.name}", mime))
    return found


def form_paths(catalog) -> list[str]:
    """Top-level folders whose pages carry a reader's form: the Q&A section (the question
    form, the ratings), news and documents ("Ý kiến về bài viết này") and the standing pages
    with ``form``."""
    paths = [f"{get(kind).url_prefix}/" for kind in ("qa", "articles", "documents")]
    for item in catalog.items:
        if item.kind == "pages" and item.written and item.meta.get("form"):
            paths.append(item.url.split("/", 1)[0] + "/")
    return paths


def write_site_headers(
    site,
    sites,
    catalog,
    site_dir: Path,
    local: bool,
    prefix: str = "",
    admin_origins: tuple[str, ...] = (),
) -> None:
    """Write ``_headers`` and ``_nginx.conf`` into a built site's folder; ``prefix`` is the
    build's ``PORTAL_PATH_PREFIX`` (development layout: the site is at ``<prefix>/<id>/``);
    ``admin_origins``: the hosts the parent's form editor calls besides GitHub (the sign-in
    relay)."""
    policy = site_policy(site, sites, local, form_paths(catalog), admin_origins)
    top_level = {
        (entry.name, entry.is_dir())
        for entry in site_dir.iterdir()
        if entry.name not in CONFIG_FILES
    } | LATE_ENTRIES
    netlify.write(site_dir, netlify.rules(top_level, policy, downloads(catalog)))
    prefix = f"{prefix}/{site.id}" if local else ""
    nginx.write(site_dir, nginx.include(policy, entries(catalog), prefix))
