"""Build orchestration: read the sites, scan every site's content once, fail on any content error,
then run Pelican once per site into ``<output>/<site-id>/``.

Settings that keep private content private are enforced here, whatever the settings file says.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.log import console as pelican_console
from pelican.settings import read_settings

from portal import incremental as inc
from portal import pagekeys
from portal.catalog import SiteCatalog
from portal.catalog.itemcache import use_cache as use_item_cache
from portal.catalog.tree import add_history, history_notices, scan
from portal.cms import AdminError, write_admin
from portal.cms import config as cms_config
from portal.cms import render as render_cms
from portal.errors import ContentErrors, ErrorReport
from portal.forms import ratings
from portal.frontmatter.fields import TIMEZONE
from portal.headers import write_site_headers
from portal.lock import DEFAULT_WAIT, build_lock
from portal.markup.render import use_cache as use_render_cache
from portal.search import (
    BUNDLE,
    SHARD_ABOVE,
    SearchIndexError,
    forget_pickles,
    index_site,
    mirror,
    quick_items,
    refresh_quick,
    share_between,
)
from portal.sites import Site
from portal.stats import view as stats_view
from portal.stats.aggregate import AggregateError
from portal.swap import fresh_staging, put_in_place, remove_tree
from portal.theme.templates_cache import SHARED as SHARED_TEMPLATES
from portal.urlprefix import PrefixError, check_preview_origin, path_prefix
from portal.urls import site_root
from portal.workers import default_jobs, run_all

logger = logging.getLogger(__name__)

REQUIRED_PLUGINS = (
    "portal.sections",
    "portal.takedown",
    "portal.sitemap",
    "portal.documents",
    "portal.schedules",
    "portal.feeds",
    "portal.calendars",
    "portal.theme",
    "portal.pagekeys",  # its writer renders only the pages whose key changed
)

# Whatever the settings file says: nothing private is ever written, nothing is copied blindly.
ENFORCED: dict[str, Any] = {
    "ARTICLE_PATHS": ["articles"],
    "ARTICLE_EXCLUDES": [],
    "PAGE_PATHS": ["pages"],
    "PAGE_EXCLUDES": [],
    "STATIC_PATHS": [],
    "THEME_STATIC_PATHS": [],  # the theme's assets are published hashed by portal.theme
    "WITH_FUTURE_DATES": True,  # the catalog's publication rules decide, not Pelican
    "DRAFT_URL": "",
    "DRAFT_SAVE_AS": "",
    "DRAFT_LANG_URL": "",
    "DRAFT_LANG_SAVE_AS": "",
    "DRAFT_PAGE_URL": "",
    "DRAFT_PAGE_SAVE_AS": "",
    "DRAFT_PAGE_LANG_URL": "",
    "DRAFT_PAGE_LANG_SAVE_AS": "",
    "DELETE_OUTPUT_DIRECTORY": True,
    "OUTPUT_RETENTION": [],
    "SLUGIFY_SOURCE": "title",
    "TYPOGRIFY": False,
    "OUTPUT_SOURCES": False,
    # Pelican's content cache is a pickle (code, not data) in the build's cache folder, and the
    # catalog reads every file anyway: never written, never loaded.
    "CACHE_CONTENT": False,
    "LOAD_CONTENT_CACHE": False,
    # Feeds are portal.feeds' (JSON Feed and Atom); Pelican's own would sit beside them.
    **{
        f"{prefix}_{kind}": None
        for prefix in (
            "FEED",
            "FEED_ALL",
            "CATEGORY_FEED",
            "AUTHOR_FEED",
            "TAG_FEED",
            "TRANSLATION_FEED",
        )
        for kind in ("ATOM", "RSS")
    },
}


@dataclass
class SiteResult:
    site: str
    output: Path
    items: int
    files: int
    seconds: float
    search_pages: int = 0
    search_seconds: float = 0.0
    kept: bool = False  # unchanged since the last build, not built again
    pages_kept: int = 0  # pages taken from the last build (portal.pagekeys)
    pages_rendered: int = 0
    search_shards: int = 0  # full-text shards of the site
    search_reindexed: int = 0  # of which indexed by this build (the others linked)


@dataclass
class BuildResult:
    sites: list[SiteResult] = field(default_factory=list)
    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)  # for people, e.g. a shallow git clone


class BuildFailed(Exception):
    """Pelican reported a warning or an error while building a site."""

    def __init__(self, site: str, messages: list[str]):
        self.site = site
        self.messages = messages
        super().__init__(f"{site}: " + "; ".join(messages))

    def __reduce__(self):  # raised in a worker process, re-raised in the build's
        return (BuildFailed, (self.site, self.messages))


class _Collector(logging.Handler):
    """Collect every warning and error Pelican or a plugin logs during one site's build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def now_in_vietnam() -> dt.datetime:
    return dt.datetime.now(TIMEZONE).replace(microsecond=0)


# Folders of data the build reads, named in the settings file: like Pelican's PATH and
# OUTPUT_PATH, a relative one is relative to the settings file, not to where `portal` runs.
DATA_PATHS = ("PORTAL_STATS_PATH", "PORTAL_RATINGS_PATH")


def load_base_settings(settings_file: Path | None) -> dict[str, Any]:
    """The settings file read by Pelican (with Pelican's defaults), before per-site values."""
    path = str(settings_file) if settings_file else None
    settings = read_settings(path)
    if settings_file:
        folder = Path(settings_file).resolve().parent
        for key in DATA_PATHS:
            value = settings.get(key)
            if value and not Path(str(value)).is_absolute():
                settings[key] = str(folder / str(value))
    return settings


def load_stats(
    folder: Path, catalogs: dict[str, SiteCatalog]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Each scanned site's visit statistics (``portal.stats``; None for a site without) and
    the digest of its file (its pages' key); a broken statistics file stops the build, named
    like a content error."""
    report = ErrorReport()
    found: dict[str, Any] = {}
    digests: dict[str, str] = {}
    for site_id in catalogs:
        try:
            found[site_id], digests[site_id] = stats_view.read_aggregate(folder, site_id)
        except AggregateError as error:
            report.add(error.path, 1, "stats", error.message, error.english)
    if report:
        raise ContentErrors(report)
    return found, digests


def _setting_error(
    report: ErrorReport, settings_file: Path | None, name: str, error: PrefixError
) -> None:
    """A settings mistake as ``file:line: NAME: message`` (the line that sets it, else 1)."""
    path = Path(settings_file) if settings_file else Path("pelicanconf.py")
    line = 1
    if path.is_file():
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if text.lstrip().startswith(name):
                line = number
    report.add(path, line, name, error.message, error.english)


def _checked_prefix(base: dict[str, Any], settings_file: Path | None) -> str:
    """The build's ``PORTAL_PATH_PREFIX`` (``portal.urlprefix``); a bad one is a ContentErrors."""
    try:
        return path_prefix(base)
    except PrefixError as exc:
        report = ErrorReport()
        _setting_error(report, settings_file, "PORTAL_PATH_PREFIX", exc)
        raise ContentErrors(report) from None


def site_overrides(
    base: dict[str, Any],
    site: Site,
    sites: list[Site],
    catalog: SiteCatalog,
    catalogs: dict[str, SiteCatalog],
    content_dir: Path,
    output_dir: Path,
    now: dt.datetime,
) -> dict[str, Any]:
    """Per-site values and enforced settings, laid over the settings file."""
    local = base.get("PORTAL_URL_MODE", "local") == "local"
    prefix = path_prefix(base)  # checked by the build before any site is read
    overrides: dict[str, Any] = {
        "SITENAME": site.name,
        "SITEURL": site_root(site, local, prefix),
        # As the catalog names its items (os.path.abspath, symlinks kept): Pelican hands its
        # readers paths under PATH, looked up in the catalog by that name.
        "PATH": os.path.abspath(content_dir / site.id),
        "OUTPUT_PATH": str((output_dir / site.id).resolve()),
        "PORTAL_SITE": site,
        "PORTAL_SITES": sites,
        "PORTAL_PARENT": next((s for s in sites if s.is_parent), None),
        "PORTAL_CATALOG": catalog,
        "PORTAL_CATALOGS": catalogs,
        "PORTAL_NOW": now,
        "PORTAL_LOCAL": local,
        "PORTAL_PATH_PREFIX": prefix,
        **ENFORCED,
    }
    plugins = list(base.get("PLUGINS") or [])
    required = [*REQUIRED_PLUGINS, *(["portal.report"] if base.get("PORTAL_REPORT_PUBLIC") else [])]
    overrides["PLUGINS"] = plugins + [p for p in required if p not in plugins]
    jinja = dict(base.get("JINJA_ENVIRONMENT") or {})
    extensions = list(jinja.get("extensions") or [])
    if "jinja2.ext.i18n" not in extensions:
        extensions.append("jinja2.ext.i18n")
    overrides["JINJA_ENVIRONMENT"] = {
        **jinja,
        "autoescape": True,
        "extensions": extensions,
        "bytecode_cache": jinja.get("bytecode_cache") or SHARED_TEMPLATES,
    }
    return overrides


def run_pelican(settings_file: Path | None, overrides: dict[str, Any]) -> None:
    """Run Pelican for one site; any warning or error it logs fails the site."""
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        settings = read_settings(str(settings_file) if settings_file else None, overrides)
        pelican_console.quiet = True  # its English "Done: Processed …" line; ours follows
        Pelican(settings).run()
    finally:
        pelican_console.quiet = False
        root.removeHandler(collector)
    if collector.messages:
        raise BuildFailed(Path(overrides["OUTPUT_PATH"]).name, collector.messages)


def build(
    content_dir: Path,
    output_dir: Path,
    settings_file: Path | None = None,
    site_ids: list[str] | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
    search: bool | None = None,
    history: bool | None = None,
    jobs: int | None = None,
    incremental: bool | None = None,
    wait: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    extra_settings: dict[str, Any] | None = None,
) -> BuildResult:
    """Check everything, then build the selected sites and index them for search (unless
    ``search`` is False, or None and the settings' ``PORTAL_SEARCH`` is False), ``jobs`` sites
    at a time (None: ``PORTAL_JOBS``, else one per core). Incremental unless ``incremental`` (or
    ``PORTAL_INCREMENTAL``) is False: what did not change is kept (``portal.incremental``).

    The whole build holds the exclusive lock of the output and its cache (``portal.lock``):
    another build of the same output waits up to ``wait`` seconds (None: ``PORTAL_LOCK_WAIT``,
    else ``portal.lock.DEFAULT_WAIT``), telling ``on_wait`` once.
    Raises ContentErrors, BuildFailed or portal.lock.BuildLocked."""
    started = time.perf_counter()
    now = now or now_in_vietnam()
    base = {**load_base_settings(settings_file), **(extra_settings or {})}
    if wait is None:
        wait = float(base.get("PORTAL_LOCK_WAIT", DEFAULT_WAIT))
    cache_dir = inc.cache_folder(base, output_dir)
    configured_cache = cache_dir if base.get("PORTAL_CACHE_PATH") else None
    with build_lock(output_dir, configured_cache, wait, on_wait):
        try:
            return _build(
                content_dir,
                output_dir,
                settings_file,
                site_ids,
                now,
                progress,
                search,
                history,
                jobs,
                incremental,
                base,
                cache_dir,
                started,
            )
        finally:
            gc.unfreeze()  # what ``_build`` froze


def _build(
    content_dir: Path,
    output_dir: Path,
    settings_file: Path | None,
    site_ids: list[str] | None,
    now: dt.datetime,
    progress: Callable[[str], None] | None,
    search: bool | None,
    history: bool | None,
    jobs: int | None,
    incremental: bool | None,
    base: dict[str, Any],
    cache_dir: Path,
    started: float,
) -> BuildResult:
    """``build`` once the lock is held."""
    if history is None:  # git history (portal.history) unless PORTAL_HISTORY is False
        history = bool(base.get("PORTAL_HISTORY", True))
    if search is None:
        search = bool(base.get("PORTAL_SEARCH", True))
    if incremental is None:
        incremental = bool(base.get("PORTAL_INCREMENTAL", True))
    local = base.get("PORTAL_URL_MODE", "local") == "local"
    prefix = _checked_prefix(base, settings_file)
    report_public = bool(base.get("PORTAL_REPORT_PUBLIC"))  # its page shows now's minute
    stats_folder = stats_view.stats_dir(base)
    ledger = inc.Ledger.open(incremental, base, cache_dir, output_dir)
    options = f"{sorted(site_ids or [])}|{search}|{history}|{local}|{prefix}"
    data_folders = [stats_folder, ratings.ratings_dir(base)]
    unchanged = ledger.unchanged(content_dir, now, options, data_folders)
    if unchanged is not None:
        kept = [_kept_result(output_dir, s, ledger.previous) for s in unchanged]
        return BuildResult(sites=kept, seconds=time.perf_counter() - started)

    report = ErrorReport()
    use_render_cache(ledger.render_cache())
    use_item_cache(ledger.item_cache())
    try:
        max_mb = int(base.get("PORTAL_MAX_ATTACHMENT_MB", 20))
        if jobs is None:
            jobs = int(base.get("PORTAL_JOBS") or 0) or default_jobs()
        sites, catalogs = scan(content_dir, now, report, site_ids, max_mb, False, jobs)
    finally:
        use_render_cache(None)
        use_item_cache(None)
    if not report:
        try:
            check_preview_origin(base, [s.base_url for s in sites])
        except PrefixError as exc:
            _setting_error(report, settings_file, "PORTAL_LOCAL_ORIGIN", exc)
    if report:
        raise ContentErrors(report)
    ledger.save_caches()  # complete now; not held through the render
    next_commit = add_history(content_dir, catalogs, now) if history else None
    stats, stats_keys = load_stats(stats_folder, catalogs)
    # Readers' ratings (portal.forms.ratings) count as statistics for the pages' keys.
    rated, rated_keys = ratings.load_all(ratings.ratings_dir(base), catalogs)
    stats_keys = {s: f"{stats_keys.get(s, '')}|{rated_keys.get(s, '')}" for s in catalogs}
    ratings.use_demo_endpoint(base, sites, catalogs)
    # The catalogs live until the build ends: frozen, the collections of the render and the
    # indexing never walk them again (an edit at bench scale 1: ~0.9 of 2 CPU s of collections
    # in the build's process). Unfrozen when the build ends (``build``).
    gc.collect()
    gc.freeze()
    result = BuildResult(notices=history_notices(catalogs))
    result.notices += [
        notice
        for sid, data in sorted(stats.items())
        if (not site_ids or sid in site_ids)
        and (notice := stats_view.stale_notice(catalogs[sid].site, data, now))
    ]
    chosen = [s for s in catalogs if not site_ids or s in site_ids]
    previous = ledger.previous
    facts = {"local": local, "search": search, "content_dir": content_dir}
    facts |= {"stats_keys": stats_keys, "report_public": report_public, "prefix": prefix}
    to_build = ledger.plan(sites, catalogs, chosen, now, **facts)
    # Everything is written into a staging folder; sites are swapped in only once all succeeded.
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = fresh_staging(output_dir)

    def build_site(site_id: str) -> SiteResult:
        catalog = catalogs[site_id]
        site = catalog.site
        site_started = time.perf_counter()
        overrides = site_overrides(base, site, sites, catalog, catalogs, content_dir, staging, now)
        overrides["PORTAL_STATS"] = stats.get(site_id)
        overrides["PORTAL_RATINGS"] = rated.get(site_id)
        overrides["CACHE_PATH"] = str((cache_dir / site_id).resolve())
        pagekeys.start(ledger.page_plans.get(site_id))
        done = False
        try:
            run_pelican(settings_file, overrides)
            done = True
        finally:
            kept_pages, rendered_pages = pagekeys.finish(done)
        out = staging / site_id
        return SiteResult(
            site_id,
            output_dir / site_id,
            sum(i.written for i in catalog.items),
            sum(len(names) for _, _, names in os.walk(out)),
            time.perf_counter() - site_started,
            pages_kept=kept_pages,
            pages_rendered=rendered_pages,
        )

    # Search shards and per-site quick indexes, reused by content key (portal.search.index);
    # a --full build keeps nothing.
    search_cache = cache_dir / "search" if ledger.enabled else None
    if search_cache is not None:
        forget_pickles(search_cache)  # of earlier versions: code, not data

    def index_built_site(result: SiteResult) -> None:
        """Both search tiers of a site just built: in this process, once the workers are gone.
        Pagefind uses every core by itself, and beside the workers it went past 1 GB."""
        site_id = result.site
        out = staging / site_id
        # The quick index again only if its records changed; else the last one, linked.
        keep_quick = ledger.keep_quick(site_id, BUNDLE)
        if keep_quick:
            mirror(output_dir / site_id / BUNDLE, out / BUNDLE)
        index = _index_site(
            catalogs[site_id].site,
            sites,
            catalogs,
            out,
            quick=not keep_quick,
            sharded=bool(base.get("PORTAL_SEARCH_SHARDS", True)),
            cache=search_cache,
            shard_above=int(base.get("PORTAL_SEARCH_SHARD_ABOVE", SHARD_ABOVE)),
        )
        result.files = sum(len(names) for _, _, names in os.walk(out))
        result.search_pages, result.search_seconds = index.pages, index.seconds
        result.search_shards, result.search_reindexed = index.shards, index.reindexed

    # Largest first, so that the parent does not run alone at the end.
    order = sorted(to_build, key=lambda s: -len(catalogs[s].items))
    try:
        for site_id in to_build:
            if progress:
                progress(site_id)
        built = dict(zip(order, run_all(order, build_site, jobs), strict=True))
        if search:
            for site_id in order:
                index_built_site(built[site_id])
        if search:
            # The bundles of related sites, from this build or kept from the last one.
            dirs = {s.id: output_dir / s.id for s in sites if (output_dir / s.id).is_dir()}
            dirs.update({s: staging / s for s in to_build})
            share_between(dirs, sites, to_build)
        for site_id in to_build:
            if catalogs[site_id].site.is_parent:  # the form editor (portal.cms), at /admin/
                try:
                    text = ledger.admin_config(cms_config(sites, base), render_cms)
                    write_admin(staging / site_id, text)
                except AdminError as exc:
                    raise BuildFailed(site_id, [str(exc)]) from None
        for site_id in to_build:
            # Last, so that the rules see every folder of the site (the shared bundles too).
            catalog = catalogs[site_id]
            relay = (base.get("PORTAL_CMS_AUTH_URL") or "",)
            write_site_headers(
                catalog.site, sites, catalog, staging / site_id, local, prefix, relay
            )
        if local and not site_ids:
            write_local_index(staging, sites)
        for entry in sorted(staging.iterdir()):
            put_in_place(entry, output_dir / entry.name)
            ledger.promote(entry.name)
        for gone in ledger.retire(s.id for s in sites):
            result.notices.append(
                f"Đã gỡ {gone}: cổng không còn trong sites.yml. "
                f"(Removed {gone}: no longer in sites.yml.)"
            )
        if search:
            _refresh_kept_sites(
                output_dir, sites, catalogs, to_build, ledger.quick_keys, previous, search_cache
            )
    finally:
        remove_tree(staging)  # what it holds now is the sites' old folders
    for site_id in chosen:
        result.sites.append(built.get(site_id) or _kept_result(output_dir, site_id, previous))
    ledger.record(result.sites, chosen, catalogs, now, next_commit, report_public)
    result.seconds = time.perf_counter() - started
    return result


def _kept_result(output_dir: Path, site_id: str, previous: dict) -> SiteResult:
    record = previous.get(site_id, {})
    return SiteResult(
        site_id,
        output_dir / site_id,
        int(record.get("items", 0)),
        int(record.get("files", 0)),
        0.0,
        int(record.get("search_pages", 0)),
        kept=True,
    )


def _refresh_kept_sites(
    output_dir: Path,
    sites,
    catalogs,
    rebuilt: list[str],
    quick_keys: dict,
    previous: dict,
    search_cache: Path | None = None,
) -> None:
    """Sites kept as they were: a new quick index where its records changed, and new copies of
    the bundles of related sites that were rebuilt. Each swapped in whole."""
    kept = [s for s in catalogs if s not in rebuilt and (output_dir / s).is_dir()]
    for site_id in kept:
        key = quick_keys.get(site_id)
        if key and previous.get(site_id, {}).get("quick") != key:
            site = catalogs[site_id].site
            items = quick_items(site, sites, catalogs)
            refresh_quick(site_id, output_dir / site_id, items, search_cache)
    dirs = {s.id: output_dir / s.id for s in sites if (output_dir / s.id).is_dir()}
    share_between(dirs, sites, kept, sources=rebuilt)


def _index_site(
    site: Site,
    sites: list[Site],
    catalogs: dict[str, SiteCatalog],
    out: Path,
    quick: bool = True,
    sharded: bool = True,
    cache: Path | None = None,
    shard_above: int = SHARD_ABOVE,
):
    """Index a built site; exactly its public items must be found in the full-text index."""
    expected = {f"/{item.url}" for item in catalogs[site.id].items if item.listed}
    records = quick_items(site, sites, catalogs) if quick else None
    try:
        return index_site(site.id, out, expected, records, sharded, cache, shard_above)
    except SearchIndexError as exc:
        raise BuildFailed(site.id, [f"tìm kiếm: {exc.message}"]) from None


def write_local_index(output_dir: Path, sites: list[Site]) -> None:
    """A plain page at the output root linking every site (development server only)."""
    rows = "\n".join(
        f'<li><a href="{s.id}/">{html.escape(s.name)}</a>'
        f"{' (cấp trên)' if s.is_parent else ''}</li>"
        for s in sorted(sites, key=lambda s: (not s.is_parent, s.id))
    )
    (output_dir / "index.html").write_text(
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Các cổng thông tin (bản xem thử)</title></head><body><main>"
        f"<h1>Các cổng thông tin</h1><ul>{rows}</ul></main></body></html>\n",
        encoding="utf-8",
    )
