"""Feed entries: what a feed says about one catalog item — a public item in full, or the
tombstone of an item taken down after publication, kept for a while so consumers can drop it.

Drafts, scheduled and expired items give no entry at all, not even a tombstone: a feed must
never reveal what was never public.

Ids are tag URIs (RFC 4151) built from the site's production host, the site id and the content
file's path without ``.md``:
``tag:lamgiang.example,2026:tinh-lam-giang/articles/2026-11-04-hoi-cho``.
They survive a change of title, slug or URL, and are the same in development and production;
renaming or moving the file makes a new item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

from portal.catalog.item import Item
from portal.catalog.publication import TAKEN_DOWN
from portal.feeds.absolute import absolute_links
from portal.feeds.extension import portal_object, site_fields
from portal.frontmatter.fields import TIMEZONE
from portal.sites import Site

# The date part of every tag URI. Changing it would change every id ever published: never do.
TAG_DATE = "2026"
# The notice a tombstone carries as its content, by takedown reason (as the pages word it).
DELETED_TEXT = {
    "error": "Nội dung đã bị gỡ bỏ.",
    "consolidated": "Nội dung đã được hợp nhất vào trang mới: {url}",
    "withdrawn": "Nội dung này đã bị thu hồi. {note}",
}


@dataclass(frozen=True)
class SiteFacts:
    """What every entry of one site's feeds is built from."""

    site: Site
    root: str  # absolute URL prefix of the site, no trailing slash
    now: dt.datetime  # the build's moment
    tombstone_days: int  # how long a takedown stays in the feeds


@dataclass(frozen=True)
class Entry:
    """One item of the feeds: its JSON Feed object and what feeds select and sort it by."""

    id: str
    kind: str
    category: str | None
    moment: dt.datetime  # when it reached the feeds: posted, or taken down
    data: dict[str, Any]
    deleted: bool = False


# -- identity and time ---------------------------------------------------------------------------


def id_authority(site: Site) -> str:
    """The tag authority: the host of the site's production address (``lamgiang.example``)."""
    return (urlsplit(site.base_url).hostname or site.id).lower()


def tag_uri(site: Site, specific: str) -> str:
    return f"tag:{id_authority(site)},{TAG_DATE}:{site.id}/{quote(specific, safe='/')}"


def item_id(site: Site, item: Item) -> str:
    """``tag:<host>,2026:<site id>/<content file path without .md>``, percent-encoded."""
    return tag_uri(site, str(PurePosixPath(item.relpath).with_suffix("")))


def in_vietnam(value: dt.date | dt.datetime) -> dt.datetime:
    """A date (at 00:00) or date-time as a date-time in Vietnam time."""
    if isinstance(value, dt.datetime):
        return value.astimezone(TIMEZONE)
    return dt.datetime.combine(value, dt.time(0), TIMEZONE)


def rfc3339(value: dt.date | dt.datetime) -> str:
    """``2026-11-20T08:30:00+07:00``."""
    return in_vietnam(value).isoformat(timespec="seconds")


def published_at(item: Item) -> dt.datetime:
    """A document is dated by its issue date; everything else by its publication date."""
    meta = item.meta
    return in_vietnam(meta["issued"] if item.kind == "documents" else meta["date"])


def takedown_date(meta: dict[str, Any]) -> dt.date:
    """``unpublished.date`` when given, else the last change (``modified``, else ``date``)."""
    given = meta["unpublished"].get("date")
    if given is not None:
        return given
    return in_vietnam(meta.get("modified") or meta["date"]).date()


def tombstone_kept(meta: dict[str, Any], now: dt.datetime, days: int) -> bool:
    """A tombstone stays for ``days`` days from its takedown date (that day counts as the
    first), and for as long as the takedown date lies ahead; never when ``days`` is 0."""
    return days > 0 and (in_vietnam(now).date() - takedown_date(meta)).days < days


# -- entries -------------------------------------------------------------------------------------


def entry_for(item: Item, facts: SiteFacts) -> Entry | None:
    """The entry of ``item``, or ``None`` when no feed may show it."""
    if item.kind == "pages":
        return None
    if item.state == "public":
        return live_entry(item, facts)
    if item.state in TAKEN_DOWN and tombstone_kept(item.meta, facts.now, facts.tombstone_days):
        return tombstone(item, facts)
    return None


def live_entry(item: Item, facts: SiteFacts) -> Entry:
    meta = item.meta
    url = f"{facts.root}/{item.url}"
    data: dict[str, Any] = {"id": item_id(facts.site, item), "url": url, "title": meta["title"]}
    if meta.get("online_url"):  # a procedure's record on the national public-service portal
        data["external_url"] = meta["online_url"]
    if item.html:
        data["content_html"] = absolute_links(item.html, url, facts.root)
    else:
        data["content_text"] = item.teaser or meta["title"]
    if item.teaser:
        data["summary"] = item.teaser
    if item.image is not None:
        data["image"] = f"{url}{item.image.name}"
    data["date_published"] = rfc3339(published_at(item))
    if item.updated:  # front matter's ``modified`` or the last change from git, as on the page
        data["date_modified"] = rfc3339(item.updated)
    if meta.get("authors"):
        data["authors"] = [{"name": name} for name in meta["authors"]]
    if meta.get("tags"):
        data["tags"] = list(meta["tags"])
    data["language"] = meta.get("lang", "vi")
    if item.files:
        data["attachments"] = [
            {"url": f"{url}{f.name}", "mime_type": f.mime, "title": f.name, "size_in_bytes": f.size}
            for f in item.files
        ]
    data["_portal"] = portal_object(item, facts.site)
    return Entry(data["id"], item.kind, meta.get("category"), in_vietnam(meta["date"]), data)


def tombstone(item: Item, facts: SiteFacts) -> Entry:
    """Only what a consumer needs to drop the item: its id, where its URL now leads, when and
    why it was taken down. The title and body stay out (an error may be in them)."""
    meta = item.meta
    takedown = meta["unpublished"]
    reason = takedown["reason"]
    if reason == "consolidated":
        url = f"{facts.root}{takedown['redirect_to']}"
    else:
        url = f"{facts.root}/{item.url}"
    day = takedown_date(meta)
    moment = max(in_vietnam(meta["date"]), in_vietnam(day))
    deleted: dict[str, Any] = {"reason": reason, "date": day.isoformat()}
    if reason == "withdrawn" and takedown.get("note"):  # shown on the page's notice as well
        deleted["note"] = takedown["note"]
    text = DELETED_TEXT[reason].format(url=url, note=takedown.get("note") or "").strip()
    data: dict[str, Any] = {
        "id": item_id(facts.site, item),
        "url": url,
        "content_text": text,
        "date_modified": rfc3339(moment),
        "_portal": {"type": item.kind, **site_fields(facts.site), "deleted": deleted},
    }
    return Entry(data["id"], item.kind, meta.get("category"), moment, data, deleted=True)


def newest_first(entries: list[Entry]) -> list[Entry]:
    """By the moment each reached the feeds, newest first; equal moments by id."""
    return sorted(sorted(entries, key=lambda e: e.id), key=lambda e: e.moment, reverse=True)
