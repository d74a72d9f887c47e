"""RFC 5545 calendars built from catalog items: the events of invitations and schedule rows,
a site's subscribable calendar, and one invitation's calendar (for download or e-mail).

Everything is derived from the content file alone, so two builds of the same content are
byte-identical: no build-time clock, no random UID.

- UID: ``<section>-<file stem>@<base_url host>`` (``giay-moi-2026-11-20-gm-118@lamgiang.example``);
  a schedule row adds its date, time and rank among the rows of that date and time. Titles and
  URLs may change without the event changing identity; renaming the file does change it.
- SEQUENCE: ``2 × whole minutes from date to modified``, ``+ 1`` when cancelled (see
  ``sequence``), so a later ``modified`` always outranks the previous version and a cancellation
  outranks the version it cancels even when ``modified`` was not moved.
- DTSTAMP: ``modified`` (or ``date``) in UTC; CREATED: ``date``; LAST-MODIFIED: ``modified``.
- Times are written with ``TZID=Asia/Ho_Chi_Minh`` and the calendar carries that VTIMEZONE.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from portal.catalog.item import Item
from portal.frontmatter.fields import TIMEZONE
from portal.paths import CALENDAR_FILE
from portal.sites import Site
from portal.slugs import slugify
from portal.types import get

PRODID = "-//portal//Cong thong tin dien tu//VI"
TZID = "Asia/Ho_Chi_Minh"
VTIMEZONE_FROM = dt.date(2000, 1, 1)  # Vietnam has kept UTC+7 without DST since 1975
CALENDAR_PATH = f"{get('schedules').url_prefix}/{CALENDAR_FILE}"  # site-relative
INVITATION_FILE = "giay-moi.ics"  # beside the invitation's page
REFRESH = "PT1H"  # how often subscribers should fetch the calendar again
INVITATION_CATEGORY = "Giấy mời họp"
SCHEDULE_CATEGORY = "Lịch công tác"
CANCELLED_PREFIX = "ĐÃ HUỶ: "


# -- identity and versions ----------------------------------------------------------------------


def uid_domain(site: Site) -> str:
    """The host of the site's production address: the right-hand side of every UID."""
    return urlsplit(site.base_url).hostname or site.id


def item_key(item: Item) -> str:
    """The content file's path inside its type folder, without ``.md``, folded to ASCII:
    ``invitations/2026-11-20-gm-118.md`` → ``2026-11-20-gm-118``."""
    parts = PurePosixPath(item.relpath).with_suffix("").parts[1:]
    return "/".join(slugify(part) or "x" for part in parts)


def item_uid(item: Item, site: Site) -> str:
    return f"{get(item.kind).url_prefix}-{item_key(item)}@{uid_domain(site)}"


def row_uid(item: Item, site: Site, row: dict[str, Any], rank: int) -> str:
    """A schedule row: its date, its time (``ca-ngay`` when none) and its rank among the rows of
    the same date and time, so rows added elsewhere in the file keep their UIDs."""
    time = row.get("time")
    when = row["date"].strftime("%Y%m%d") + (time.strftime("T%H%M") if time else "-ca-ngay")
    return f"{get(item.kind).url_prefix}-{item_key(item)}-{when}-{rank}@{uid_domain(site)}"


def sequence(meta: dict[str, Any]) -> int:
    """``2 × minutes(date → modified) + (1 if cancelled)``: 0 for a never-changed item; any
    later ``modified`` (a minute or more) gives a higher value, and so does a cancellation."""
    minutes = 0
    date, modified = meta.get("date"), meta.get("modified")
    if date is not None and modified is not None:
        minutes = max(0, int((modified - date).total_seconds()) // 60)
    return 2 * minutes + (1 if meta.get("cancelled") else 0)


def stamp(meta: dict[str, Any]) -> dt.datetime:
    """The moment this version of the item was written (DTSTAMP), in UTC."""
    return (meta.get("modified") or meta["date"]).astimezone(dt.UTC)


def is_cancelled(item: Item) -> bool:
    return bool(item.meta.get("cancelled"))


# -- events ---------------------------------------------------------------------------------------


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(TIMEZONE)


def _versioned(event: Event, meta: dict[str, Any]) -> None:
    event.add("dtstamp", stamp(meta))
    event.add("created", meta["date"].astimezone(dt.UTC))
    if meta.get("modified"):
        event.add("last-modified", meta["modified"].astimezone(dt.UTC))
    event.add("sequence", sequence(meta))


def _lines(pairs: Iterable[tuple[str, Any]]) -> str:
    return "\n".join(f"{label}{value}" for label, value in pairs if value)


def item_url(item: Item, root: str) -> str:
    return f"{root}/{item.url}"


def invitation_event(item: Item, site: Site, root: str) -> Event:
    """The meeting of an invitation; ``root`` is the site's absolute URL prefix."""
    meta = item.meta
    cancelled = meta.get("cancelled")
    url = item_url(item, root)
    event = Event()
    event.add("uid", item_uid(item, site))
    _versioned(event, meta)
    event.add("dtstart", _local(meta["start"]))
    event.add("dtend", _local(meta["end"]))
    event.add("summary", (CANCELLED_PREFIX if cancelled else "") + meta["title"])
    event.add("location", meta["location"])
    event.add(
        "description",
        _lines(
            (
                ("Cuộc họp đã bị huỷ. Lý do: ", cancelled),
                ("Giấy mời số ", meta["number"]),
                ("Chủ trì: ", meta.get("chair")),
                ("Thành phần: ", "; ".join(meta.get("participants") or [])),
                ("Thay đổi: ", meta.get("change_note") if meta.get("modified") else None),
                ("Chi tiết: ", url),
            )
        ),
    )
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("class", "PUBLIC")
    event.add("categories", [INVITATION_CATEGORY])
    for attachment in item.files:
        event.add("attach", f"{url}{attachment.name}", parameters={"FMTTYPE": attachment.mime})
    return event


def schedule_events(item: Item, site: Site, root: str, skip: Collection[str] = ()) -> list[Event]:
    """One event per row of a weekly schedule; a row with no time is an all-day event, a row
    with a time starts then (schedules give no end). Rows naming an invitation in ``skip`` are
    left out: that invitation's own event stands for the meeting."""
    meta = item.meta
    url = item_url(item, root)
    ranks: dict[tuple[dt.date, dt.time | None], int] = {}
    events = []
    for row in meta.get("items", []):
        key = (row["date"], row.get("time"))
        ranks[key] = ranks.get(key, 0) + 1
        if row.get("invitation") in skip:
            continue
        event = Event()
        event.add("uid", row_uid(item, site, row, ranks[key]))
        _versioned(event, meta)
        if row.get("time"):
            event.add("dtstart", dt.datetime.combine(row["date"], row["time"], TIMEZONE))
        else:
            event.add("dtstart", row["date"])
            event.add("dtend", row["date"] + dt.timedelta(days=1))
        event.add("summary", row["content"])
        if row.get("location"):
            event.add("location", row["location"])
        event.add(
            "description",
            _lines(
                (
                    ("Chủ trì: ", row.get("chair")),
                    ("Thành phần: ", "; ".join(row.get("participants") or [])),
                    ("Chuẩn bị: ", row.get("prepared_by")),
                    ("Giấy mời số ", row.get("invitation")),
                    ("Lịch công tác của ", f"{meta['owner']}, tuần {meta['week']}"),
                    ("Chi tiết: ", url),
                )
            ),
        )
        event.add("url", url)
        event.add("status", "CONFIRMED")
        event.add("class", "PUBLIC")
        event.add("categories", [SCHEDULE_CATEGORY])
        events.append(event)
    return events


# -- calendars ------------------------------------------------------------------------------------


@functools.cache
def _vtimezone() -> bytes:
    return Timezone.from_tzid(TZID, first_date=VTIMEZONE_FROM).to_ical()


def _calendar(method: str, events: list[Event]) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(Timezone.from_ical(_vtimezone()))
    for event in sorted(events, key=_order):
        calendar.add_component(event)
    return calendar


def _order(event: Event) -> tuple[dt.datetime, str]:
    start = event.start
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time(0), TIMEZONE)
    return start, str(event["UID"])


def site_calendar(site: Site, items: Iterable[Item], root: str) -> Calendar:
    """The subscribable calendar of a site: every row of its public schedules and every public
    invitation (cancelled ones with STATUS:CANCELLED)."""
    items = [i for i in items if i.listed and i.kind in ("schedules", "invitations")]
    invitations = [i for i in items if i.kind == "invitations"]
    numbers = {i.meta["number"] for i in invitations}
    events = [invitation_event(i, site, root) for i in invitations]
    for schedule in (i for i in items if i.kind == "schedules"):
        events += schedule_events(schedule, site, root, numbers)
    calendar = _calendar("PUBLISH", events)
    name = f"Lịch công tác – {site.name}"
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", f"Lịch công tác và giấy mời họp của {site.name}")
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    calendar.add("source", f"{root}/{CALENDAR_PATH}", parameters={"VALUE": "URI"})
    calendar.add("url", f"{root}/{get('schedules').url_prefix}/")
    return calendar


def invitation_calendar(
    item: Item,
    site: Site,
    root: str,
    method: str = "PUBLISH",
    organizer: tuple[str, str] | None = None,
    attendee: str | None = None,
) -> Calendar:
    """One invitation as a calendar: ``PUBLISH`` for the file beside its page; ``REQUEST`` or
    ``CANCEL`` (iTIP, RFC 5546) for e-mail, with the sender as ORGANIZER (name, address) and
    the one recipient as ATTENDEE."""
    event = invitation_event(item, site, root)
    if organizer:
        address = vCalAddress(f"mailto:{organizer[1]}")
        address.params["CN"] = vText(organizer[0])
        event.add("organizer", address)
    if attendee:
        address = vCalAddress(f"mailto:{attendee}")
        address.params.update(
            {"CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION"}
        )
        address.params["RSVP"] = "FALSE"
        event.add("attendee", address)
    return _calendar(method, [event])


def to_bytes(calendar: Calendar) -> bytes:
    """The calendar as RFC 5545 text: UTF-8, CRLF line ends, lines folded at 75 octets."""
    return calendar.to_ical()
