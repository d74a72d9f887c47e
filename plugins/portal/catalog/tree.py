"""Read a whole content tree: ``sites.yml`` and every selected site's content (``scan_site``),
sites side by side, plus the git history once for every item.

Contract: ``scan(content_dir, now, report, …)`` returns ``(sites, catalogs)`` and never raises on a
content mistake (every problem goes to ``report``); the caller decides whether errors stop it. A
site is read with its parent and members, whose news its pages show. Used by the build, the
command line (check, report, forms, notify), the deploy gate and the change snapshots.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from portal.catalog.itemcache import current_cache as item_cache
from portal.catalog.scan import SiteCatalog, scan_site
from portal.errors import ErrorReport
from portal.history import attach as attach_history
from portal.history import read_history
from portal.markup.render import current_cache as render_cache
from portal.sites import Site, load_sites
from portal.workers import run_all

WARM = 0.9  # share of the content files in the item cache above which sites are read in-process


def scan(
    content_dir: Path,
    now: dt.datetime,
    report: ErrorReport,
    site_ids: list[str] | None = None,
    max_mb: int = 20,
    history: bool = False,
    jobs: int = 1,
) -> tuple[list[Site], dict[str, SiteCatalog]]:
    """Read sites.yml and every selected site's content, ``jobs`` sites at a time; every problem
    goes to ``report``. With ``history``, also read the git history once and set every item's
    ``history``."""
    sites = load_sites(content_dir, report)
    known = {s.id for s in sites}
    for wanted in site_ids or []:
        if wanted not in known:
            report.add(
                str(content_dir / "sites.yml"),
                1,
                "site",
                f"không có trang '{wanted}' trong sites.yml",
                "no such site",
            )
    # A member's pages show its parent's news, and a parent's the news its members share with
    # it (``syndicate: [parent]``), so building a site reads its parent and members too.
    chosen = set(site_ids or known)
    wanted = chosen | {s.parent for s in sites if s.id in chosen and s.parent}
    wanted |= {s.id for s in sites if s.parent in chosen}
    by_id = {s.id: s for s in sites}
    read = [s.id for s in sites if s.id in wanted and (content_dir / s.id).is_dir()]

    def read_site(site_id: str) -> tuple[SiteCatalog, list, dict, dict]:
        """One site's catalog, its errors, and only what reading it added to the caches'
        ``used``: a worker reads several sites, and its whole ``used`` sent back each time
        repeated the earlier sites' entries (held at once by this process: most of the
        scan's peak memory)."""
        own = ErrorReport()
        caches = (render_cache(), item_cache())
        stores = [store for store in caches if store is not None]
        before = [store.used for store in stores]
        for store in stores:
            store.used = {}
        try:
            catalog = scan_site(by_id[site_id], content_dir, now, own, max_mb * 1024 * 1024)
            rendered, items_read = (c.used if c is not None else {} for c in caches)
            return catalog, own.errors, rendered, items_read
        finally:
            for store, used in zip(stores, before, strict=True):
                store.used = used

    # Rendering Markdown is most of the reading: sites are read side by side, largest first
    # (by file count), each worker sending back its catalog, its errors, what it rendered and
    # the items it read or took from the item cache (``catalog.itemcache``).
    files = {s: sum(1 for _ in (content_dir / s).rglob("*.md")) for s in read}
    order = sorted(read, key=lambda s: -files[s])
    items = item_cache()
    if items is not None and len(items.entries) >= WARM * sum(files.values()):
        # Nearly every file will come from the item cache (a hash and a lookup each): forking
        # workers and sending the catalogs back costs more than it saves (0.5-1 CPU s of an
        # edit at bench scale 0.3).
        jobs = 1
    found = dict(zip(order, run_all(order, read_site, jobs), strict=True))
    catalogs: dict[str, SiteCatalog] = {}
    for site_id in read:
        catalog, errors, rendered, items_read = found[site_id]
        catalog.site = by_id[site_id]  # the same object as in ``sites``, as when read here
        catalogs[site_id] = catalog
        report.errors.extend(errors)
        cache, items = render_cache(), item_cache()
        if cache is not None:
            cache.used.update(rendered)
        if items is not None:
            items.used.update(items_read)
    if history:
        add_history(content_dir, catalogs, now)
    return sites, catalogs


def add_history(
    content_dir: Path, catalogs: dict[str, SiteCatalog], now: dt.datetime
) -> dt.datetime | None:
    """One pass over the git history for every item of every catalog (``portal.history``); a
    notice (shallow clone, unreadable repository) is kept on the catalogs for the command line:
    logged during a build, it would fail the build. Returns the first commit moment after
    ``now`` of an item's file (the pages change when ``now`` passes it), if any."""
    paths = [item.source for catalog in catalogs.values() for item in catalog.items]
    found = read_history(content_dir, paths)
    attach_history(found.files, catalogs, now)
    for catalog in catalogs.values():
        catalog.history_notice = found.notice
    later = [c.date for log in found.files.values() for c in log.changes if c.date > now]
    return min(later, default=None)


def history_notices(catalogs: dict[str, SiteCatalog]) -> list[str]:
    """The distinct history notices of the scanned catalogs (at most one per build)."""
    return sorted({c.history_notice for c in catalogs.values() if c.history_notice})
