"""The search indexes: Pagefind, through its command line, in two tiers per site.

- **Quick** (``<site>/pagefind/``), what a search loads first: one small record per public item
  (title, the fields a reader knows it by, summary; filters and sort date), built from the
  catalog (``portal.search.facts``). A parent's quick index holds its members' items too, so one
  index answers across sites and the first query of a reader on a slow link stays small
  (``make bench-search``). Each site's own records are indexed apart and kept in the build's
  cache (``<cache>/quick/<site>/``); a parent's index is their merge (``portal.search.merge``),
  so an edit in one site indexes that site's records again, not every member's.
- **Full text** (``<site>/pagefind-full/``): every public item's page as written, marked by its
  template (``data-pagefind-body``); listings, tags, archives, notices and error pages never
  are. It is indexed in shards (``portal.search.shards``: by section kind and year, by month
  when a year is large; a site of at most ``SHARD_ABOVE`` pages is one shard) kept in the
  build's cache (``<cache>/full/<site>/<shard>/``); a build indexes again only the shards whose
  pages changed and merges all of them into the one bundle it serves, ``pagefind-full/all/``
  (one shard is linked as Pagefind wrote it), listed in ``pagefind-full/shards.json``. The
  merged bundle is what one Pagefind run over every page writes (``portal.search.merge``): same
  results, scores, excerpts, filters and sorts, and no shard answers a word it lacks with a
  shorter one. The search page loads it when the reader asks for full text (offered first when
  the quick index finds nothing); a parent merges its members' in the browser (copies in
  ``pagefind-sites/<id>/full/``), a member may merge its parent's.

Pagefind reads staged copies with ``đ`` marked for folding (``portal.search.fold``), written in
memory (``/dev/shm``) when there is room; the files served to readers are not touched. A build
fails when an index is missing or does not hold exactly the site's public items, in total, shard
by shard and merged: Pagefind itself reports success when nothing matched.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import gc
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from portal.paths import SEARCH_BUNDLE, SEARCH_FULL, SEARCH_SHARED
from portal.search import merge as merging
from portal.search import shards as sharding
from portal.search.facts import quick_record
from portal.search.fold import mark_d
from portal.swap import put_in_place
from portal.workers import dies_with_this_process

BUNDLE = SEARCH_BUNDLE  # the quick index
FULL = SEARCH_FULL  # the full-text index
SHARED = SEARCH_SHARED  # other sites' full-text shards, copied beside ours: <SHARED>/<id>/full/
SHARED_FULL = "full"
SERVED = sharding.WHOLE  # the one served full-text bundle: pagefind-full/all/
BODY_MARKER = "data-pagefind-body"
LANGUAGE = "vi"  # one index per tier: English standing pages fold just as well
# Pagefind writes its own UIs too; the portal has its own search page and never loads them.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# A merged index runs on the primary's code and WebAssembly: its copy needs only the data.
MERGED_SKIP = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")


class SearchIndexError(Exception):
    """A site's search index could not be written, or does not hold what it must."""

    def __init__(self, site: str, message: str):
        self.site = site
        self.message = message
        super().__init__(f"{site}: {message}")


@dataclass
class IndexStats:
    site: str
    pages: int  # full-text pages
    seconds: float
    bundle: Path  # the quick index
    quick_pages: int = 0
    shards: int = 0  # full-text shards
    reindexed: int = 0  # of which indexed by this run (the others kept in the cache)
    reindexed_pages: int = 0  # pages in the shards indexed by this run


@dataclass
class FullText:
    pages: int
    shards: int
    reindexed: int
    reindexed_pages: int


def page_url(root: str, relpath: str) -> str:
    """The public URL of an output file: ``a/index.html`` is served as ``a/``."""
    if relpath == "index.html":
        relpath = ""
    elif relpath.endswith("/index.html"):
        relpath = relpath[: -len("index.html")]
    return f"{root.rstrip('/')}/{relpath}"


def indexable_files(site_dir: Path) -> list[Path]:
    """Every HTML file of a site whose template marked it for search, in a stable order."""
    return [site_dir / relpath for relpath in _marked_pages(site_dir)]


def _marked_pages(site_dir: Path) -> dict[str, str]:
    """``indexable_files`` as site-relative path → HTML, each file read once."""
    found = {}
    for path in sorted(site_dir.rglob("*.html")):
        relpath = path.relative_to(site_dir)
        if relpath.parts[0] in (BUNDLE, FULL, SHARED):
            continue
        text = path.read_text(encoding="utf-8")
        if BODY_MARKER in text:
            found[relpath.as_posix()] = text
    return found


# Pagefind groups words into index chunks of about this many postings (positions plus one per
# page); a search fetches the chunks of its words. Its default (about ten times this) makes a
# rare word cost as much as its common neighbours. The setting is marked unstable by Pagefind:
# re-measure with make bench-search when upgrading.
CHUNK_SIZE = "1000"
ATTEMPTS = 2
DECODED = "decoded.cbor"  # beside a shard's bundle (portal.search.merge.load)
OLD_DECODED = "decoded.pickle"  # of earlier versions: deleted unread


def _index(staging: Path, bundle: Path) -> None:
    """Pagefind's command line on the staged folder. Not its Python service: the service
    answers a write before the files are on disk and is then terminated, which left empty
    files behind on a loaded machine (seen with two sites indexed at once); the command exits
    only once everything is written."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise FileNotFoundError("pagefind")
    env = {**os.environ}
    env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = _chunk_size()  # the size the merge cuts by
    done = subprocess.run(
        [
            str(binary),
            "--site",
            str(staging),
            "--output-path",
            str(bundle.resolve()),
            "--force-language",
            LANGUAGE,
        ],
        env=env,
        preexec_fn=dies_with_this_process(),  # a killed build leaves no indexer running
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError((done.stderr or done.stdout).strip()[-2000:])


def _entry_pages(bundle: Path) -> int | None:
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return sum(int(lang.get("page_count", 0)) for lang in entry.get("languages", {}).values())


# Pages are staged for Pagefind in memory when there is room (tmpfs): on disk, writing and
# removing a staged copy cost ~5x the CPU and ~10x the wall time (0.4 s and 1.4-2.7 s for 768
# pages, side by side on a loaded machine), more than Pagefind's own start.
MEMORY_STAGING = "/dev/shm"


def _staging_root(pages: dict[str, str]) -> str | None:
    """Where to stage ``pages``: ``MEMORY_STAGING`` when it holds twice their size (a
    container's is often 64 MB), else the system's temporary folder (None)."""
    need = 2 * sum(3 * len(text) + 4096 for text in pages.values())  # bytes, at most
    try:
        room = os.statvfs(MEMORY_STAGING)
    except OSError:
        return None
    if room.f_bavail * room.f_frsize < need or not os.access(MEMORY_STAGING, os.W_OK | os.X_OK):
        return None
    return MEMORY_STAGING


def _write_bundle(site_id: str, pages: dict[str, str], bundle: Path, marked: bool = False) -> None:
    """Index ``pages`` (staging path → HTML) into ``bundle``; Pagefind reads the staged folder in
    one request with its own threads (its Python service answers one request per 0.1 s, far too
    slow to feed 10,000 pages one by one). Checks that every page made it in."""
    shutil.rmtree(bundle, ignore_errors=True)
    if not pages:
        # A site with no public item has nothing to search, and Pagefind refuses an empty
        # folder: the bundle stays empty (the site is left out of the others' searches).
        bundle.mkdir(parents=True)
        return
    with tempfile.TemporaryDirectory(
        prefix=f"portal-search-{site_id}-", dir=_staging_root(pages)
    ) as staging:
        made: set[str] = set()
        for relpath, text in pages.items():
            target = os.path.join(staging, relpath)
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(target, "wb") as handle:
                handle.write((text if marked else mark_d(text)).encode("utf-8"))
        for attempt in range(1, ATTEMPTS + 1):
            try:
                _index(Path(staging), bundle)
            except FileNotFoundError as exc:
                raise SearchIndexError(
                    site_id, f"không chạy được Pagefind ({exc}); hãy chạy lại make install"
                ) from None
            except RuntimeError as exc:
                raise SearchIndexError(
                    site_id, f"Pagefind báo lỗi khi lập chỉ mục: {exc}"
                ) from None
            found = _entry_pages(bundle)
            if found is not None or attempt == ATTEMPTS:
                break
            # No entry file: index again rather than publish half a bundle.
            shutil.rmtree(bundle, ignore_errors=True)
    if found is None:
        raise SearchIndexError(site_id, f"Pagefind không ghi chỉ mục vào {bundle}")
    if found != len(pages):
        raise SearchIndexError(site_id, f"chỉ mục có {found} trang, cần có {len(pages)} trang")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)


def forget_pickles(cache: Path) -> None:
    """Delete, unread, the decoded pickles earlier versions kept in the search cache
    (``<cache>/quick/<site>/`` and ``<cache>/full/<site>/<shard>/``): a quick index kept as it
    is never reaches ``_cached_bundle``, which deletes them too."""
    for pattern in (f"quick/*/{OLD_DECODED}", f"full/*/*/{OLD_DECODED}"):
        for leftover in cache.glob(pattern):
            leftover.unlink(missing_ok=True)


def _cached_bundle(
    site_id: str, pages: dict[str, str], folder: Path, settings: str, decode: bool = True
) -> tuple[merging.Bundle | Path | None, bool]:
    """The Pagefind bundle of ``pages`` (staged, ``đ`` marked) in ``folder/bundle/``, with its
    key and decoded cache (``decoded.cbor``: data, checked on load) beside it, indexed again only
    when its key changed or it does not hold its pages. A ``decoded.pickle`` of earlier versions
    is deleted, never read. Returns the decoded bundle (None without pages; only the bundle's
    folder unless ``decode``: a bundle served as it is needs no decoding) and whether Pagefind
    ran."""
    if not pages:
        shutil.rmtree(folder, ignore_errors=True)
        return None, False
    shard_key = sharding.key(pages, settings)
    bundle, stamp, decoded = folder / "bundle", folder / "key", folder / DECODED
    (folder / OLD_DECODED).unlink(missing_ok=True)  # a pickle: code, not data
    try:
        kept = stamp.read_text(encoding="ascii") == shard_key
    except OSError:
        kept = False
    if kept and _entry_pages(bundle) == len(pages):
        if not decode:
            return bundle, False
        try:
            part = merging.load(bundle, decoded)
            if len(part.pages) == len(pages):
                return part, False
        except (OSError, ValueError, KeyError, TypeError, AttributeError, merging.MergeError):
            pass
    stamp.unlink(missing_ok=True)
    earlier = merging.earlier(bundle, decoded) if decode else None
    decoded.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    before = folder / "bundle.before"
    shutil.rmtree(before, ignore_errors=True)
    if bundle.is_dir():
        os.replace(bundle, before)
    _write_bundle(site_id, pages, bundle, marked=True)
    same = frozenset()
    if before.is_dir():
        same = _keep_unchanged(before, bundle)
        shutil.rmtree(before, ignore_errors=True)
    if not decode:
        stamp.write_text(shard_key, encoding="ascii")
        return bundle, True
    try:
        part = merging.load(bundle, decoded, earlier, same)
    except (OSError, ValueError, KeyError, IndexError, merging.MergeError) as exc:
        raise SearchIndexError(
            site_id, f"không đọc được chỉ mục Pagefind vừa ghi ở {bundle}: {exc}"
        ) from None
    part.earlier = earlier
    stamp.write_text(shard_key, encoding="ascii")
    return part, True


# Folders of a bundle whose files Pagefind names by a hash of their content.
HASHED = ("fragment", "index", "filter")


def _keep_unchanged(before: Path, bundle: Path) -> frozenset[str]:
    """A shard indexed again keeps the files of its earlier bundle (``before``) that Pagefind
    wrote again byte for byte (same name in a hashed folder, same bytes: compared, not trusted),
    as the same inodes: an edit of one page then changes one fragment of the served bundle,
    not the shard's hundreds, and ``mirror`` finds every other copy (the served bundle, the
    related sites' copies) already up to date. Returns those files (``fragment/<name>``…): what
    the earlier decoded bundle says they hold is still true (``portal.search.merge.read``)."""
    same = set()
    for folder in HASHED:
        old_root, new_root = os.path.join(before, folder), os.path.join(bundle, folder)
        try:
            with os.scandir(old_root) as entries:
                old = {e.name: e for e in entries if e.is_file(follow_symlinks=False)}
            with os.scandir(new_root) as entries:
                new = [e for e in entries if e.name in old and e.is_file(follow_symlinks=False)]
        except OSError:
            continue
        for entry in new:
            was = old[entry.name]
            if was.stat().st_size != entry.stat().st_size or not _same_bytes(was, entry):
                continue
            same.add(f"{folder}/{entry.name}")
            fresh = os.path.join(new_root, f".{entry.name}.kept")
            try:
                os.link(was.path, fresh)
            except OSError:  # no hard links here: the new file serves as well
                continue
            os.replace(fresh, entry.path)
    return frozenset(same)


def _same_bytes(a: os.DirEntry, b: os.DirEntry) -> bool:
    with open(a.path, "rb") as one, open(b.path, "rb") as two:
        return one.read() == two.read()


def _merged(
    site_id: str,
    parts: list[merging.Bundle | Path],
    sort_values: dict[str, dict[str, str]],
    target: Path,
    expected: int,
    kept: Path,
) -> None:
    """The served bundle of ``parts`` in ``target`` (a new folder), checked like one indexed
    by Pagefind: it must hold every page. Merged into ``target``; its index chunks are kept
    (linked) in ``kept`` (in the cache), which the next merge reuses where they did not
    change."""
    shutil.rmtree(target, ignore_errors=True)
    if not expected:
        target.mkdir(parents=True)
        return
    if len(parts) == 1:  # one part is already what one run gives
        mirror(parts[0] if isinstance(parts[0], Path) else parts[0].folder, target)
    else:
        fresh = kept.with_name(kept.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            merging.merge(
                parts,
                target,
                sort_values,
                chunk_size=int(_chunk_size()),
                reuse=kept if kept.is_dir() else None,
                keep=fresh,
            )
        except merging.MergeError as exc:
            raise SearchIndexError(site_id, f"không gộp được chỉ mục: {exc}") from None
        shutil.rmtree(kept, ignore_errors=True)
        os.replace(fresh, kept)
        os.replace(
            fresh.with_name(fresh.name + ".chunks.json"),
            kept.with_name(kept.name + ".chunks.json"),
        )
    found = _entry_pages(target)
    if found != expected:
        raise SearchIndexError(site_id, f"chỉ mục có {found} trang, cần có {expected} trang")


def _chunk_size() -> str:
    return os.environ.get("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", CHUNK_SIZE)


def _sorts(pages: dict[str, str], url) -> dict[str, dict[str, str]]:
    return {url(rel): merging.sort_values(text) for rel, text in pages.items()}


def _cycles_left_alone(function):
    """``function`` run with Python's cyclic garbage collector paused (as it was after). Decoded
    shards are hundreds of thousands of small tuples, and a merge allocates as many again: the
    collector, set off by the allocations, traversed all of them again and again (~0.7 CPU-s of
    an edit's 2.3 in index_site at bench scale 1, measured side by side). Nothing here makes
    reference cycles worth collecting before the function returns."""

    @functools.wraps(function)
    def paused(*args, **kwargs):
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@_cycles_left_alone
def index_full(
    site_id: str,
    site_dir: Path,
    expected: Iterable[str] | None = None,
    sharded: bool = True,
    cache: Path | None = None,
    shard_above: int = sharding.SHARD_ABOVE,
) -> FullText:
    """The full-text index of a built site: one bundle, ``site_dir/pagefind-full/all/``, listed
    in ``pagefind-full/shards.json``; result URLs are relative to the site's root
    (``/tin-tuc/…``). ``expected``: the site-relative URLs of its public items, which must be
    exactly the pages marked for search. The bundle is merged (``portal.search.merge``) from
    shards (``portal.search.shards``; one per site unless ``sharded`` and the site has more than
    ``shard_above`` pages) kept in ``cache``
    (``<cache>/full/<site>/<shard>/``): a shard whose pages did not change is not indexed
    again. Without ``cache`` every shard is indexed (in a temporary folder)."""
    marked = _marked_pages(site_dir)
    urls = {page_url("/", relpath) for relpath in marked}
    if expected is not None:
        want = set(expected)
        missing, extra = sorted(want - urls), sorted(urls - want)
        if missing or extra:
            parts = []
            if missing:
                parts.append("trang không được đánh dấu để tìm kiếm: " + ", ".join(missing[:10]))
            if extra:
                parts.append("trang không được đưa vào tìm kiếm: " + ", ".join(extra[:10]))
            raise SearchIndexError(site_id, "; ".join(parts))
    # Every page carries its site's label (the search page merges sites in the browser).
    for relpath, text in marked.items():  # one copy of the pages held at a time, not three
        marked[relpath] = mark_d(text)
    pages = sharding.labelled(marked, f"{site_id}/{SERVED}")
    del marked
    target = site_dir / FULL
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    settings = sharding.indexer_settings()
    with tempfile.TemporaryDirectory(prefix=f"portal-shards-{site_id}-") as scratch:
        store = (cache / "full" / site_id) if cache is not None else Path(scratch)
        plan = sharding.plan(pages, sharded=sharded, shard_above=shard_above)
        parts, reindexed, reindexed_pages = [], 0, 0
        for name, shard in plan.items():
            part, indexed = _cached_bundle(site_id, shard, store / name, settings, len(plan) > 1)
            if part is not None:
                parts.append(part)
            if indexed:
                reindexed += 1
                reindexed_pages += len(shard)
        if sum(len(s) for s in plan.values()) != len(pages):  # every page in exactly one shard
            raise SearchIndexError(site_id, "chỉ mục toàn văn không khớp các trang được đánh dấu")
        if store.is_dir():  # shards of an earlier plan
            for stale in store.iterdir():
                if stale.name not in plan and not stale.name.startswith("."):
                    shutil.rmtree(stale, ignore_errors=True)
        values = _sorts(pages, lambda r: page_url("/", r))
        _merged(site_id, parts, values, target / SERVED, len(pages), store / ".served")
    entries = (
        [{"name": SERVED, "pages": len(pages), "key": sharding.key(pages, settings)}]
        if pages
        else []
    )
    sharding.write_manifest(target, entries)
    return FullText(len(pages), len(plan), reindexed, reindexed_pages)


@_cycles_left_alone
def index_quick(
    site_id: str,
    site_dir: Path,
    items: Iterable,
    bundle: Path | None = None,
    cache: Path | None = None,
) -> int:
    """The quick index of a site, in ``site_dir/pagefind/``, from catalog items (its own public
    items and those of the sites it searches). A record's URL is ``/<site-id>/<item URL>``; the
    search page maps the site id to that site's root. The records of each site are indexed
    apart and kept in ``cache`` (``<cache>/quick/<site>/``), so a parent whose member changed
    indexes only that member's records again; the parts are merged into one bundle
    (``portal.search.merge``), as one Pagefind run over every record would write it. Returns
    the record count."""
    by_site: dict[str, dict[str, str]] = {}
    for item in items:
        by_site.setdefault(item.site, {})[f"{item.site}/{item.url}index.html"] = mark_d(
            quick_record(item)
        )
    count = sum(len(p) for p in by_site.values())
    settings = sharding.indexer_settings()
    with tempfile.TemporaryDirectory(prefix=f"portal-quick-{site_id}-") as scratch:
        store = (cache / "quick") if cache is not None else Path(scratch)
        parts = []
        for owner in sorted(by_site):
            part, _ = _cached_bundle(
                site_id, by_site[owner], store / owner, settings, len(by_site) > 1
            )
            if part is not None:
                parts.append(part)
        values = {
            page_url("/", rel): merging.sort_values(text)
            for pages in by_site.values()
            for rel, text in pages.items()
        }
        served = store / f".served-{site_id}"
        _merged(site_id, parts, values, bundle or site_dir / BUNDLE, count, served)
    return count


def index_site(
    site_id: str,
    site_dir: Path,
    expected: Iterable[str] | None = None,
    quick_items: Iterable | None = None,
    sharded: bool = True,
    cache: Path | None = None,
    shard_above: int = sharding.SHARD_ABOVE,
) -> IndexStats:
    """Both tiers of one built site (the quick tier only when ``quick_items`` is given);
    ``sharded``, ``cache`` and ``shard_above``: see ``index_full``."""
    started = time.perf_counter()
    full = index_full(site_id, site_dir, expected, sharded, cache, shard_above)
    quick = (
        index_quick(site_id, site_dir, quick_items, cache=cache) if quick_items is not None else 0
    )
    return IndexStats(
        site_id,
        full.pages,
        time.perf_counter() - started,
        site_dir / BUNDLE,
        quick,
        full.shards,
        full.reindexed,
        full.reindexed_pages,
    )


def quick_items(site, sites, catalogs: dict) -> list:
    """What a site's quick index holds: its public items and, for a parent, its members', in a
    stable order. (A member's reader who asks for the parent too searches both full texts.)
    One index per site merged in the browser was tried and measured: Pagefind scores each
    index with its own word statistics and skips a word an index does not hold, which changed
    the parent's ranking and let a member answer a query for only some of its words."""
    wanted = [site.id] + [s.id for s in sites if s.parent == site.id]
    items = [i for sid in wanted if sid in catalogs for i in catalogs[sid].items if i.listed]
    return sorted(items, key=lambda i: (i.site, i.url))


def share_between(
    site_dirs: dict[str, Path],
    sites,
    targets: Iterable[str],
    sources: Iterable[str] | None = None,
) -> None:
    """Copy each site's full-text shards into the folders of its parent and members (of those
    among ``targets``; only those of ``sources`` when given), so that a search page merges
    indexes from its own origin (no CORS, ``connect-src 'self'``): ``pagefind-sites/<id>/full/``.
    Each copy is mirrored as hard links, changed files only, so a site being served never
    shows half a copy."""
    by_id = {s.id: s for s in sites}
    targets = set(targets)
    wanted = set(sources) if sources is not None else None
    listed: dict[str, dict[str, os.DirEntry]] = {}  # each source walked once, not per copy
    for site in sites:
        if not site.parent or site.parent not in by_id:
            continue
        for source, target in ((site.id, site.parent), (site.parent, site.id)):
            if target not in targets or (wanted is not None and source not in wanted):
                continue
            if source not in site_dirs or target not in site_dirs:
                continue
            own = site_dirs[source] / FULL
            if own.is_dir():
                # Only what a merged search reads: the page loads Pagefind from its own bundle.
                if source not in listed:
                    listed[source] = _tree(str(own), _skipped(MERGED_SKIP))
                copy = site_dirs[target] / SHARED / source / SHARED_FULL
                mirror(own, copy, skip=MERGED_SKIP, listing=listed[source])


def _skipped(skip: tuple[str, ...]):
    return re.compile("|".join(fnmatch.translate(p) for p in skip)).match if skip else None


def mirror(
    source: Path,
    target: Path,
    skip: tuple[str, ...] = (),
    listing: dict[str, os.DirEntry] | None = None,
) -> None:
    """Make ``target`` hold what ``source`` holds (but names matching ``skip``), as hard links:
    no bytes copied, and a rebuilt bundle changes only the files that changed. Pagefind names
    its index files by their content, so new files are linked first, then the few with
    fixed names (the entry file, the WebAssembly) replaced one by one, then the stale ones
    removed: a reader in between finds either bundle whole. (Walked with ``os.scandir`` on
    plain strings: a bundle holds one file per page, and the parent's is copied into every
    member.) A file already in ``target`` is compared by the inode number its folder lists
    (``DirEntry.inode``, no system call) once ``source`` and ``target`` are on one device: this
    trusts that no other file system is mounted inside either bundle. ``listing``: ``source``
    as ``_tree`` listed it with ``skip`` (a caller copying one bundle to many places)."""
    wanted = listing if listing is not None else _tree(str(source), _skipped(skip))
    folders: list[str] = []  # the target's, deepest last
    have = _tree(str(target), folders=folders) if target.is_dir() else {}
    one_device = bool(have) and os.stat(source).st_dev == os.stat(target).st_dev
    fixed = {rel for rel in wanted if "/" not in rel and not rel.startswith("pagefind.")}
    made: set[str] = set()
    root = str(target)
    for rel in sorted(wanted, key=lambda r: (r in fixed, r)):
        entry = wanted[rel]
        destination = os.path.join(root, rel)
        old = have.get(rel)
        if old is not None:
            if one_device and not entry.is_symlink() and not old.is_symlink():
                if entry.inode() == old.inode():
                    continue
            else:
                mine, theirs = entry.stat(), old.stat(follow_symlinks=True)
                if (mine.st_ino, mine.st_dev) == (theirs.st_ino, theirs.st_dev):
                    continue
        folder = os.path.dirname(destination)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        if old is None:  # a new name: linked in one step, as atomic as a replace
            try:
                os.link(entry.path, destination)
                continue
            except FileExistsError:
                pass
            except OSError:  # another file system: copy
                shutil.copy2(entry.path, destination)
                continue
        fresh = os.path.join(folder, f".{os.path.basename(destination)}.new")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(fresh)
        try:
            os.link(entry.path, fresh)
        except OSError:  # another file system: copy
            shutil.copy2(entry.path, fresh)
        os.replace(fresh, destination)
    stale = sorted(have.keys() - wanted.keys())
    for rel in stale:
        os.unlink(os.path.join(root, rel))
    if stale:  # folders left empty go (the target's folders only: the files are listed)
        for folder in sorted(folders, key=lambda f: -f.count("/")):
            path = os.path.join(root, folder)
            with os.scandir(path) as entries:
                empty = next(entries, None) is None
            if empty:
                os.rmdir(path)


def _tree(root: str, skipped=None, folders: list[str] | None = None) -> dict[str, os.DirEntry]:
    """Every file under ``root`` (following links to files, as ``Path.is_file``) by its path
    relative to it, ``/``-separated; names matched by ``skipped`` left out. Its folders (but
    ``root``) are added to ``folders`` when given."""
    found: dict[str, os.DirEntry] = {}
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{prefix}{entry.name}/", entry.path))
                    if folders is not None:
                        folders.append(f"{prefix}{entry.name}")
                elif entry.is_file() and not (skipped and skipped(entry.name)):
                    found[prefix + entry.name] = entry
    return found


def share_bundles(output_dir: Path, sites) -> None:
    """Share the bundles between every related pair of sites built in ``output_dir``. Only
    bundles that exist are copied: a partial build keeps what an earlier build wrote."""
    dirs = {s.id: output_dir / s.id for s in sites if (output_dir / s.id).is_dir()}
    share_between(dirs, sites, dirs)


def refresh_quick(site_id: str, site_dir: Path, items: Iterable, cache: Path | None = None) -> int:
    """A new quick index for a site otherwise kept as it was, swapped in whole."""
    fresh = site_dir / f".{BUNDLE}.new"
    count = index_quick(site_id, site_dir, items, bundle=fresh, cache=cache)
    put_in_place(fresh, site_dir / BUNDLE)
    shutil.rmtree(fresh, ignore_errors=True)
    return count


def index_sites(
    output_dir: Path,
    sites,
    catalogs: dict | None = None,
    expected: dict | None = None,
    sharded: bool = True,
    cache: Path | None = None,
) -> list[IndexStats]:
    """Index every built site of ``sites`` in ``output_dir`` (the quick tier when ``catalogs``
    is given), then share the full-text bundles. ``cache``: see ``index_full``."""
    stats = []
    for site in sites:
        site_dir = output_dir / site.id
        if not site_dir.is_dir():
            continue
        want = expected.get(site.id) if expected is not None else None
        items = quick_items(site, sites, catalogs) if catalogs is not None else None
        stats.append(index_site(site.id, site_dir, want, items, sharded=sharded, cache=cache))
    share_bundles(output_dir, sites)
    return stats
