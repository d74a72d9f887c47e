"""Full-text shards: a site's full-text index split so that one edit re-indexes a small part.

Contract:
- ``plan(pages)`` groups the pages marked for search (staging path → HTML as written) into
  shards by the section kind and year the page itself declares (its ``type`` filter and its
  ``date`` sort key, written by ``components/search_record.html``); a (kind, year) holding more
  than ``MAX_PAGES`` pages is split by month. Names are ASCII (``articles-2025``,
  ``articles-2025-03``, ``pages-0000`` for undated pages, never split) and stable: an edit moves
  a page between shards only when it changes the page's kind or date. On by default
  (``PORTAL_SEARCH_SHARDS``; off: one shard, ``all``, per site). A site of at most
  ``SHARD_ABOVE`` pages (``PORTAL_SEARCH_SHARD_ABOVE``) is one shard, ``all``, too: Pagefind
  costs about the same per page in one run as in many (~2.5 ms of CPU, ~0.02 s a run), while
  decoding and merging shards costs ~1.5 ms per page more, so a small site is served as Pagefind
  wrote it, unmerged, and an edit re-indexes at most ``SHARD_ABOVE`` pages. Shards are the
  build's cache, never served: a site serves one bundle merged from them
  (``portal.search.merge``; its one shard linked as it is), so Pagefind's fallback to a shorter
  word where an index lacks a query word (``khmer`` finding ``kh…``) happens only for words the
  whole site lacks, as with one index.
- ``key(pages)`` is a shard's key: SHA-256 of the indexer's settings (Pagefind's version, the
  chunk size, the language, this format) and of every page's path and bytes as Pagefind reads
  them. Equal keys mean equal shards: a build re-indexes only shards whose key changed
  (``portal.search.index.index_full``).
- ``labelled(pages, value)``: each page with a hidden filter ``shard:<value>`` inside its
  searchable element. The build labels every page of a site ``<site>/all``, the name of its
  served bundle: the search page merges sites in the browser (a parent and its members) and
  keeps a site's results only when the site holds every word typed, and merges sorted lists
  by date itself.
- ``MANIFEST`` (``shards.json`` in ``pagefind-full/``) lists what a site serves (one bundle,
  ``all``: name, pages, key) for the search page.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib import metadata
from pathlib import Path

MANIFEST = "shards.json"
FORMAT = 1
# A (kind, year) above this many pages is split by month. Measured with make bench-search
# (python -m portal_bench.search_edit): one Pagefind run costs ~0.3 s before its first page, and
# about 4 ms per page after; a month of a 10,000-article site is 150–250 pages.
MAX_PAGES = 1000
WHOLE = "all"  # the one shard of a site when sharding is off
# A site with at most this many full-text pages is one shard (``PORTAL_SEARCH_SHARD_ABOVE``).
# Measured side by side (docs/architecture.md, "Small sites are one shard"): at bench scale 0.3
# a member of ~230 pages in ~11 shards spent more CPU decoding and merging them than Pagefind
# did indexing them. Lower it where memory is short: Pagefind holds ~0.2 MB a page.
SHARD_ABOVE = MAX_PAGES

_TYPE = re.compile(r'data-pagefind-filter="type:([^"]+)"')
_DATE = re.compile(r'data-pagefind-sort="date:(\d{4})-(\d{2})')
_SAFE = re.compile(r"[^a-z0-9]+")
_BODY = re.compile(r"<[^<>]*\sdata-pagefind-body[^<>]*>")
UNDATED = "0000"  # the year of pages without a date: one shard per kind, never split (the
# search page leaves it out of a sorted search by its name's end)
FILTER = "shard"  # the filter key naming a page's shard (never shown to readers)


def _kind_and_month(text: str) -> tuple[str, str, str]:
    kind = _TYPE.search(text)
    date = _DATE.search(text)
    name = _SAFE.sub("-", (kind.group(1) if kind else "pages").lower()).strip("-") or "pages"
    return (name, date.group(1), date.group(2)) if date else (name, UNDATED, "00")


def plan(
    pages: dict[str, str], max_pages: int = MAX_PAGES, sharded: bool = True, shard_above: int = 0
) -> dict[str, dict[str, str]]:
    """Shard name → its pages (a sub-dict of ``pages``), names and pages in a stable order.
    ``sharded=False`` (``PORTAL_SEARCH_SHARDS`` off), or at most ``shard_above`` pages (the build
    passes ``SHARD_ABOVE``): one shard, ``all``."""
    if not sharded or len(pages) <= shard_above:
        return {WHOLE: dict(sorted(pages.items()))} if pages else {}
    groups: dict[tuple[str, str], dict[str, dict[str, str]]] = {}
    for relpath in sorted(pages):
        kind, year, month = _kind_and_month(pages[relpath])
        groups.setdefault((kind, year), {}).setdefault(month, {})[relpath] = pages[relpath]
    shards: dict[str, dict[str, str]] = {}
    for (kind, year), months in sorted(groups.items()):
        if year == UNDATED or sum(len(m) for m in months.values()) <= max_pages:
            shards[f"{kind}-{year}"] = {r: t for m in sorted(months) for r, t in months[m].items()}
        else:
            for month in sorted(months):
                shards[f"{kind}-{year}-{month}"] = months[month]
    return shards


def labelled(pages: dict[str, str], value: str) -> dict[str, str]:
    """``pages`` with the ``shard`` filter written just inside their searchable element."""
    label = f'<span hidden data-pagefind-filter="{FILTER}:{value}"></span>'
    return {
        rel: _BODY.sub(lambda m: m.group(0) + label, text, count=1) for rel, text in pages.items()
    }


def indexer_settings() -> str:
    """What else decides a shard's files: Pagefind's version and how the portal runs it."""
    from portal.search.index import CHUNK_SIZE, LANGUAGE

    try:
        version = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        version = "?"
    return f"format={FORMAT} pagefind={version} chunk={CHUNK_SIZE} language={LANGUAGE}"


def key(pages: dict[str, str], settings: str | None = None) -> str:
    digest = hashlib.sha256((settings or indexer_settings()).encode())
    for relpath in sorted(pages):
        data = pages[relpath].encode("utf-8")
        digest.update(f"\0{relpath}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def read_manifest(folder: Path) -> dict[str, dict]:
    """Shard name → its entry (``pages``, ``key``) in ``folder``'s manifest; {} when missing
    or unreadable (everything is then indexed again)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    shards = data.get("shards")
    if not isinstance(shards, list):
        return {}
    return {
        str(s["name"]): s
        for s in shards
        if isinstance(s, dict) and isinstance(s.get("name"), str) and isinstance(s.get("key"), str)
    }


def write_manifest(folder: Path, entries: list[dict]) -> None:
    text = json.dumps({"format": FORMAT, "shards": entries}, ensure_ascii=False, indent=0)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")
