"""Upcoming publications and expiries across sites (``portal schedule``).

An item goes live on the first build at or after its ``date`` and leaves on the first build at or
after its ``expires`` (``catalog.publication.state``); scheduled rebuilds may run late, so the
times listed here are the earliest, not promises. Drafts never go live and are not listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.catalog import SiteCatalog
from portal.frontmatter.fields import TIMEZONE
from portal.types import title_of

PUBLISH = "publish"
EXPIRE = "expire"
EVENTS = {PUBLISH: "đăng", EXPIRE: "hết hạn"}


@dataclass
class Event:
    when: dt.datetime  # Asia/Ho_Chi_Minh
    event: str  # publish | expire
    site: str
    kind: str
    title: str
    path: str
    url: str  # /<site-id>/<item url>

    def as_json(self) -> dict[str, Any]:
        return {
            "when": self.when.isoformat(),
            "event": self.event,
            "site": self.site,
            "type": self.kind,
            "title": self.title,
            "path": self.path,
            "url": self.url,
        }


def upcoming(
    catalogs: dict[str, SiteCatalog],
    now: dt.datetime,
    days: int = 30,
    content_dir: Path = Path("content"),
    sites: set[str] | None = None,
) -> list[Event]:
    """Publications (scheduled items) and expiries (of public or scheduled items) after ``now``
    and no later than ``days`` days after it, in time order."""
    until = now + dt.timedelta(days=days)
    shown = Path(content_dir).as_posix()
    events = []
    for site_id, catalog in catalogs.items():
        if sites is not None and site_id not in sites:
            continue
        for item in catalog.items:
            moments = []
            if item.state == "scheduled":
                moments.append((PUBLISH, item.meta["date"]))
            expires = item.meta.get("expires")
            if item.state in ("public", "scheduled") and expires is not None:
                moments.append((EXPIRE, expires))
            for event, when in moments:
                if now < when <= until:
                    events.append(
                        Event(
                            when.astimezone(TIMEZONE),
                            event,
                            site_id,
                            item.kind,
                            str(item.meta.get("title", item.relpath)),
                            f"{shown}/{item.site}/{item.relpath}",
                            f"/{item.site}/{item.url}",
                        )
                    )
    return sorted(events, key=lambda e: (e.when, e.event != PUBLISH, e.site, e.path))


def as_text(events: list[Event], now: dt.datetime, days: int) -> str:
    """One line per event: time, event, site, type, title, file."""
    start = now.astimezone(TIMEZONE).strftime("%Y-%m-%d %H:%M")
    if not events:
        return f"Không có mục nào hẹn đăng hoặc hết hạn trong {days} ngày từ {start}.\n"
    lines = [f"Hẹn đăng và hết hạn trong {days} ngày từ {start} (giờ Việt Nam):"]
    for e in events:
        lines.append(
            f"{e.when:%Y-%m-%d %H:%M}  {EVENTS[e.event]:<7}  {e.site}  "
            f"{title_of(e.kind)}  {e.title}  {e.path}"
        )
    return "\n".join(lines) + "\n"
