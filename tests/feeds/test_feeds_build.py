"""Feeds of small sites built in tmp_path: stable ids, nothing private, tombstones that come and
go with the period, pagination, the item fields consumers rely on, and bad settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from feedfiles import ATOM, atom, chain, items_of, json_feeds, load
from jsonfeed_spec import chain_problems, problems

from portal.build import BuildFailed, build
from portal.frontmatter.fields import TIMEZONE
from support import DEMO_NOW, PDF, REPO, SETTINGS, SITES_YML, article

HUYEN_ID = "tag:huyen.example,2026:huyen/"


def feed_items(output: Path, feed: str = "huyen/feed.json") -> dict[str, dict]:
    return {item["id"]: item for item in items_of(output, output / feed)}


def every_feed_text(output: Path) -> dict[Path, str]:
    paths = [*json_feeds(output), *output.rglob("atom.xml")]
    return {path: path.read_text(encoding="utf-8") for path in paths}


def settings_file(tmp_path: Path, **values) -> Path:
    """The repository's settings with ``values`` laid over them."""
    lines = [SETTINGS.read_text(encoding="utf-8"), f"THEME = {str(REPO / 'theme')!r}"]
    lines += [f"{name} = {value!r}" for name, value in values.items()]
    path = tmp_path / "feedconf.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ids_survive_a_new_title_and_slug(make_content, build_into):
    content = make_content({"huyen/articles/2026-11-20-hop.md": article("Tin cũ")})
    first = feed_items(build_into(content, search=False), "huyen/tin-tuc/feed.json")
    (content / "huyen/articles/2026-11-20-hop.md").write_text(
        article("Tin đã đổi tiêu đề", slug="duong-dan-moi"), encoding="utf-8"
    )
    second = feed_items(build_into(content, search=False), "huyen/tin-tuc/feed.json")
    expected = f"{HUYEN_ID}articles/2026-11-20-hop"
    assert list(first) == list(second) == [expected]
    assert first[expected]["url"].endswith("/huyen/tin-tuc/tin-cu/")
    assert second[expected]["url"].endswith("/huyen/tin-tuc/duong-dan-moi/")
    assert second[expected]["title"] == "Tin đã đổi tiêu đề"


def test_ids_are_the_same_in_production(make_content, tmp_path):
    content = make_content({"huyen/articles/2026-11-20-hop.md": article("Tin cũ")})
    dev, prod = tmp_path / "dev", tmp_path / "prod"
    build(content, dev, SETTINGS, now=DEMO_NOW, search=False)
    build(content, prod, REPO / "publishconf.py", now=DEMO_NOW, search=False)
    dev_item, prod_item = (
        load(dev / "huyen/feed.json")["items"][0],
        load(prod / "huyen/feed.json")["items"][0],
    )
    assert dev_item["id"] == prod_item["id"] == f"{HUYEN_ID}articles/2026-11-20-hop"
    assert dev_item["url"] == "http://localhost:8000/huyen/tin-tuc/tin-cu/"
    assert prod_item["url"] == "https://huyen.example/tin-tuc/tin-cu/"
    assert load(prod / "huyen/feed.json")["feed_url"] == "https://huyen.example/feed.json"


PRIVATE = {
    "draft": {"status": "draft"},
    "scheduled": {"date": "2027-03-01 08:00"},
    "expired": {"date": "2026-10-01 08:00", "expires": "2026-11-01 00:00"},
    # never published, so no tombstone either, whatever the takedown says
    "drafttakendown": {"status": "draft", "unpublished": "{reason: error, date: 2026-11-21}"},
    "scheduledtakendown": {
        "date": "2027-03-01 08:00",
        "unpublished": '{reason: withdrawn, note: "Thu hồi"}',
    },
}


def private_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"huyen/articles/public.md": article("Tin công khai")}
    for state, extra in PRIVATE.items():
        fields = {"date": "2026-11-20 08:00", **extra}
        marker = f"PRIVATE{state.upper()}"
        files[f"huyen/articles/{state}-bai.md"] = article(
            f"Tin {marker}", f"Thân {marker}", **fields
        )
        lines = "\n".join(f"{k}: {v}" for k, v in fields.items())
        files[f"huyen/documents/{state}-vb.md"] = (
            f'---\ntitle: "Văn bản {marker}"\nnumber: "{len(state)}{state}/QĐ-UBND"\n'
            f'doc_type: Quyết định\nissuer: "UBND huyện"\nissued: 2026-11-19\n'
            f'summary: "Trích yếu {marker}"\nfiles: [{state}.pdf]\n{lines}\n---\nNội dung.\n'
        )
        files[f"huyen/documents/{state}.pdf"] = PDF
        files[f"huyen/qa/{state}-hd.md"] = (
            f'---\ntitle: "Hỏi {marker}"\nquestion: "Câu hỏi {marker}"\n{lines}\n---\nĐáp.\n'
        )
    return files


def test_private_items_never_appear_in_any_feed(make_content, build_into):
    output = build_into(make_content(private_files()), search=False)
    texts = every_feed_text(output)
    assert len(texts) > 20
    for path, text in texts.items():
        assert "PRIVATE" not in text, path
        for state in PRIVATE:
            assert f"{state}-" not in text, f"{state} item in {path}"
    assert f"{HUYEN_ID}articles/public" in feed_items(output)


def takedowns() -> dict[str, str]:
    return {
        "huyen/articles/target.md": article("Tin hợp nhất"),
        "huyen/articles/gone.md": article(
            "Tin sai GONETITLE",
            "Thân GONEBODY",
            date="2026-10-20 08:00",
            unpublished='{reason: error, note: "Đăng nhầm GONENOTE", date: 2026-11-01}',
        ),
        "huyen/articles/withdrawn.md": article(
            "Tin thu hồi",
            date="2026-10-20 08:00",
            unpublished='{reason: withdrawn, note: "Đã có kế hoạch mới", date: 2026-11-10}',
        ),
        "huyen/articles/merged.md": article(
            "Tin gộp",
            date="2026-11-05 09:00",
            unpublished="{reason: consolidated, redirect_to: /tin-tuc/tin-hop-nhat/}",
        ),
    }


def tombstones(output: Path, feed: str) -> dict[str, dict]:
    return {
        key.removeprefix(f"{HUYEN_ID}articles/"): item["_portal"]["deleted"]
        for key, item in feed_items(output, feed).items()
        if "deleted" in item["_portal"]
    }


def test_takedowns_are_tombstones_for_the_period(make_content, build_into):
    content = make_content(takedowns())
    output = build_into(content, search=False)
    for feed in (
        "huyen/feed.json",
        "huyen/tin-tuc/feed.json",
        "huyen/chuyen-muc/thong-bao/feed.json",
    ):
        assert tombstones(output, feed) == {
            "gone": {"reason": "error", "date": "2026-11-01"},
            "withdrawn": {
                "reason": "withdrawn",
                "date": "2026-11-10",
                "note": "Đã có kế hoạch mới",
            },
            "merged": {"reason": "consolidated", "date": "2026-11-05"},
        }, feed
    items = feed_items(output)
    merged = items[f"{HUYEN_ID}articles/merged"]
    assert merged["url"] == "http://localhost:8000/huyen/tin-tuc/tin-hop-nhat/"
    assert merged["content_text"].startswith("Nội dung đã được hợp nhất vào trang mới")
    gone = items[f"{HUYEN_ID}articles/gone"]
    assert gone["url"] == "http://localhost:8000/huyen/tin-tuc/tin-sai-gonetitle/"
    assert set(gone) == {"id", "url", "content_text", "date_modified", "_portal"}
    for text in every_feed_text(output).values():
        assert "GONETITLE" not in text and "GONEBODY" not in text and "GONENOTE" not in text
    # deletions are announced at the top, by when they happened
    order = [key.removeprefix(f"{HUYEN_ID}articles/") for key in items]
    assert order == ["target", "withdrawn", "merged", "gone"]
    root = atom(output / "huyen/atom.xml")
    deleted = root.findall("{http://purl.org/atompub/tombstones/1.0}deleted-entry")
    assert {d.get("ref").rsplit("/", 1)[1] for d in deleted} == {"gone", "withdrawn", "merged"}
    assert len(root.findall(f"{ATOM}entry")) == 1

    # 90 days from 2026-11-01: the error's tombstone goes on 2027-01-30, the others stay
    later = build_into(content, now=dt.datetime(2027, 1, 30, 0, 0, tzinfo=TIMEZONE), search=False)
    assert set(tombstones(later, "huyen/feed.json")) == {"withdrawn", "merged"}
    much_later = build_into(
        content, now=dt.datetime(2027, 6, 1, 0, 0, tzinfo=TIMEZONE), search=False
    )
    assert tombstones(much_later, "huyen/feed.json") == {}
    assert list(feed_items(much_later)) == [f"{HUYEN_ID}articles/target"]


def test_tombstone_period_is_a_setting(make_content, tmp_path):
    output = tmp_path / "out"
    settings = settings_file(tmp_path, PORTAL_FEED_TOMBSTONE_DAYS=0)
    build(make_content(takedowns()), output, settings, now=DEMO_NOW, search=False)
    assert tombstones(output, "huyen/feed.json") == {}


def test_pages_of_a_long_feed(make_content, tmp_path):
    files = {
        f"huyen/articles/2026-11-{day:02d}.md": article(
            f"Tin ngày {day}", date=f"2026-11-{day:02d} 08:00"
        )
        for day in range(1, 6)
    }
    files["huyen/articles/2026-11-06.md"] = article(
        "Tin sự kiện", date="2026-11-06 08:00", category='"Tin tức - Sự kiện"'
    )
    output = tmp_path / "out"
    build(
        make_content(files),
        output,
        settings_file(tmp_path, PORTAL_FEED_PAGE_SIZE=2),
        now=DEMO_NOW,
        search=False,
    )
    site = output / "huyen"
    pages = chain(output, site / "tin-tuc/feed.json")
    assert [path.name for path, _ in pages] == ["feed.json", "feed-2.json", "feed-3.json"]
    assert chain_problems([data for _, data in pages]) == []
    assert pages[1][1]["next_url"] == "http://localhost:8000/huyen/tin-tuc/feed-3.json"
    titles = [item["title"] for _, data in pages for item in data["items"]]
    assert titles == ["Tin sự kiện", *(f"Tin ngày {day}" for day in range(5, 0, -1))]
    assert [data["_portal"]["page"] for _, data in pages] == [1, 2, 3]
    assert {data["_portal"]["pages"] for _, data in pages} == {3}
    for path in json_feeds(site):
        assert problems(load(path)) == [], path
    # the category feeds are cut the same way; an empty one is a single empty page
    assert [p.name for p, _ in chain(output, site / "chuyen-muc/thong-bao/feed.json")] == [
        "feed.json",
        "feed-2.json",
        "feed-3.json",
    ]
    assert load(site / "hoi-dap/feed.json")["items"] == []
    assert not (site / "hoi-dap/feed-2.json").exists()
    # Atom carries the first page only
    entries = atom(site / "tin-tuc/atom.xml").findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Tin sự kiện", "Tin ngày 5"]


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"PORTAL_FEED_PAGE_SIZE": 0}, "PORTAL_FEED_PAGE_SIZE"),
        ({"PORTAL_FEED_PAGE_SIZE": "50"}, "PORTAL_FEED_PAGE_SIZE"),
        ({"PORTAL_FEED_TOMBSTONE_DAYS": -1}, "PORTAL_FEED_TOMBSTONE_DAYS"),
        ({"PORTAL_FEED_TOMBSTONES": 30}, "PORTAL_FEED_TOMBSTONES"),
    ],
)
def test_bad_settings_fail_the_build_clearly(make_content, tmp_path, values, named):
    content = make_content({"huyen/articles/a.md": article()})
    with pytest.raises(BuildFailed) as failure:
        build(
            content, tmp_path / "out", settings_file(tmp_path, **values), now=DEMO_NOW, search=False
        )
    assert any(
        named in message and "nguồn cấp tin" in message for message in failure.value.messages
    )


def test_item_fields_consumers_rely_on(make_content, build_into):
    content = make_content(
        {
            "huyen/articles/en.md": article(
                "District news",
                "See [the decision](qd.pdf) and [documents](/van-ban/).",
                lang="en",
                tags="[land, registration]",
                authors='["Thùy Dương"]',
                modified="2026-11-21 09:00",
                change_note='"Sửa số liệu"',
                unit='"Văn phòng HĐND và UBND"',
                expires="2027-01-01 00:00",
            ),
            "huyen/articles/qd.pdf": PDF,
            "huyen/procedures/dang-ky.md": (
                '---\ntitle: "Đăng ký khai sinh"\ndate: 2026-11-01 08:00\ncode: "1.001193"\n'
                'field: "Hộ tịch"\nlevel: toàn trình\nagency: "UBND xã"\n'
                "online_url: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html\n"
                "---\nHồ sơ gồm tờ khai.\n"
            ),
        }
    )
    output = build_into(content, search=False)
    items = feed_items(output)
    news = items[f"{HUYEN_ID}articles/en"]
    page = "http://localhost:8000/huyen/tin-tuc/district-news/"
    assert news["language"] == "en"
    assert news["tags"] == ["land", "registration"]
    assert news["authors"] == [{"name": "Thùy Dương"}]
    assert news["date_published"] == "2026-11-20T08:30:00+07:00"
    assert news["date_modified"] == "2026-11-21T09:00:00+07:00"
    assert f'href="{page}qd.pdf"' in news["content_html"]
    assert 'href="http://localhost:8000/huyen/van-ban/"' in news["content_html"]
    assert news["_portal"] == {
        "type": "articles",
        "site": "huyen",
        "site_name": "Ủy ban nhân dân huyện Thử Nghiệm",
        "unit": "Văn phòng HĐND và UBND",
        "expires": "2027-01-01T00:00:00+07:00",
        "category": "Thông báo",
        "change_note": "Sửa số liệu",
    }
    procedure = items[f"{HUYEN_ID}procedures/dang-ky"]
    assert procedure["external_url"].startswith("https://dichvucong.gov.vn/")
    assert procedure["_portal"]["code"] == "1.001193"
    assert procedure["_portal"]["level"] == "toàn trình"
    entry = next(
        e
        for e in atom(output / "huyen/atom.xml").findall(f"{ATOM}entry")
        if e.findtext(f"{ATOM}id").endswith("/en")
    )
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_a_merged_units_feeds_are_expired(make_content, build_into):
    sites = SITES_YML + "  history: {merged_into: huyen, date: 2025-07-01}\n"
    content = make_content(
        {"xa/articles/a.md": article(category='"Tin tức - Sự kiện"')}, sites=sites
    )
    output = build_into(content, search=False)
    assert load(output / "xa/feed.json")["expired"] is True
    assert "expired" not in load(output / "huyen/feed.json")
