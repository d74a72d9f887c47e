"""Jinja filters for Vietnamese dates, numbers and attachment sizes (``FILTERS``), shared by every
plugin that renders a template or a message: the sections and theme (through
``portal.sections``), the report page, the statistics charts, e-mail and the command line.
Pure functions of their value; no plugin state."""

from __future__ import annotations

import datetime as dt

from portal.catalog.attachments import human_size
from portal.slugs import slugify
from portal.types.schedules import week_bounds

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def vndate(value: dt.date | dt.datetime | None) -> str:
    """``20/11/2026``."""
    return value.strftime("%d/%m/%Y") if value else ""


def vndatetime(value: dt.datetime | None) -> str:
    """``08:30, 20/11/2026``."""
    return value.strftime("%H:%M, %d/%m/%Y") if value else ""


def weekday(value: dt.date) -> str:
    return WEEKDAYS[value.weekday()]


def isodate(value: dt.date | dt.datetime | None) -> str:
    return value.isoformat() if value else ""


def vntime(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def vnnumber(value: int) -> str:
    """``12.345``: thousands grouped with a dot, as Vietnamese writes them."""
    return f"{int(value):,}".replace(",", ".")


FILTERS = {
    "vnnumber": vnnumber,
    "portal_slug": slugify,
    "week_range": week_bounds,
    "vndate": vndate,
    "vndatetime": vndatetime,
    "weekday": weekday,
    "isodate": isodate,
    "vntime": vntime,
    "filesize": human_size,
}
