"""Atom 1.0 (RFC 4287) beside each JSON feed, for feed readers: the same entries as the JSON
feed's first page, in the same order, written from the JSON Feed items so the two never
disagree. A tombstone is an ``at:deleted-entry`` (RFC 6721) with its link and notice.

``updated`` is the newest entry's date (no build-time clock); a feed with no entry takes the
newest date of the whole site, so even an empty feed is byte-identical from build to build.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from portal.feeds.entries import Entry, SiteFacts, tag_uri
from portal.feeds.jsonfeed import LANGUAGE, Page
from portal.feeds.plan import ATOM_TYPE, JSON_TYPE

ATOM_NS = "http://www.w3.org/2005/Atom"
TOMBSTONES_NS = "http://purl.org/atompub/tombstones/1.0"
EPOCH = "2000-01-01T00:00:00+07:00"  # ``updated`` of a site that has never published anything
# Characters XML 1.0 cannot carry at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attrs(values: dict[str, str | int]) -> str:
    return "".join(
        f" {name}={quoteattr(_NOT_XML.sub('', str(value)))}" for name, value in values.items()
    )


def _element(name: str, value: str, attrs: dict[str, str | int] | None = None) -> str:
    return f"<{name}{_attrs(attrs or {})}>{_text(value)}</{name}>"


def _link(**attrs: str | int) -> str:
    return f"<link{_attrs(attrs)}/>"


def updated_of(entry: Entry) -> str:
    return entry.data.get("date_modified") or entry.data["date_published"]


def newest(entries: list[Entry]) -> str | None:
    stamps = [updated_of(entry) for entry in entries]
    return max(stamps, key=dt.datetime.fromisoformat) if stamps else None


def feed_id(facts: SiteFacts, folder: str) -> str:
    """``tag:lamgiang.example,2026:tinh-lam-giang/feed/tin-tuc`` (``…/feed`` for everything)."""
    return tag_uri(facts.site, f"feed/{folder}".rstrip("/"))


def entry_lines(item: dict[str, Any]) -> list[str]:
    language = item.get("language", LANGUAGE)
    head = "<entry>" if language == LANGUAGE else f"<entry{_attrs({'xml:lang': language})}>"
    lines = [
        head,
        _element("id", item["id"]),
        _element("title", item["title"]),
        _link(rel="alternate", type="text/html", href=item["url"]),
    ]
    if "external_url" in item:
        lines.append(_link(rel="related", type="text/html", href=item["external_url"]))
    lines.append(_element("published", item["date_published"]))
    lines.append(_element("updated", item.get("date_modified") or item["date_published"]))
    for author in item.get("authors", []):
        lines.append(f"<author>{_element('name', author['name'])}</author>")
    portal = item["_portal"]
    if "category" in portal:
        lines.append(f"<category{_attrs({'term': portal['category']})}/>")
    for tag in item.get("tags", []):
        lines.append(f"<category{_attrs({'term': tag})}/>")
    if "summary" in item:
        lines.append(_element("summary", item["summary"]))
    if "content_html" in item:
        lines.append(_element("content", item["content_html"], {"type": "html"}))
    else:
        lines.append(_element("content", item["content_text"], {"type": "text"}))
    for file in item.get("attachments", []):
        lines.append(
            _link(
                rel="enclosure",
                type=file["mime_type"],
                length=file["size_in_bytes"],
                title=file["title"],
                href=file["url"],
            )
        )
    lines.append("</entry>")
    return lines


def deleted_lines(item: dict[str, Any]) -> list[str]:
    return [
        f"<at:deleted-entry{_attrs({'ref': item['id'], 'when': item['date_modified']})}>",
        _link(href=item["url"]),
        _element("at:comment", item["content_text"]),
        "</at:deleted-entry>",
    ]


def document(page: Page, facts: SiteFacts, favicon: str | None, fallback: str | None) -> bytes:
    """The Atom feed of ``page`` (a feed's first page); ``fallback`` is ``updated`` when the
    page holds no entry."""
    feed, root = page.feed, facts.root
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f"<feed{_attrs({'xmlns': ATOM_NS, 'xmlns:at': TOMBSTONES_NS, 'xml:lang': LANGUAGE})}>",
        _element("id", feed_id(facts, feed.folder)),
        _element("title", feed.title),
        _element("subtitle", feed.description),
        _element("updated", newest(page.entries) or fallback or EPOCH),
        _link(rel="alternate", type="text/html", href=f"{root}/{feed.home}"),
        _link(rel="self", type=ATOM_TYPE, href=f"{root}/{feed.atom_path}"),
        _link(rel="alternate", type=JSON_TYPE, href=f"{root}/{feed.page_path(1)}"),
        f"<author>{_element('name', facts.site.name)}{_element('uri', f'{root}/')}</author>",
    ]
    if favicon:
        lines.append(_element("icon", favicon))
    for entry in page.entries:
        lines += deleted_lines(entry.data) if entry.deleted else entry_lines(entry.data)
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")
