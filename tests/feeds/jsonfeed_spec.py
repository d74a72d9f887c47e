"""A JSON Feed 1.1 validator written from the specification (https://www.jsonfeed.org/version/1.1/),
stricter where the portal promises more: every URL absolute, ``id`` a non-empty string (the spec
lets readers coerce numbers; we never send one), no key outside the spec unless it is an
extension (``_`` then a letter, no ``.`` in it or in its member keys).

``problems(feed)`` lists what is wrong with one parsed document (empty when valid);
``chain_problems(documents)`` checks the pages of one feed linked by ``next_url``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

VERSION = "https://jsonfeed.org/version/1.1"

TOP_STRINGS = ("title", "description", "user_comment", "language")
TOP_URLS = ("home_page_url", "feed_url", "next_url", "icon", "favicon")
TOP_KEYS = {
    "version",
    *TOP_STRINGS,
    *TOP_URLS,
    "authors",
    "author",  # version 1, deprecated yet still valid
    "expired",
    "hubs",
    "items",
}
ITEM_STRINGS = ("title", "content_html", "content_text", "summary", "language")
ITEM_URLS = ("url", "external_url", "image", "banner_image")
ITEM_DATES = ("date_published", "date_modified")
ITEM_KEYS = {
    "id",
    *ITEM_STRINGS,
    *ITEM_URLS,
    *ITEM_DATES,
    "authors",
    "author",
    "tags",
    "attachments",
}
AUTHOR_KEYS = {"name", "url", "avatar"}
ATTACHMENT_KEYS = {"url", "mime_type", "title", "size_in_bytes", "duration_in_seconds"}

# RFC 3339 date-time (section 5.6): full-date "T" full-time, with a required offset.
_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)
# RFC 5646 language tag, the common shapes: language, then script/region/variant subtags.
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_MIME = re.compile(r"^[A-Za-z0-9][\w!#$&.+^-]*/[A-Za-z0-9][\w!#$&.+^-]*(\s*;.*)?$")
_EXTENSION = re.compile(r"^_[A-Za-z][^.]*$")


def is_absolute_url(value: Any, schemes: tuple[str, ...] = ("http", "https")) -> bool:
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        return False
    return parts.scheme == "mailto" or bool(parts.netloc)


def is_rfc3339(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    match = _RFC3339.match(value)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    offset = match[8]
    try:
        dt.datetime(year, month, day, hour, minute, min(second, 59))  # 60: a leap second
    except ValueError:
        return False
    if second > 60:
        return False
    if offset not in ("Z", "z"):
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 23 or minutes > 59:
            return False
    return True


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def _extension_problems(key: str, value: Any, where: str) -> list[str]:
    if not _EXTENSION.match(key):
        return [f"{where}: unknown key '{key}' (extensions start with '_' and a letter)"]
    if isinstance(value, dict):
        dotted = [member for member in value if "." in member]
        if dotted:
            return [f"{where}.{key}: member keys must not contain '.': {dotted}"]
    return []


def _keys_problems(obj: dict, known: set[str], where: str) -> list[str]:
    found = []
    for key, value in obj.items():
        if key not in known:
            found += _extension_problems(key, value, where)
    return found


def author_problems(author: Any, where: str) -> list[str]:
    if not isinstance(author, dict):
        return [f"{where}: an author must be an object"]
    found = []
    if not any(key in author for key in AUTHOR_KEYS):
        found.append(f"{where}: an author object needs at least one of name, url, avatar")
    if "name" in author and not isinstance(author["name"], str):
        found.append(f"{where}.name: must be a string")
    if "url" in author and not is_absolute_url(author["url"], ("http", "https", "mailto")):
        found.append(f"{where}.url: must be an absolute URL")
    if "avatar" in author and not is_absolute_url(author["avatar"]):
        found.append(f"{where}.avatar: must be an absolute URL")
    return found + _keys_problems(author, AUTHOR_KEYS, where)


def authors_problems(obj: dict, where: str) -> list[str]:
    found = []
    if "authors" in obj:
        authors = obj["authors"]
        if not isinstance(authors, list):
            found.append(f"{where}.authors: must be an array")
        else:
            for index, author in enumerate(authors):
                found += author_problems(author, f"{where}.authors[{index}]")
    if "author" in obj:
        found += author_problems(obj["author"], f"{where}.author")
    return found


def attachment_problems(attachment: Any, where: str) -> list[str]:
    if not isinstance(attachment, dict):
        return [f"{where}: an attachment must be an object"]
    found = []
    if not is_absolute_url(attachment.get("url")):
        found.append(f"{where}.url: required, an absolute URL")
    mime = attachment.get("mime_type")
    if not isinstance(mime, str) or not _MIME.match(mime):
        found.append(f"{where}.mime_type: required, a MIME type such as application/pdf")
    if "title" in attachment and not isinstance(attachment["title"], str):
        found.append(f"{where}.title: must be a string")
    for key in ("size_in_bytes", "duration_in_seconds"):
        if key in attachment and not is_number(attachment[key]):
            found.append(f"{where}.{key}: must be a number")
    return found + _keys_problems(attachment, ATTACHMENT_KEYS, where)


def item_problems(item: Any, where: str) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: an item must be an object"]
    found = []
    if not isinstance(item.get("id"), str) or not item["id"].strip():
        found.append(f"{where}.id: required, a non-empty string")
    if "content_html" not in item and "content_text" not in item:
        found.append(f"{where}: needs content_html or content_text")
    for key in ITEM_STRINGS:
        if key in item and not isinstance(item[key], str):
            found.append(f"{where}.{key}: must be a string")
    for key in ITEM_URLS:
        if key in item and not is_absolute_url(item[key]):
            found.append(f"{where}.{key}: must be an absolute URL")
    for key in ITEM_DATES:
        if key in item and not is_rfc3339(item[key]):
            found.append(f"{where}.{key}: must be an RFC 3339 date-time, got {item[key]!r}")
    language = item.get("language")
    if isinstance(language, str) and not _LANGUAGE.match(language):
        found.append(f"{where}.language: must be an RFC 5646 language tag")
    found += authors_problems(item, where)
    if "tags" in item:
        tags = item["tags"]
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            found.append(f"{where}.tags: must be an array of strings")
    if "attachments" in item:
        attachments = item["attachments"]
        if not isinstance(attachments, list):
            found.append(f"{where}.attachments: must be an array")
        else:
            for index, attachment in enumerate(attachments):
                found += attachment_problems(attachment, f"{where}.attachments[{index}]")
    return found + _keys_problems(item, ITEM_KEYS, where)


def hubs_problems(hubs: Any) -> list[str]:
    if not isinstance(hubs, list):
        return ["hubs: must be an array"]
    found = []
    for index, hub in enumerate(hubs):
        if not isinstance(hub, dict):
            found.append(f"hubs[{index}]: must be an object")
            continue
        if not isinstance(hub.get("type"), str) or not hub["type"]:
            found.append(f"hubs[{index}].type: required, a string")
        if not is_absolute_url(hub.get("url")):
            found.append(f"hubs[{index}].url: required, an absolute URL")
    return found


def problems(feed: Any) -> list[str]:
    """Everything wrong with one JSON Feed 1.1 document; empty when it is valid."""
    if not isinstance(feed, dict):
        return ["a feed must be a JSON object"]
    found = []
    if feed.get("version") != VERSION:
        found.append(f"version: required, exactly {VERSION!r}")
    if not isinstance(feed.get("title"), str) or not feed["title"].strip():
        found.append("title: required, a non-empty string")
    for key in TOP_STRINGS:
        if key in feed and not isinstance(feed[key], str):
            found.append(f"{key}: must be a string")
    for key in TOP_URLS:
        if key in feed and not is_absolute_url(feed[key]):
            found.append(f"{key}: must be an absolute URL")
    if "next_url" in feed and feed.get("next_url") == feed.get("feed_url"):
        found.append("next_url: must not be the same as feed_url")
    if isinstance(feed.get("language"), str) and not _LANGUAGE.match(feed["language"]):
        found.append("language: must be an RFC 5646 language tag")
    if "expired" in feed and not isinstance(feed["expired"], bool):
        found.append("expired: must be a boolean")
    if "hubs" in feed:
        found += hubs_problems(feed["hubs"])
    found += authors_problems(feed, "feed")
    found += _keys_problems(feed, TOP_KEYS, "feed")
    items = feed.get("items")
    if not isinstance(items, list):
        return [*found, "items: required, an array"]
    seen: set[str] = set()
    for index, item in enumerate(items):
        found += item_problems(item, f"items[{index}]")
        item_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(item_id, str):
            if item_id in seen:
                found.append(f"items[{index}].id: '{item_id}' appears twice in the feed")
            seen.add(item_id)
    return found


def chain_problems(documents: list[dict]) -> list[str]:
    """The pages of one feed, first to last: each ``next_url`` names the next page's
    ``feed_url``, none repeats (no loop), the last has none, and no id is on two pages."""
    found = []
    seen_next: set[str] = set()
    seen_ids: dict[str, int] = {}
    for number, page in enumerate(documents, 1):
        for item in page.get("items", []):
            if item.get("id") in seen_ids:
                found.append(
                    f"page {number}: id {item['id']} already on page {seen_ids[item['id']]}"
                )
            seen_ids[item.get("id")] = number
        next_url = page.get("next_url")
        if number == len(documents):
            if next_url is not None:
                found.append(f"page {number}: the last page has a next_url")
            continue
        if next_url in seen_next:
            found.append(f"page {number}: next_url {next_url} repeats an earlier one (a loop)")
        seen_next.add(next_url)
        if next_url != documents[number].get("feed_url"):
            found.append(f"page {number}: next_url does not lead to page {number + 1}")
    return found
