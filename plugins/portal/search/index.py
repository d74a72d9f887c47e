"""The search index: Pagefind, through its Python API, run on each finished site.

Only pages whose template marks them ``data-pagefind-body`` are indexed (the public items:
articles, documents, schedules, invitations, procedures, Q&A, consultations and standing pages);
listings, tags, archives, notices and error pages never are. Each site gets its own bundle in
``<site>/pagefind/``, so indexing memory is bounded by the largest site, not the whole portal.
Pagefind reads copies of the pages with ``đ`` marked for folding (``portal.search.fold``); the
files served to readers are not touched.

A build fails when a site's index is missing, empty, or does not hold exactly the site's public
items: Pagefind itself reports success when nothing on a page matched.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from portal.search.fold import mark_d

BUNDLE = "pagefind"
SHARED = "pagefind-sites"  # other sites' bundles, copied beside ours: <SHARED>/<site-id>/
BODY_MARKER = "data-pagefind-body"
LANGUAGE = "vi"  # one index per site: English standing pages fold just as well
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
    pages: int
    bytes: int
    seconds: float
    bundle: Path


def page_url(root: str, relpath: str) -> str:
    """The public URL of an output file: ``a/index.html`` is served as ``a/``."""
    if relpath == "index.html":
        relpath = ""
    elif relpath.endswith("/index.html"):
        relpath = relpath[: -len("index.html")]
    return f"{root.rstrip('/')}/{relpath}"


def indexable_files(site_dir: Path) -> list[Path]:
    """Every HTML file of a site whose template marked it for search, in a stable order."""
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).parts
        if rel[0] in (BUNDLE, SHARED):
            continue
        with path.open(encoding="utf-8") as handle:
            if BODY_MARKER in handle.read():
                found.append(path)
    return found


async def _index(staging: Path, bundle: Path) -> int:
    from pagefind.index import PagefindIndex

    config = {"force_language": LANGUAGE, "output_path": str(bundle.resolve())}
    async with PagefindIndex(config=config) as index:
        answer = await index.add_directory(str(staging))
    return int(answer.get("page_count") or 0)


def _run(coroutine):
    """Run Pagefind's asyncio client on a thread of its own: the caller may already be inside
    an event loop (a server, a notebook, Playwright's sync API in the tests)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _stage(site_dir: Path, files: list[Path], staging: Path) -> None:
    """Copies of the pages to index with đ marked, at the same relative paths. (Pagefind reads
    a folder in one request with its own threads; the Python service answers one page-sized
    request per 0.1 s, far too slow to feed 10,000 pages one by one.)"""
    for path in files:
        target = staging / path.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(mark_d(path.read_text(encoding="utf-8")), encoding="utf-8")


def _entry_pages(bundle: Path) -> int | None:
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return sum(int(lang.get("page_count", 0)) for lang in entry.get("languages", {}).values())


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def index_site(site_id: str, site_dir: Path, expected: Iterable[str] | None = None) -> IndexStats:
    """Index one built site into ``site_dir/pagefind/``. Result URLs are relative to the site's
    root (``/tin-tuc/…``); the search page gives each bundle its site's root as ``baseUrl``.
    ``expected``: the site-relative URLs of its public items, which must be exactly what gets
    indexed."""
    started = time.perf_counter()
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    files = indexable_files(site_dir)
    urls = {page_url("/", f.relative_to(site_dir).as_posix()) for f in files}
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
    with tempfile.TemporaryDirectory(prefix=f"portal-search-{site_id}-") as staging:
        _stage(site_dir, files, Path(staging))
        try:
            indexed = _run(_index(Path(staging), bundle))
        except FileNotFoundError as exc:
            raise SearchIndexError(
                site_id, f"không chạy được Pagefind ({exc}); hãy chạy lại make install"
            ) from None
        except Exception as exc:  # the service's own errors carry no common type
            raise SearchIndexError(site_id, f"Pagefind báo lỗi khi lập chỉ mục: {exc}") from None
    pages = _entry_pages(bundle)
    if pages is None:
        raise SearchIndexError(site_id, f"Pagefind không ghi chỉ mục vào {bundle}")
    if pages != len(files) or indexed != len(files):
        raise SearchIndexError(site_id, f"chỉ mục có {pages} trang, cần có {len(files)} trang")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return IndexStats(site_id, pages, _size(bundle), time.perf_counter() - started, bundle)


def share_bundles(output_dir: Path, sites) -> None:
    """Copy each member's bundle into its parent's output and the parent's into each member's,
    so that a search page merges indexes from its own origin (no CORS, ``connect-src 'self'``).
    Only bundles that exist are copied: a partial build keeps what an earlier build wrote."""
    by_id = {s.id: s for s in sites}
    for site in sites:
        if not site.parent or site.parent not in by_id:
            continue
        for source, target in ((site.id, site.parent), (site.parent, site.id)):
            own = output_dir / source / BUNDLE
            target_dir = output_dir / target
            if not own.is_dir() or not target_dir.is_dir():
                continue
            copy = target_dir / SHARED / source
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(own, copy, ignore=shutil.ignore_patterns(*MERGED_SKIP))


def index_sites(
    output_dir: Path, sites, local: bool = True, expected: dict[str, set[str]] | None = None
) -> list[IndexStats]:
    """Index every built site of ``sites`` in ``output_dir``, then share the bundles."""
    stats = []
    for site in sites:
        site_dir = output_dir / site.id
        if not site_dir.is_dir():
            continue
        want = expected.get(site.id) if expected is not None else None
        stats.append(index_site(site.id, site_dir, want))
    share_bundles(output_dir, sites)
    return stats
