"""Incremental builds: build again only what changed, with output byte-identical to a cold build.

Three levels, each keyed by a SHA-256 of everything its output is made from, recorded in
``portal-build.json`` in the build's cache folder (``.<output>-cache/`` beside the output, never
inside it: it holds drafts' rendered text). Content hashes, never modification times, so a
fresh clone with a kept cache is as good as the machine that built it:

- **Nothing changed**: the code (our package, the theme, other plugins named in PLUGINS, the
  versions of the libraries that render), the settings, every content file and the git HEAD
  are as last time, and ``now`` has not reached the next moment at which any page would change
  (an item's ``date`` or ``expires``, an invitation's end, the next midnight in Vietnam): the
  build stops after reading ``sites.yml`` and hashing the files.
- **Per site**: a site's pages are rebuilt when its key changes: the code and settings, its
  items (front matter, rendered body, state, attachments' bytes, git history), the facts of
  ``now`` its pages show (the date, the invitations already over), and exactly what it shows of
  other sites (``portal.theme.home.cross_site``). Otherwise its folder is kept as it is.
- **Quick search index**: a kept site whose quick index records changed (a parent's holds its
  members' items) gets a new quick index only.

Rendered Markdown is cached by the SHA-256 of the text (and the code fingerprint), so reading
an unchanged corpus skips Markdown; the cache is JSON, each entry sealed with a digest and
checked against the sanitiser again before use (``RenderCache``). Whole items are cached by
their file's SHA-256 (``portal.catalog.itemcache``, opened by ``Ledger.item_cache``), and the
form editor's configuration by the digest of its data (``Ledger.admin_config``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

from portal.frontmatter.fields import SLUG
from portal.sealed import SealedStore
from portal.sealed import digest as _digest
from portal.types.base import STANDING

MANIFEST = "portal-build.json"
RENDER_CACHE = "render.json"
ADMIN_CACHE = "cms-config.json"
RENDER_FORMAT = 2  # 1 was a pickle (render.pickle): code, not data
OLD_RENDER_CACHE = "render.pickle"
FORMAT = 2  # 2: each site's record holds the digest of its folder (tree)
# Libraries whose version changes what is written.
LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "pagefind", "pillow", "babel", "icalendar")


def _tree(h, root: Path) -> None:
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())


def _plain(value: Any) -> str:
    """A settings value as text without memory addresses (functions by qualified name)."""

    def default(obj: Any) -> str:
        name = getattr(obj, "__qualname__", type(obj).__name__)
        return f"{getattr(obj, '__module__', '')}.{name}"

    return json.dumps(value, sort_keys=True, default=default, ensure_ascii=False)


def code_fingerprint(base: dict[str, Any]) -> str:
    """Everything but the content that decides the output: our code, the theme, other plugins,
    library versions and the settings (the per-site objects the build adds are not in ``base``)."""
    import portal

    h = hashlib.sha256()
    _tree(h, Path(portal.__file__).parent)
    theme = Path(str(base.get("THEME", "")))
    if theme.is_dir():
        _tree(h, theme)
    for name in base.get("PLUGINS") or []:
        if str(name).startswith("portal."):
            continue
        spec = importlib.util.find_spec(str(name))
        origin = Path(spec.origin) if spec and spec.origin else None
        if origin and origin.name == "__init__.py":
            _tree(h, origin.parent)
        elif origin and origin.is_file():
            h.update(origin.read_bytes())
    for library in LIBRARIES:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            h.update(f"{library}={importlib.metadata.version(library)}".encode())
    from portal.cms.admin import version as cms_version  # the form editor copied into /admin/

    h.update(f"@sveltia/cms={cms_version()}".encode())
    h.update(_plain({k: v for k, v in base.items() if k.isupper()}).encode())
    return h.hexdigest()


def content_fingerprint(content_dir: Path) -> str:
    """Every file under the content folder, by path and bytes, and the git HEAD (history;
    ``portal.history.gitlog.head_commit``, once per build)."""
    from portal.history.gitlog import head_commit

    h = hashlib.sha256()
    _tree(h, content_dir)
    h.update(head_commit(content_dir).encode())
    return h.hexdigest()


def folder_fingerprint(folder: Path, pattern: str) -> str:
    """The files of ``folder`` matching ``pattern`` (not recursive), by name and bytes."""
    h = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def run_key(fingerprint: str, content_dir: Path, flags: str) -> str:
    """What a whole build is made from: the code fingerprint, the content and the build's
    options. Equal keys (and ``now`` before the next change) mean nothing to build."""
    return _digest(fingerprint, content_fingerprint(content_dir), flags)


# -- items and sites ------------------------------------------------------------------------------


def _canon(value: Any, root: str) -> Any:
    """A JSON-able, order-stable image of a catalog value, with the content folder's absolute
    path removed (two clones in different folders give the same keys)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canon(getattr(value, f.name), root) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _canon(v, root) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canon(v, root) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_canon(v, root) for v in value), key=repr)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return value.replace(root, "")
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return repr(value)


def item_digest(item, root: str, read: str | None = None) -> str:
    """An item as its pages see it, and the bytes of every file it publishes. ``read``: the
    digest of the item as read (``SiteCatalog.read``: its item-cache entry, which holds the
    item and every file it names by SHA-256), so only what the scan sets later is added (the
    state at ``now``, the phase, the git history)."""
    if read:
        history = json.dumps(_canon(item.history, root), sort_keys=True, ensure_ascii=False)
        return _digest("read", read, item.state, item.phase, history)
    parts = [json.dumps(_canon(item, root), sort_keys=True, ensure_ascii=False)]
    for attachment in item.all_attachments:
        parts.append(Path(attachment.source).read_bytes())
    return _digest(*parts)


def time_facts(catalog, now: dt.datetime, report: bool = False) -> list:
    """What of ``now`` a site's pages show besides item states and git history as of ``now``
    (which the items carry): the date (this week, days left, feed tombstones), every item's
    phase (``Item.phase``: open consultations, meetings over, documents' validity, on the home
    page, listings and badges) and, with the public monthly report (``report``,
    PORTAL_REPORT_PUBLIC), the minute it says its numbers were counted at. A template reading
    PORTAL_NOW in another way must add it here (tests/test_incremental.py checks the
    templates)."""
    phases = sorted((i.url, i.phase) for i in catalog.items if i.phase != STANDING)
    facts = [now.date().isoformat(), phases]
    if report:
        facts.append(now.strftime("%Y-%m-%d %H:%M"))
    return facts


def next_change(
    catalogs,
    now: dt.datetime,
    next_commit: dt.datetime | None = None,
    report: bool = False,
) -> dt.datetime:
    """The first moment after ``now`` at which some page would change with no edit: an item's
    ``date`` or ``expires`` passing, an invitation ending, the next day beginning, the next
    commit of an item's file (``next_commit``: its history as of ``now`` grows) and, with the
    public report (``report``), the next minute."""
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
    moments = [tomorrow]
    if next_commit is not None:
        moments.append(next_commit)
    if report:
        moments.append(now.replace(second=0, microsecond=0) + dt.timedelta(minutes=1))
    for catalog in catalogs.values():
        for item in catalog.items:
            for name in ("date", "expires", "end"):
                moment = item.meta.get(name)
                if isinstance(moment, dt.datetime) and moment > now:
                    moments.append(moment)
    return min(moments)


def site_keys(
    fingerprint: str,
    sites,
    catalogs: dict,
    now: dt.datetime,
    local: bool,
    search: bool,
    content_dir: Path,
    extra: dict[str, str] | None = None,
    report: bool = False,
    prefix: str = "",
) -> tuple[dict[str, str], dict[str, str]]:
    """(pages key, quick index key) per site; ``extra`` adds per-site inputs that are not
    content (the digest of its visit statistics); ``report``: the public monthly report is
    built (its minute is a time fact); ``prefix``: the build's ``PORTAL_PATH_PREFIX``."""
    from portal.search.facts import quick_record
    from portal.search.index import quick_items
    from portal.theme.home import cross_site
    from portal.urls import site_root

    root = str(content_dir.resolve()) + "/"
    digests = {
        sid: [item_digest(item, root, catalog.read.get(item.source)) for item in catalog.items]
        for sid, catalog in catalogs.items()
    }
    site_list = _plain([_canon(s, root) for s in sites])
    pages: dict[str, str] = {}
    quick: dict[str, str] = {}
    for sid, catalog in catalogs.items():
        site = catalog.site

        def root_of(other, _local=local) -> str:
            return site_root(other, _local, prefix)

        others = _plain(_canon(cross_site(site, sites, catalogs, root_of), root))
        pages[sid] = _digest(
            fingerprint,
            site_list,
            sid,
            str(local),
            prefix,
            str(search),
            *digests[sid],
            _plain(time_facts(catalog, now, report)),
            others,
            (extra or {}).get(sid, ""),
        )
        if search:
            records = quick_items(site, sites, catalogs)
            quick[sid] = _digest(*(f"{i.site}/{i.url}\0{quick_record(i)}" for i in records))
    return pages, quick


# -- the record of the last build -----------------------------------------------------------------


def tree_digest(folder: Path) -> str:
    """What ``folder`` holds, cheaply: every file's path, size and modification time (nothing
    read), so a site folder damaged, emptied or half-replaced since the last build differs from
    the record and is built again. '' when the folder is missing."""
    if not folder.is_dir():
        return ""
    h = hashlib.sha256()
    stack = [("", str(folder))]
    while stack:
        rel, path = stack.pop()
        with os.scandir(path) as entries:
            found = sorted(entries, key=lambda e: e.name)
        for entry in found:
            name = f"{rel}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                stack.append((name + "/", entry.path))
                h.update(f"d {name}\0".encode())
            else:
                info = entry.stat(follow_symlinks=False)
                h.update(f"f {name} {info.st_size} {info.st_mtime_ns}\0".encode())
    return h.hexdigest()


def root_digest(output_dir: Path) -> str:
    """The files directly in the output (the development index), as ``tree_digest``."""
    h = hashlib.sha256()
    if output_dir.is_dir():
        for entry in sorted(os.scandir(output_dir), key=lambda e: e.name):
            if entry.is_file(follow_symlinks=False) and not entry.name.startswith("."):
                info = entry.stat(follow_symlinks=False)
                h.update(f"{entry.name} {info.st_size} {info.st_mtime_ns}\0".encode())
    return h.hexdigest()


def read_manifest(cache_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((cache_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if data.get("format") == FORMAT else {}


def write_manifest(cache_dir: Path, data: dict[str, Any]) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / MANIFEST
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps({"format": FORMAT, **data}, indent=1), encoding="utf-8")
    temporary.replace(target)


# -- rendered Markdown ----------------------------------------------------------------------------


class RenderCache(SealedStore):
    """Sanitised HTML by SHA-256 of the Markdown text, for one code fingerprint.

    Stored as data, never code: JSON (``render.json``) with a format number, the fingerprint
    and, for each entry, a SHA-256 of (fingerprint, key, HTML), so a truncated, corrupted or
    hand-edited entry is dropped on load. A digest anyone can recompute does not stop a
    deliberate edit, so an entry is also used only when ``trusted`` says so (the renderer
    passes its sanitiser's fixed-point check: the HTML must come out of the allow-list
    unchanged); anything else is rendered again from the Markdown. ``dropped`` counts both."""

    FORMAT = RENDER_FORMAT
    FIELD = "html"

    def render(self, text: str, render, trusted=None) -> str:
        """``render(text)``, or the cached HTML of the same text when ``trusted(html)``."""
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        html = self.entries.get(key)
        if html is not None and trusted is not None and not trusted(html):
            html = None
            self.dropped += 1
        if html is None:
            html = render(text)
        self.used[key] = html
        return html

    def save(self) -> None:
        """Keep what this build used; the pickle of earlier versions is deleted, never read."""
        super().save()
        (self.path.parent / OLD_RENDER_CACHE).unlink(missing_ok=True)


# -- one build's bookkeeping ----------------------------------------------------------------------


def cache_folder(base: dict[str, Any], output_dir: Path) -> Path:
    """Where the build keeps what it may reuse: ``PORTAL_CACHE_PATH``, else a hidden sibling
    of the output (never inside it: the cache holds drafts' rendered text, and the output is
    what gets uploaded)."""
    configured = base.get("PORTAL_CACHE_PATH")
    return Path(configured) if configured else output_dir.parent / f".{output_dir.name}-cache"


@dataclasses.dataclass
class Ledger:
    """The cache bookkeeping of one build, so that ``portal.build`` only runs stages: the last
    build's manifest read once, the decision of what to keep, each site's page plans
    (``portal.pagekeys``), record promotion and the new manifest. A disabled ledger (a ``--full``
    build) keeps nothing and records nothing.

    Order of use: ``open`` → ``unchanged`` (None: build) → ``render_cache`` and
    ``item_cache`` for the scan → ``save_caches`` →
    ``plan`` → per site ``keep_quick``/``promote`` → ``record``."""

    enabled: bool
    cache_dir: Path
    output_dir: Path
    fingerprint: str = ""
    manifest: dict[str, Any] = dataclasses.field(default_factory=dict)
    run: str = ""
    renders: RenderCache | None = None
    items: Any = None  # portal.catalog.itemcache.ItemCache
    pages_keys: dict[str, str] = dataclasses.field(default_factory=dict)
    quick_keys: dict[str, str] = dataclasses.field(default_factory=dict)
    page_plans: dict[str, Any] = dataclasses.field(default_factory=dict)

    @classmethod
    def open(cls, enabled: bool, base: dict[str, Any], cache_dir: Path, output_dir: Path) -> Ledger:
        if not enabled:
            return cls(False, cache_dir, output_dir)
        return cls(True, cache_dir, output_dir, code_fingerprint(base), read_manifest(cache_dir))

    @property
    def previous(self) -> dict[str, dict]:
        """The last build's record of each site (empty when disabled)."""
        return self.manifest.get("sites", {})

    def unchanged(
        self, content_dir: Path, now: dt.datetime, options: str, data_folders: list[Path]
    ) -> list[str] | None:
        """The sites of the last build if nothing it was made from changed (the code, the
        content, ``options``, the JSON files of ``data_folders``), ``now`` is still before the
        next moment any page changes, and its output is still what it left there; else None."""
        if not self.enabled:
            return None
        flags = options + "".join("|" + folder_fingerprint(f, "*.json") for f in data_folders)
        self.run = run_key(self.fingerprint, content_dir, flags)
        manifest = self.manifest
        if not manifest or manifest.get("run") != self.run:
            return None
        try:
            window = (
                dt.datetime.fromisoformat(manifest["now"]),
                dt.datetime.fromisoformat(manifest["next_change"]),
            )
        except (KeyError, ValueError):
            return None
        chosen = manifest.get("chosen", [])
        if not (window[0] <= now < window[1]):
            return None
        if manifest.get("root") != root_digest(self.output_dir):
            return None
        for site_id in chosen:  # the output must still be what the last build left there
            recorded = self.previous.get(site_id, {}).get("tree")
            if not recorded or recorded != tree_digest(self.output_dir / site_id):
                return None
        return chosen

    def retire(self, configured) -> list[str]:
        """Sites the last build recorded that ``configured`` (every id of sites.yml) no longer
        holds, in order: their output folders and everything the cache kept for them (Pelican's
        cache, search shards and quick records, page records) are deleted, and they leave the
        record. A site taken out of sites.yml must stop being published, and a hundred
        members' caches must not pile up. The record is read from disk for a ``--full`` build
        too; only ids that are site ids are ever turned into paths."""
        recorded = (self.manifest if self.enabled else read_manifest(self.cache_dir)).get(
            "sites", {}
        )
        if not isinstance(recorded, dict):
            return []
        gone = sorted(s for s in set(recorded) - set(configured) if SLUG.fullmatch(s))
        from portal import pagekeys
        from portal.swap import remove_tree

        for site_id in gone:
            for folder in (
                self.output_dir / site_id,
                self.cache_dir / site_id,
                self.cache_dir / "search" / "full" / site_id,
                self.cache_dir / "search" / "quick" / site_id,
            ):
                remove_tree(folder)
            records = pagekeys.records_path(self.cache_dir, site_id)
            for path in (records, records.with_name(f"{site_id}.next.json")):
                path.unlink(missing_ok=True)
            if self.enabled:
                self.manifest["sites"].pop(site_id, None)
        return gone

    def render_cache(self) -> RenderCache | None:
        """The cache of rendered Markdown for the scan (None when disabled)."""
        if self.enabled and self.renders is None:
            self.renders = RenderCache(self.cache_dir / RENDER_CACHE, self.fingerprint)
        return self.renders

    def save_caches(self) -> None:
        """Save the render and item caches now and let them go: both are complete once the
        scan is done (nothing renders Markdown or reads items after it), and kept until
        ``record`` they were held through the render by the build and its workers (~85 MB of
        JSON text at bench scale 1)."""
        for store in (self.renders, self.items):
            if store is not None:
                store.save()
        self.renders = self.items = None

    def admin_config(self, data: dict[str, Any], render) -> str:
        """``render(data)``, the form editor's configuration (``portal.cms``), or the text
        rendered by the last build from equal data with the same code (its YAML emitter is
        pure Python: ~0.6 s for a province's 13 sites). Kept in ``cms-config.json``."""
        if not self.enabled:
            return render(data)
        try:
            key = _digest(self.fingerprint, json.dumps(data, ensure_ascii=False))
        except (TypeError, ValueError):  # not plain data: always rendered
            return render(data)
        path = self.cache_dir / ADMIN_CACHE
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("key") == key and isinstance(stored.get("text"), str):
                return stored["text"]
        text = render(data)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"key": key, "text": text}), encoding="utf-8")
        temporary.replace(path)
        return text

    def item_cache(self):
        """The items read by earlier builds, for the scan (None when disabled)."""
        from portal.catalog.itemcache import ITEM_CACHE, ItemCache

        if self.enabled and self.items is None:
            self.items = ItemCache(self.cache_dir / ITEM_CACHE, self.fingerprint)
        return self.items

    def plan(self, sites, catalogs, chosen: list[str], now: dt.datetime, **facts) -> list[str]:
        """Each site's keys, and which of ``chosen`` must be built (the others are kept: same
        key, and their folder still what the last build left there), with the page plans of
        those. ``facts``: local, search, content_dir, stats_keys, report_public, prefix."""
        if not self.enabled:
            return list(chosen)
        self.pages_keys, self.quick_keys = site_keys(
            self.fingerprint,
            sites,
            catalogs,
            now,
            facts["local"],
            facts["search"],
            facts["content_dir"],
            facts["stats_keys"],
            facts["report_public"],
            facts["prefix"],
        )
        previous = self.previous
        kept = {
            s
            for s in chosen
            if self.pages_keys.get(s) and previous.get(s, {}).get("pages") == self.pages_keys[s]
            if previous[s].get("tree") and previous[s]["tree"] == tree_digest(self.output_dir / s)
        }
        to_build = [s for s in chosen if s not in kept]
        self.page_plans = self._page_plans(sites, catalogs, to_build, now, **facts)
        return to_build

    def _page_plans(self, sites, catalogs, to_build, now, **facts) -> dict[str, Any]:
        """What each site to build needs to keep its unchanged pages (``portal.pagekeys``)."""
        from portal import pagekeys

        root = str(facts["content_dir"].resolve()) + "/"
        site_list = _plain([_canon(s, root) for s in sites])
        local, search = str(facts["local"]), str(facts["search"])
        plans = {}
        for site_id in to_build:
            old = self.output_dir / site_id
            plans[site_id] = pagekeys.Plan(
                old_output=str(old) if old.is_dir() else "",
                records=str(pagekeys.records_path(self.cache_dir, site_id)),
                base=_digest(self.fingerprint, site_list, site_id, local, search),
                root=root,
                now_facts=_plain(time_facts(catalogs[site_id], now, facts["report_public"])),
            )
        return plans

    def keep_quick(self, site_id: str, bundle: str) -> bool:
        """Whether the last quick index of a site being built (its folder ``bundle``) can be
        linked as it is: same records, and still there."""
        key = self.quick_keys.get(site_id)
        return bool(
            key
            and self.previous.get(site_id, {}).get("quick") == key
            and (self.output_dir / site_id / bundle / "pagefind-entry.json").is_file()
        )

    def promote(self, site_id: str) -> None:
        """A built site was put in place: its new page records become the records."""
        if site_id in self.page_plans:
            from portal import pagekeys

            pagekeys.promote(self.cache_dir, site_id)

    def record(
        self,
        results,
        chosen: list[str],
        catalogs,
        now: dt.datetime,
        next_commit: dt.datetime | None,
        report_public: bool,
    ) -> None:
        """Save the manifest of this build (the caches were saved by ``save_caches``): each
        site's keys and counts (``results``: objects with site, items, files, search_pages),
        its folder's digest (kept sites too: their search files may have been refreshed), and
        the next moment a page changes by time alone (``next_change``)."""
        if not self.enabled:
            return
        records = dict(self.previous)
        for result in results:
            sid = result.site
            records[sid] = {
                "pages": self.pages_keys[sid],
                "quick": self.quick_keys.get(sid, ""),
                "items": result.items,
                "files": result.files,
                "search_pages": result.search_pages,
            }
        for sid, record in records.items():
            records[sid] = {**record, "tree": tree_digest(self.output_dir / sid)}
        write_manifest(
            self.cache_dir,
            {
                "root": root_digest(self.output_dir),
                "run": self.run,
                "now": now.isoformat(),
                "next_change": next_change(catalogs, now, next_commit, report_public).isoformat(),
                "chosen": chosen,
                "sites": records,
            },
        )
