"""Full-text shards (portal.search.shards): a page's shard is its section kind and year, an edit
re-indexes only the shard whose pages changed (the others are taken from the build's cache), a
cached shard still holds exactly its pages, a site serves one bundle merged from its shards, and
an incremental build equals a cold one."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from portal.build import build
from portal.search import FULL, mark_d
from portal.search.index import SERVED, forget_pickles, index_full
from portal.search.shards import MANIFEST, WHOLE, plan
from support import DEMO_NOW, REPO, article
from trees import SHOW, differences


def page(kind: str, day: str, text: str = "Nội dung") -> str:
    """A page as an item template writes it for search (components/search_record.html)."""
    sort = f'<span hidden data-pagefind-sort="date:{day}"></span>' if day else ""
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><article data-pagefind-body><h1>{text}</h1><p>{text}</p>"
        f'<span hidden data-pagefind-filter="type:{kind}"></span>{sort}</article></body></html>'
    )


def manifest(full: Path) -> dict[str, dict]:
    data = json.loads((full / MANIFEST).read_text(encoding="utf-8"))
    return {s["name"]: s for s in data["shards"]}


def page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]["vi"]["page_count"]


def bundle_words(bundle: Path) -> str:
    from test_search_index import bundle_text  # a sibling test module's helper, not conftest

    return bundle_text(bundle)


def test_shards_by_kind_and_year_a_large_year_by_month():
    pages = {
        f"tin-tuc/a{i}/index.html": page("articles", f"2025-0{1 + i % 3}-02") for i in range(6)
    }
    pages["tin-tuc/old/index.html"] = page("articles", "2024-12-31")
    pages["van-ban/d/index.html"] = page("documents", "2025-05-01")
    pages["gioi-thieu/index.html"] = page("pages", "")
    shards = plan(pages, max_pages=4)
    assert list(shards) == [
        "articles-2024",
        "articles-2025-01",
        "articles-2025-02",
        "articles-2025-03",
        "documents-2025",
        "pages-0000",
    ]
    assert sorted(p for s in shards.values() for p in s) == sorted(pages)  # each page once
    assert list(plan(pages, max_pages=6)) == [
        "articles-2024",
        "articles-2025",
        "documents-2025",
        "pages-0000",
    ]


@pytest.fixture
def site_pages(tmp_path):
    """A written site of four public pages in two shards, and a listing Pagefind never sees."""

    def write(root: Path, edited: str = "Khai giảng lớp nghề") -> Path:
        files = {
            "tin-tuc/a/index.html": page("articles", "2025-03-01", edited),
            "tin-tuc/b/index.html": page("articles", "2025-04-01", "Đường giao thông"),
            "tin-tuc/c/index.html": page("articles", "2026-01-05", "Mùa lúa mới"),
            "tin-tuc/d/index.html": page("articles", "2026-02-05", "Đất đai"),
            "tin-tuc/index.html": "<html><body>listing</body></html>",
        }
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        return root

    return write


def names(store: Path) -> list[str]:
    """The shards in a site's cache folder (beside them, dot-named: the last merged bundle)."""
    return sorted(p.name for p in store.iterdir() if not p.name.startswith("."))


def served(full: Path) -> Path:
    """The one bundle a site serves (portal.search.index.SERVED), listed in its manifest."""
    assert list(manifest(full)) == [SERVED]
    return full / SERVED


def test_sharding_off_is_one_shard_per_site(site_pages, tmp_path):
    site = site_pages(tmp_path / "site")
    cache = tmp_path / "cache"
    result = index_full("s", site, sharded=False, cache=cache)
    assert (result.pages, result.shards, result.reindexed) == (4, 1, 1)
    assert names(cache / "full" / "s") == [WHOLE]
    # Its key holds every page: an edit anywhere re-indexes it, nothing else is reused.
    again = index_full("s", site_pages(tmp_path / "again", "Bế giảng"), sharded=False, cache=cache)
    assert again.reindexed == 1


def test_a_small_site_is_one_shard_served_as_pagefind_wrote_it(site_pages, tmp_path):
    """A site of at most SHARD_ABOVE pages is one shard, served as Pagefind wrote it: never
    decoded nor merged. Above it the site is sharded (and the shard 'all' leaves the cache)."""
    site = site_pages(tmp_path / "site")
    cache = tmp_path / "cache"
    result = index_full("s", site, cache=cache)
    assert (result.pages, result.shards, result.reindexed) == (4, 1, 1)
    assert names(cache / "full" / "s") == [WHOLE]
    shard = cache / "full" / "s" / WHOLE
    assert not (shard / "decoded.cbor").exists()
    bundle = shard / "bundle"
    assert {
        p.relative_to(bundle).as_posix(): p.stat().st_ino
        for p in sorted(bundle.rglob("*"))
        if p.is_file()
    } == {
        p.relative_to(served(site / FULL)).as_posix(): p.stat().st_ino
        for p in sorted(served(site / FULL).rglob("*"))
        if p.is_file()
    }
    again = index_full("s", site_pages(tmp_path / "again"), cache=cache)
    assert (again.shards, again.reindexed) == (1, 0)
    larger = index_full("s", site_pages(tmp_path / "larger"), cache=cache, shard_above=3)
    assert (larger.shards, larger.reindexed) == (2, 2)
    assert names(cache / "full" / "s") == ["articles-2025", "articles-2026"]


def test_one_edit_reindexes_one_shard_and_serves_one_bundle(site_pages, tmp_path):
    first = site_pages(tmp_path / "first")
    cache = tmp_path / "cache"
    shards = cache / "full" / "s"
    expected = {"/tin-tuc/a/", "/tin-tuc/b/", "/tin-tuc/c/", "/tin-tuc/d/"}
    cold = index_full("s", first, expected, cache=cache, shard_above=0)
    assert (cold.pages, cold.shards, cold.reindexed) == (4, 2, 2)
    assert names(shards) == ["articles-2025", "articles-2026"]
    assert page_count(served(first / FULL)) == 4
    kept = shards / "articles-2026" / "bundle" / "pagefind-entry.json"
    inode = kept.stat().st_ino
    fragments = {p.name: p.stat().st_ino for p in (served(first / FULL) / "fragment").iterdir()}
    second = site_pages(tmp_path / "second", edited="Bế giảng lớp nghề")
    warm = index_full("s", second, None, cache=cache, shard_above=0)
    assert (warm.pages, warm.shards, warm.reindexed, warm.reindexed_pages) == (4, 2, 1, 2)
    # The unchanged shard is the same files; the served bundle holds the new text only.
    assert kept.stat().st_ino == inode
    # Every unchanged page's fragment is the same file, the one in the shard indexed again
    # too (so copies of the served bundle elsewhere need not change): only the edited page's
    # is new.
    now = {p.name: p.stat().st_ino for p in (served(second / FULL) / "fragment").iterdir()}
    assert len(now.keys() - fragments.keys()) == 1
    assert sum(now[name] == fragments.get(name) for name in now) == 3
    edited = bundle_words(served(second / FULL))
    assert mark_d("Bế giảng") in edited and "Khai giảng" not in edited
    assert mark_d("Mùa lúa mới") in edited and page_count(served(second / FULL)) == 4
    # Same as indexing the edited site from nothing.
    again = site_pages(tmp_path / "cold", edited="Bế giảng lớp nghề")
    assert index_full("s", again, cache=tmp_path / "other", shard_above=0).reindexed == 2
    assert manifest(again / FULL) == manifest(second / FULL)
    assert bundle_words(served(again / FULL)) == edited


def test_a_cached_shard_must_still_hold_its_pages(site_pages, tmp_path):
    """A cached shard is used only when its key is the pages' key and its own entry file
    counts its pages: a shard emptied, miscounted or half written is indexed again."""
    first = site_pages(tmp_path / "first")
    cache = tmp_path / "cache"
    index_full("s", first, cache=cache, shard_above=0)
    (cache / "full" / "s" / "articles-2025" / "bundle" / "pagefind-entry.json").unlink()
    (cache / "full" / "s" / "articles-2026" / "key").write_text("another key")
    second = site_pages(tmp_path / "second")
    result = index_full("s", second, cache=cache, shard_above=0)
    assert (result.pages, result.reindexed) == (4, 2)
    assert page_count(served(second / FULL)) == 4
    # A shard no longer planned leaves the cache.
    (cache / "full" / "s" / "articles-1999").mkdir()
    index_full("s", site_pages(tmp_path / "third"), cache=cache, shard_above=0)
    assert not (cache / "full" / "s" / "articles-1999").exists()


class _Trap:
    """Unpickling this runs ``os.system``: what a pickle in a build cache restored from
    elsewhere (CI) could do."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def served_files(full: Path) -> dict[str, bytes]:
    bundle = served(full)
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes()
        for p in sorted(bundle.rglob("*"))
        if p.is_file()
    }


def test_a_damaged_or_pickled_shard_cache_serves_what_no_cache_serves(site_pages, tmp_path):
    """The decoded shards kept in the cache are data checked on load: garbage there, or a
    pickle of earlier versions (deleted, never loaded), gives the served index of a build
    without a cache, and no shard is indexed again for it."""
    cache = tmp_path / "cache"
    index_full("s", site_pages(tmp_path / "first"), cache=cache, shard_above=0)
    shards = cache / "full" / "s"
    marker = tmp_path / "code-ran"
    for number, shard in enumerate(shards / name for name in names(shards)):
        decoded = shard / "decoded.cbor"
        assert decoded.is_file()
        trap = pickle.dumps((("x",), _Trap(marker)))
        (shard / "decoded.pickle").write_bytes(trap)
        decoded.write_bytes(trap if number % 2 else decoded.read_bytes()[:-7] + b"garbage")
    second = site_pages(tmp_path / "second")
    result = index_full("s", second, cache=cache, shard_above=0)
    assert (result.pages, result.reindexed) == (4, 0)
    assert not marker.exists()
    assert not list(shards.glob("*/decoded.pickle"))
    cold = site_pages(tmp_path / "cold")
    index_full("s", cold, shard_above=0)
    assert served_files(second / FULL) == served_files(cold / FULL)
    # The build sweeps the whole search cache too (a quick index kept as it is is not loaded).
    left = [cache / "quick" / "s" / "decoded.pickle", shards / names(shards)[0] / "decoded.pickle"]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(_Trap(marker)))
    forget_pickles(cache)
    assert not any(path.exists() for path in left) and not marker.exists()


PUBLIC_2025 = article(
    "Khai giảng lớp nghề mây tre đan", "Lớp học Rạch Gốc.", date="2025-03-01 08:00"
)
PUBLIC_2026 = article("Mùa lúa mới ở ấp Đìa Muồng", "Năng suất cao.")


@pytest.mark.slow  # tests/test_incremental.py proves the same on the demo in the default suite
def test_an_edit_reindexes_its_shard_and_equals_a_cold_build(make_content, tmp_path):
    content = make_content({"huyen/articles/a.md": PUBLIC_2025, "huyen/articles/b.md": PUBLIC_2026})
    output = tmp_path / "output"
    settings = tmp_path / "conf.py"
    settings.write_text(
        f"import sys\nsys.path[:0] = [{str(REPO)!r}]\nfrom pelicanconf import *\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        "PORTAL_SEARCH_SHARD_ABOVE = 0\n",  # a small site is one shard otherwise
        encoding="utf-8",
    )
    first = {s.site: s for s in build(content, output, settings, now=DEMO_NOW).sites}
    assert (first["huyen"].search_shards, first["huyen"].search_reindexed) == (2, 2)
    (content / "huyen/articles/a.md").write_text(
        PUBLIC_2025.replace("Rạch Gốc", "Đầm Dơi"), encoding="utf-8"
    )
    second = {s.site: s for s in build(content, output, settings, now=DEMO_NOW).sites}
    assert (second["huyen"].search_shards, second["huyen"].search_reindexed) == (2, 1)
    cold = tmp_path / "cold"
    build(content, cold, settings, now=DEMO_NOW, incremental=False)
    problems = differences(cold, output)
    assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"
