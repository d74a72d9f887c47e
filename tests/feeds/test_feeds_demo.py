"""The feeds of the built demo portal: every one valid JSON Feed 1.1 with an Atom twin, holding
exactly the items it should (tombstones for takedowns, nothing private), and byte-identical
from one build to the next."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from feedfiles import (
    ATOM,
    LOCAL_ORIGIN,
    TOMBSTONES,
    atom,
    chain,
    feed_key,
    first_pages,
    items_of,
    json_feeds,
    load,
)
from jsonfeed_spec import chain_problems, problems

from portal.build import build
from portal.catalog.publication import TAKEN_DOWN
from portal.catalog.tree import scan
from portal.errors import ErrorReport
from portal.feeds.entries import item_id
from portal.feeds.plan import feed_kinds
from portal.slugs import slugify
from portal.types import get
from support import DEMO_CONTENT, DEMO_NOW, SETTINGS


@pytest.fixture(scope="module")
def catalogs():
    """The demo's catalogs at the demo's moment, as the build read them."""
    report = ErrorReport()
    _, found = scan(DEMO_CONTENT, DEMO_NOW, report)
    assert not report
    return found


def site_dirs(output: Path) -> list[Path]:
    return sorted(p.parent for p in output.glob("*/feed.json"))


def test_every_site_has_its_feeds(demo_output, catalogs):
    assert {d.name for d in site_dirs(demo_output)} == set(catalogs)
    for site_id, catalog in catalogs.items():
        site_dir = demo_output / site_id
        expected = {""} | {get(kind).url_prefix for kind in feed_kinds()}
        expected |= {f"chuyen-muc/{slugify(c)}" for c in catalog.site.categories}
        assert {feed_key(site_dir, p) for p in first_pages(site_dir)} == expected
        for key in expected:
            folder = site_dir / key
            assert (folder / "atom.xml").is_file(), folder


def test_every_feed_file_is_valid_json_feed(demo_output):
    checked = 0
    for site_dir in site_dirs(demo_output):
        for path in json_feeds(site_dir):
            assert problems(load(path)) == [], path
            checked += 1
    assert checked >= 50


def test_pages_form_one_chain_each(demo_output):
    for site_dir in site_dirs(demo_output):
        reached = set()
        for first in first_pages(site_dir):
            pages = chain(demo_output, first)
            assert chain_problems([data for _, data in pages]) == [], first
            reached |= {path for path, _ in pages}
        assert reached == set(json_feeds(site_dir)), "a page no chain reaches"


def expected_ids(catalog, feed: str) -> dict[str, bool]:
    """id → is a tombstone, for what the feed at folder ``feed`` must hold."""
    wanted = {}
    for item in catalog.items:
        if item.kind not in feed_kinds() or item.state not in {"public", *TAKEN_DOWN}:
            continue
        category = item.meta.get("category")
        if (
            feed == ""
            or feed == get(item.kind).url_prefix
            or (item.kind == "articles" and feed == f"chuyen-muc/{slugify(category)}")
        ):
            wanted[item_id(catalog.site, item)] = item.state in TAKEN_DOWN
    return wanted


def test_each_feed_holds_exactly_its_items(demo_output, catalogs):
    """Public items in full, recent takedowns as tombstones (all demo takedowns are recent),
    drafts, scheduled and expired items nowhere."""
    for site_id, catalog in catalogs.items():
        site_dir = demo_output / site_id
        for first in first_pages(site_dir):
            key = feed_key(site_dir, first)
            found = {
                item["id"]: "deleted" in item["_portal"] for item in items_of(demo_output, first)
            }
            assert found == expected_ids(catalog, key), f"{site_id}/{key}"


def test_demo_takedowns_are_tombstones(demo_output):
    items = {i["id"]: i for i in items_of(demo_output, demo_output / "tinh-lam-giang/feed.json")}
    base = "tag:lamgiang.example,2026:tinh-lam-giang/articles/"
    withdrawn = items[f"{base}2026-11-04-thoi-gian-to-chuc-hoi-cho-thuong-mai"]
    assert withdrawn["_portal"]["deleted"]["reason"] == "withdrawn"
    assert withdrawn["_portal"]["deleted"]["date"] == "2026-11-10"
    assert "Hội chợ được hoãn" in withdrawn["_portal"]["deleted"]["note"]
    assert withdrawn["url"].endswith(
        "/tin-tuc/thong-bao-thoi-gian-to-chuc-hoi-cho-thuong-mai-nong-san-tinh-nam-2026/"
    )
    assert "title" not in withdrawn and "content_html" not in withdrawn
    merged = items[f"{base}2026-11-11-lich-tiep-cong-dan-cua-chu-tich-thang-12"]
    assert merged["_portal"]["deleted"] == {"reason": "consolidated", "date": "2026-11-11"}
    assert merged["url"] == (
        f"{LOCAL_ORIGIN}/tinh-lam-giang/tin-tuc/thong-bao-lich-tiep-cong-dan-dinh-ky-thang-12-nam-2026/"
    )


def test_private_demo_items_appear_in_no_feed(demo_output, catalogs):
    texts = {
        path: path.read_text(encoding="utf-8")
        for path in demo_output.rglob("*")
        if (path.name.startswith("feed") and path.suffix == ".json") or path.name == "atom.xml"
    }
    private = [
        item
        for catalog in catalogs.values()
        for item in catalog.items
        if item.state in {"draft", "scheduled", "expired"}
    ]
    assert len(private) >= 3
    for item in private:
        stem = item.relpath.removesuffix(".md")
        for path, text in texts.items():
            assert stem not in text, f"{item.relpath} in {path}"
            assert item.url not in text, f"{item.url} in {path}"
            assert item.meta["title"] not in text, f"{item.meta['title']} in {path}"


def test_links_in_content_are_absolute(demo_output):
    checked = 0
    for site_dir in site_dirs(demo_output):
        for item in items_of(demo_output, site_dir / "feed.json"):
            soup = BeautifulSoup(item.get("content_html", ""), "html.parser")
            for tag in soup.find_all(["a", "img"]):
                for attribute in ("href", "src"):
                    value = tag.get(attribute)
                    if value is not None:
                        assert value.startswith(("http://", "https://", "mailto:", "tel:")), value
                        checked += 1
                for candidate in (tag.get("srcset") or "").split(","):
                    if candidate.strip():
                        assert candidate.split()[0].startswith(LOCAL_ORIGIN), candidate
    assert checked >= 2  # the demo links little; tests/feeds/test_feed_units.py covers the rest


def test_documents_carry_their_metadata_and_files(demo_output):
    items = items_of(demo_output, demo_output / "tinh-lam-giang/van-ban/feed.json")
    live = [i for i in items if "deleted" not in i["_portal"]]
    assert live
    for item in live:
        portal = item["_portal"]
        assert portal["type"] == "documents" and portal["site"] == "tinh-lam-giang"
        assert {"number", "doc_type", "issuer", "issued", "validity", "posted"} <= set(portal)
        assert portal["validity"] in {"in-force", "pending", "expired", "replaced"}
        assert item["date_published"] == f"{portal['issued']}T00:00:00+07:00"
        assert item["attachments"], item["id"]
        for attachment in item["attachments"]:
            assert attachment["url"].startswith(item["url"])
            assert attachment["size_in_bytes"] > 0


def test_invitations_carry_start_and_end(demo_output):
    items = items_of(demo_output, demo_output / "tinh-lam-giang/giay-moi/feed.json")
    assert items
    for item in items:
        portal = item["_portal"]
        start = dt.datetime.fromisoformat(portal["start"])
        assert dt.datetime.fromisoformat(portal["end"]) > start
        assert portal["start"].endswith("+07:00") and portal["number"]


def atom_ids(root) -> list[str]:
    ids = []
    for child in root:
        if child.tag == f"{ATOM}entry":
            ids.append(child.findtext(f"{ATOM}id"))
        elif child.tag == f"{TOMBSTONES}deleted-entry":
            ids.append(child.get("ref"))
    return ids


def test_atom_feeds_are_complete_and_match_the_json(demo_output):
    for site_dir in site_dirs(demo_output):
        for first in first_pages(site_dir):
            data = load(first)
            root = atom(first.parent / "atom.xml")
            assert root.tag == f"{ATOM}feed"
            for name in ("id", "title", "updated"):
                assert root.findtext(f"{ATOM}{name}"), (first, name)
            assert root.find(f"{ATOM}author/{ATOM}name").text
            links = {
                (a.get("rel"), a.get("type")): a.get("href") for a in root.findall(f"{ATOM}link")
            }
            assert links[("self", "application/atom+xml")] == data["feed_url"].replace(
                "feed.json", "atom.xml"
            )
            assert links[("alternate", "application/feed+json")] == data["feed_url"]
            assert links[("alternate", "text/html")] == data["home_page_url"]
            assert atom_ids(root) == [item["id"] for item in data["items"]]
            for entry in root.findall(f"{ATOM}entry"):
                for name in ("id", "title", "updated", "published", "content"):
                    assert entry.find(f"{ATOM}{name}") is not None, (first, name)
                assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
                dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
            for deleted in root.findall(f"{TOMBSTONES}deleted-entry"):
                assert deleted.get("when") and deleted.get("ref").startswith("tag:")


@pytest.mark.slow  # tests/test_deterministic.py compares every file of two demo builds
def test_two_builds_give_byte_identical_feeds(demo_output, tmp_path):
    again = tmp_path / "again"
    build(DEMO_CONTENT, again, SETTINGS, now=DEMO_NOW, search=False)
    names = ("feed*.json", "atom.xml")
    first = sorted(p.relative_to(demo_output) for n in names for p in demo_output.rglob(n))
    second = sorted(p.relative_to(again) for n in names for p in again.rglob(n))
    assert first == second and len(first) > 50
    for relative in first:
        assert (demo_output / relative).read_bytes() == (again / relative).read_bytes(), relative
