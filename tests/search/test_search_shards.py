"""Full-text shards (portal.search.shards): a page's shard is its section kind and year, an edit
re-indexes only the shard whose pages changed (the others are linked from the last output), what
is linked still holds exactly the public items, and an incremental build equals a cold one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from portal.build import build
from portal.search import FULL, mark_d
from portal.search.index import index_full
from portal.search.shards import MANIFEST, plan
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


def test_sharding_off_is_one_shard_per_site(site_pages, tmp_path):
    site = site_pages(tmp_path / "site")
    result = index_full("s", site)
    assert (result.pages, result.shards, result.reindexed) == (4, 1, 1)
    assert list(manifest(site / FULL)) == ["all"]
    # Its key holds every page: an edit anywhere re-indexes it, nothing else is reused.
    again = index_full("s", site_pages(tmp_path / "again", "Bế giảng"), previous=site / FULL)
    assert again.reindexed == 1


def test_one_edit_reindexes_one_shard_and_links_the_others(site_pages, tmp_path):
    first = site_pages(tmp_path / "first")
    expected = {"/tin-tuc/a/", "/tin-tuc/b/", "/tin-tuc/c/", "/tin-tuc/d/"}
    cold = index_full("s", first, expected, sharded=True)
    assert (cold.pages, cold.shards, cold.reindexed) == (4, 2, 2)
    shards = manifest(first / FULL)
    assert sorted(shards) == ["articles-2025", "articles-2026"]
    second = site_pages(tmp_path / "second", edited="Bế giảng lớp nghề")
    warm = index_full("s", second, None, previous=first / FULL, sharded=True)
    assert (warm.pages, warm.shards, warm.reindexed, warm.reindexed_pages) == (4, 2, 1, 2)
    after = manifest(second / FULL)
    assert after["articles-2026"] == shards["articles-2026"]
    assert after["articles-2025"]["key"] != shards["articles-2025"]["key"]
    # The unchanged shard is the same files (hard links), the edited one holds the new text.
    kept = second / FULL / "articles-2026" / "pagefind-entry.json"
    assert os.path.samefile(kept, first / FULL / "articles-2026" / "pagefind-entry.json")
    edited = bundle_words(second / FULL / "articles-2025")
    assert mark_d("Bế giảng") in edited and "Khai giảng" not in edited
    # Same as indexing the edited site from nothing (the keys say so).
    again = site_pages(tmp_path / "cold", edited="Bế giảng lớp nghề")
    assert index_full("s", again, sharded=True).reindexed == 2
    assert manifest(again / FULL) == after


def test_a_linked_shard_must_still_hold_its_pages(site_pages, tmp_path):
    """A previous shard is linked only when its manifest entry and its own entry file both
    count the pages its key names: a shard emptied or miscounted is indexed again. (A folder
    changed behind the build in any other way is caught before: portal.build passes the last
    output only when the site's tree digest is the one it recorded.)"""
    first = site_pages(tmp_path / "first")
    index_full("s", first, sharded=True)
    (first / FULL / "articles-2025" / "pagefind-entry.json").unlink()
    data = json.loads((first / FULL / MANIFEST).read_text())
    data["shards"][1]["pages"] = 3
    (first / FULL / MANIFEST).write_text(json.dumps(data))
    second = site_pages(tmp_path / "second")
    result = index_full("s", second, previous=first / FULL, sharded=True)
    assert (result.pages, result.reindexed) == (4, 2)
    assert manifest(second / FULL)["articles-2026"]["pages"] == 2


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
        f"THEME = {str(REPO / 'theme')!r}\nPORTAL_SEARCH_SHARDS = True\n",
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
