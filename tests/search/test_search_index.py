"""The search index: what Pagefind is given, what it must hold, and how a build fails."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from portal.build import BuildFailed, build
from portal.search import BUNDLE, FULL, SHARED, SearchIndexError, index_full, mark_d, unmark_d
from portal.search.index import indexable_files, page_url
from support import DEMO_NOW, REPO, SETTINGS, article

PUBLIC = article("Khai giảng lớp đào tạo nghề mây tre đan", "Lớp học nghề cho bà con ấp Rạch Gốc.")
DRAFT = article("Bản nháp về dự án đường Quýtnhám", "Chưa duyệt: Quýtnhám.", status="draft")
SCHEDULED = article("Tin hẹn giờ về Kỳlânxanh", "Sẽ đăng sau: Kỳlânxanh.", date="2026-12-30 08:00")
EXPIRED = article(
    "Tin hết hạn về Hoàngcầmtím",
    "Hết: Hoàngcầmtím.",
    date="2026-10-01 08:00",
    expires="2026-11-01 08:00",
)
WITHDRAWN = article(
    "Tin đã rút về Lụcbìnhvàng",
    "Đã rút: Lụcbìnhvàng.",
    unpublished='{reason: withdrawn, note: "Thông tin chưa chính xác."}',
)
MEMBER = article(
    "Xã ra quân làm đường giao thông nông thôn",
    "Đường ấp Đìa Muồng.",
    category='"Tin tức - Sự kiện"',
)


def bundle_text(bundle: Path) -> str:
    """Everything Pagefind wrote, decompressed: its data files are gzip with a short header."""
    parts = []
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.suffix == ".js":
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        parts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(parts)


@pytest.fixture
def built(make_content, build_into):
    content = make_content(
        {
            "huyen/articles/public.md": PUBLIC,
            "huyen/articles/draft.md": DRAFT,
            "huyen/articles/scheduled.md": SCHEDULED,
            "huyen/articles/expired.md": EXPIRED,
            "huyen/articles/withdrawn.md": WITHDRAWN,
            "xa/articles/member.md": MEMBER,
        }
    )
    return build_into(content)


def test_fold_marks_and_unmarks_d_only():
    text = "Đảng ủy xã Bình Đào đăng ký đất đai, Dao"
    marked = mark_d(text)
    assert "đ" not in marked and "Đ" not in marked
    assert marked.count("\u0335") == 5
    assert unmark_d(marked) == text


def test_page_urls_drop_index_html():
    assert page_url("/", "index.html") == "/"
    assert page_url("/", "tin-tuc/a/index.html") == "/tin-tuc/a/"
    assert page_url("/xa", "gone.html") == "/xa/gone.html"


def page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    return entry["languages"]["vi"]["page_count"]


def shard_folders(full: Path) -> list[Path]:
    manifest = json.loads((full / "shards.json").read_text())
    return [full / s["name"] for s in manifest["shards"]]


def test_only_public_items_are_indexed(built):
    site = built / "huyen"
    # One shard per site unless PORTAL_SEARCH_SHARDS is on (portal.search.shards).
    assert [s.name for s in shard_folders(site / FULL)] == ["all"]
    assert sum(page_count(shard) for shard in shard_folders(site / FULL)) == 1
    # The parent's quick index holds its own public item and what its member published.
    assert page_count(site / BUNDLE) == 2
    for bundle in (site / FULL, site / BUNDLE, built / "xa" / BUNDLE, built / "xa" / FULL):
        text = bundle_text(bundle)
        for secret in ("Quýtnhám", "Kỳlânxanh", "Hoàngcầmtím", "Lụcbìnhvàng"):
            assert secret not in text, bundle
    assert mark_d("ấp Rạch Gốc") in bundle_text(site / FULL)  # the body: full text only
    assert mark_d("mây tre đan") in bundle_text(site / BUNDLE)  # the title: both
    assert mark_d("giao thông nông thôn") in bundle_text(site / BUNDLE)  # the member's item
    # A member's quick index is its own; its readers reach the parent through the full text.
    assert mark_d("mây tre đan") not in bundle_text(built / "xa" / BUNDLE)
    # Listings, tags, archives and the search page itself are not marked for the index.
    marked = {f.relative_to(site).as_posix() for f in indexable_files(site)}
    assert len(marked) == 1 and marked.pop().startswith("tin-tuc/")


def test_unused_pagefind_files_are_not_published(built):
    for bundle in (built / "huyen" / BUNDLE, *shard_folders(built / "huyen" / FULL)):
        assert (bundle / "pagefind.js").is_file()
        assert not list(bundle.glob("pagefind-*ui*"))


def test_parent_and_member_share_full_text_bundles(built):
    member_copy = built / "huyen" / SHARED / "xa"
    parent_copy = built / "xa" / SHARED / "huyen"
    for copy in (member_copy / "full", parent_copy / "full"):
        shards = shard_folders(copy)
        assert shards
        for shard in shards:
            assert (shard / "pagefind-entry.json").is_file()
            assert not (shard / "pagefind.js").exists() and not list(shard.glob("wasm.*"))
    assert mark_d("Đìa Muồng") in bundle_text(member_copy / "full")
    assert sorted(p.name for p in member_copy.iterdir()) == ["full"]


def test_index_must_hold_exactly_the_public_items(built):
    site = built / "huyen"
    with pytest.raises(SearchIndexError) as missing:
        index_full("huyen", site, {"/tin-tuc/khong-co/"})
    assert "/tin-tuc/khong-co/" in missing.value.message
    assert "không được đánh dấu" in missing.value.message
    with pytest.raises(SearchIndexError) as extra:
        index_full("huyen", site, set())
    assert "không được đưa vào tìm kiếm" in extra.value.message


def test_a_template_that_loses_the_marker_fails_the_build(make_content, tmp_path):
    # A copy of the settings and theme, with the article template's search marker removed.
    shutil.copy(SETTINGS, tmp_path / "conf.py")  # THEME = "theme", beside the settings file
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    template = tmp_path / "theme" / "templates" / "components" / "search_record.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace(" data-pagefind-body", " data-x"), encoding="utf-8")
    content = make_content({"huyen/articles/public.md": PUBLIC})
    with pytest.raises(BuildFailed) as failed:
        build(content, tmp_path / "out", tmp_path / "conf.py", now=DEMO_NOW)
    assert failed.value.site == "huyen"
    assert "tìm kiếm" in failed.value.messages[0]
    assert "không được đánh dấu" in failed.value.messages[0]


def test_search_can_be_left_out(make_content, build_into):
    output = build_into(make_content({"huyen/articles/public.md": PUBLIC}), search=False)
    assert not (output / "huyen" / BUNDLE).exists() and not (output / "huyen" / FULL).exists()
