"""A weekly work schedule laid out as readers expect it: by day, then by session (Sáng, Chiều,
Tối), with the invitations it names linked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from portal.messages import N_
from portal.types.schedules import week_bounds

# Session labels are gettext message ids.
MORNING, AFTERNOON, EVENING, ALL_DAY = N_("Sáng"), N_("Chiều"), N_("Tối"), N_("Cả ngày")
WORKDAYS = 5


def session(time: dt.time | None) -> str:
    if time is None:
        return ALL_DAY
    if time < dt.time(12):
        return MORNING
    if time < dt.time(18):
        return AFTERNOON
    return EVENING


@dataclass
class Entry:
    session: str
    row: dict[str, Any]
    invitation: Any = None  # the invitation's content object, when the row names one


@dataclass
class Day:
    date: dt.date
    entries: list[Entry] = field(default_factory=list)


def days(meta: dict[str, Any], invitations: dict[str, Any]) -> list[Day]:
    """Monday to Friday always (an empty day says so), weekend days only when they have rows;
    rows in time order within a day, all-day rows first."""
    monday, _ = week_bounds(meta["week"]) or (None, None)
    by_date: dict[dt.date, Day] = {}
    if monday is not None:
        for offset in range(WORKDAYS):
            date = monday + dt.timedelta(days=offset)
            by_date[date] = Day(date)
    rows = sorted(meta["items"], key=lambda r: (r["date"], r.get("time") or dt.time(0)))
    for row in rows:
        day = by_date.setdefault(row["date"], Day(row["date"]))
        day.entries.append(
            Entry(session(row.get("time")), row, invitations.get(row.get("invitation")))
        )
    return [by_date[date] for date in sorted(by_date)]


def link_weeks(schedules: list) -> None:
    """Set ``earlier_week``/``later_week`` between schedules of the same owner."""
    by_owner: dict[str, list] = {}
    for schedule in schedules:
        by_owner.setdefault(schedule.item.meta["owner"], []).append(schedule)
    for same in by_owner.values():
        same.sort(key=lambda s: s.item.meta["week"])
        for index, schedule in enumerate(same):
            schedule.earlier_week = same[index - 1] if index > 0 else None
            schedule.later_week = same[index + 1] if index + 1 < len(same) else None


def current(schedules: list, today: dt.date) -> list:
    found = []
    for schedule in schedules:
        bounds = week_bounds(schedule.item.meta["week"])
        if bounds and bounds[0] <= today <= bounds[1]:
            found.append(schedule)
    return sorted(found, key=lambda s: s.item.meta["owner"])
