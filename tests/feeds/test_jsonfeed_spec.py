"""The JSON Feed 1.1 validator itself: it accepts a valid feed and rejects each way of breaking
one, so a feed that passes it in the other tests really is valid."""

from __future__ import annotations

import copy

import pytest
from jsonfeed_spec import chain_problems, is_rfc3339, problems

VALID = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Tin tức – Ủy ban nhân dân huyện Thử Nghiệm",
    "home_page_url": "https://huyen.example/tin-tuc/",
    "feed_url": "https://huyen.example/tin-tuc/feed.json",
    "next_url": "https://huyen.example/tin-tuc/feed-2.json",
    "favicon": "https://huyen.example/theme/images/emblem.svg",
    "authors": [{"name": "UBND huyện", "url": "https://huyen.example/"}],
    "language": "vi",
    "expired": False,
    "_portal": {"site": "huyen", "page": 1},
    "items": [
        {
            "id": "tag:huyen.example,2026:huyen/articles/a",
            "url": "https://huyen.example/tin-tuc/a/",
            "title": "Tin A",
            "content_html": "<p>Nội dung</p>",
            "summary": "Nội dung",
            "date_published": "2026-11-20T08:30:00+07:00",
            "date_modified": "2026-11-21T00:00:00Z",
            "authors": [{"name": "Thùy Dương"}],
            "tags": ["đất đai"],
            "language": "en-US",
            "attachments": [
                {
                    "url": "https://huyen.example/van-ban/a/qd.pdf",
                    "mime_type": "application/pdf",
                    "title": "qd.pdf",
                    "size_in_bytes": 1024,
                }
            ],
            "_portal": {"type": "articles"},
        },
        {"id": "tag:huyen.example,2026:huyen/qa/b", "content_text": "Đã gỡ bỏ."},
    ],
}


def broken(change) -> dict:
    feed = copy.deepcopy(VALID)
    change(feed)
    return feed


def test_a_valid_feed_has_no_problems():
    assert problems(VALID) == []


def _set(path, value):
    def change(feed):
        target = feed
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(path):
    def change(feed):
        target = feed
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_drop(["version"]), "version"),
        (_set(["version"], "https://jsonfeed.org/version/1"), "version"),
        (_drop(["title"]), "title"),
        (_set(["title"], 12), "title"),
        (_drop(["items"]), "items"),
        (_set(["items"], {}), "items"),
        (_set(["home_page_url"], "/tin-tuc/"), "home_page_url"),
        (_set(["feed_url"], "feed.json"), "feed_url"),
        (_set(["next_url"], "https://huyen.example/tin-tuc/feed.json"), "next_url"),
        (_set(["favicon"], "//huyen.example/icon.svg"), "favicon"),
        (_set(["language"], "tiếng Việt"), "language"),
        (_set(["expired"], "no"), "expired"),
        (_set(["authors"], {"name": "UBND"}), "authors"),
        (_set(["authors"], [{}]), "authors[0]"),
        (_set(["authors"], [{"name": "A", "url": "huyen.example"}]), "authors[0].url"),
        (_set(["hubs"], [{"type": "WebSub"}]), "hubs[0].url"),
        (_set(["date_updated"], "2026-11-20T08:30:00+07:00"), "date_updated"),
        (_set(["_portal.v2"], {}), "_portal.v2"),
        (_set(["_portal"], {"a.b": 1}), "member keys"),
        (_set(["_1portal"], {}), "_1portal"),
        (_drop(["items", 0, "id"]), "items[0].id"),
        (_set(["items", 0, "id"], 12), "items[0].id"),
        (_set(["items", 0, "id"], " "), "items[0].id"),
        (_set(["items", 1, "id"], "tag:huyen.example,2026:huyen/articles/a"), "twice"),
        (_drop(["items", 1, "content_text"]), "content_html or content_text"),
        (_set(["items", 0, "content_html"], ["<p>"]), "content_html"),
        (_set(["items", 0, "url"], "/tin-tuc/a/"), "items[0].url"),
        (_set(["items", 0, "image"], "anh.jpg"), "items[0].image"),
        (_set(["items", 0, "date_published"], "2026-11-20 08:30"), "date_published"),
        (_set(["items", 0, "date_published"], "2026-11-20T08:30:00"), "date_published"),
        (_set(["items", 0, "date_published"], "2026-13-01T08:30:00+07:00"), "date_published"),
        (_set(["items", 0, "date_modified"], "20/11/2026"), "date_modified"),
        (_set(["items", 0, "tags"], "đất đai"), "tags"),
        (_set(["items", 0, "tags"], [1]), "tags"),
        (_set(["items", 0, "authors"], [{"nickname": "x"}]), "authors[0]"),
        (_drop(["items", 0, "attachments", 0, "mime_type"]), "mime_type"),
        (_set(["items", 0, "attachments", 0, "mime_type"], "pdf"), "mime_type"),
        (_set(["items", 0, "attachments", 0, "url"], "qd.pdf"), "attachments[0].url"),
        (_set(["items", 0, "attachments", 0, "size_in_bytes"], "1024"), "size_in_bytes"),
        (_set(["items", 0, "attachments", 0, "size_in_bytes"], True), "size_in_bytes"),
        (_set(["items", 0, "attachments"], {"url": "x"}), "attachments"),
        (_set(["items", 0, "datePublished"], "x"), "datePublished"),
        (_set(["items", 0], "tin"), "items[0]"),
    ],
)
def test_each_break_is_reported(change, expected):
    found = problems(broken(change))
    assert found, "the broken feed passed"
    assert any(expected in problem for problem in found), found


def test_not_an_object():
    assert problems([]) == ["a feed must be a JSON object"]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2026-11-20T08:30:00+07:00", True),
        ("2026-11-20t08:30:00z", True),
        ("2026-11-20T08:30:00.123-05:00", True),
        ("2026-02-29T08:30:00+07:00", False),
        ("2026-11-20T24:00:00+07:00", False),
        ("2026-11-20T08:30+07:00", False),
        ("2026-11-20", False),
        ("2026-11-20T08:30:00+7:00", False),
        (20261120, False),
    ],
)
def test_rfc3339(value, valid):
    assert is_rfc3339(value) is valid


def page(number, next_number=None, ids=()):
    data = {"feed_url": f"https://x.example/feed-{number}.json", "items": [{"id": i} for i in ids]}
    if next_number:
        data["next_url"] = f"https://x.example/feed-{next_number}.json"
    return data


def test_chain_of_pages():
    assert chain_problems([page(1, 2, "a"), page(2, 3, "b"), page(3, None, "c")]) == []
    assert "last page" in chain_problems([page(1, 2), page(2, 3)])[0]
    assert "does not lead" in chain_problems([page(1, 3), page(2)])[0]
    assert any("loop" in p for p in chain_problems([page(1, 2), page(2, 2), page(2)]))
    assert "already on page 1" in chain_problems([page(1, 2, "a"), page(2, None, "a")])[0]
