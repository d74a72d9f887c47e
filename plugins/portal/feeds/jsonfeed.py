"""JSON Feed 1.1 documents: one feed cut into pages of ``page_size`` entries, linked by
``next_url``. Written with keys in a fixed order and no build-time clock, so the same content
always gives the same bytes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from portal.feeds.entries import Entry, SiteFacts
from portal.feeds.extension import site_fields
from portal.feeds.plan import Feed

VERSION = "https://jsonfeed.org/version/1.1"
LANGUAGE = "vi"


@dataclass(frozen=True)
class Page:
    feed: Feed
    number: int  # from 1
    count: int  # pages of this feed
    entries: list[Entry]


def paginate(feed: Feed, entries: list[Entry], page_size: int) -> list[Page]:
    """At least one page, even for a feed with nothing in it."""
    chunks = [entries[i : i + page_size] for i in range(0, len(entries), page_size)] or [[]]
    return [Page(feed, number, len(chunks), chunk) for number, chunk in enumerate(chunks, 1)]


def is_expired(facts: SiteFacts) -> bool:
    """A unit merged into another or dissolved publishes nothing more."""
    history = facts.site.history or {}
    return bool(history.get("merged_into") or history.get("dissolved"))


def document(page: Page, facts: SiteFacts, favicon: str | None) -> dict[str, Any]:
    feed, root = page.feed, facts.root
    feed_url = f"{root}/{feed.page_path(page.number)}"
    data: dict[str, Any] = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": f"{root}/{feed.home}",
        "feed_url": feed_url,
        "description": feed.description,
        "user_comment": (
            "Nguồn cấp tin theo chuẩn JSON Feed 1.1. Thêm địa chỉ "
            f"{root}/{feed.page_path(1)} vào trình đọc tin để theo dõi."
        ),
    }
    if page.number < page.count:
        data["next_url"] = f"{root}/{feed.page_path(page.number + 1)}"
    if favicon:
        data["favicon"] = favicon
    data["authors"] = [{"name": facts.site.name, "url": f"{root}/"}]
    data["language"] = LANGUAGE
    if is_expired(facts):
        data["expired"] = True
    data["_portal"] = {
        **site_fields(facts.site),
        "feed": feed.key,
        "page": page.number,
        "pages": page.count,
        "tombstone_days": facts.tombstone_days,
    }
    data["items"] = [entry.data for entry in page.entries]
    return data


def to_bytes(data: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON with a final newline."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
