"""Weekly work schedules (lịch công tác tuần): ``schedules/``, under ``lich-cong-tac/``; an item
belongs to its ISO week."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from portal.frontmatter.fields import YEARS, Field
from portal.frontmatter.parse import Node
from portal.messages import N_
from portal.types.base import (
    CLOSED,
    OPEN,
    SCHEDULED,
    TEXT,
    TEXT_LIST,
    ContentType,
    quote,
    spec,
    vietnam_day,
    with_common,
)

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_bounds(week: str) -> tuple[dt.date, dt.date] | None:
    """Monday and Sunday of an ISO week ``YYYY-Www``; ``None`` when there is no such week."""
    match = _WEEK.match(week)
    if not match or not YEARS[0] <= int(match[1]) <= YEARS[1]:
        return None
    try:
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None
    return monday, monday + dt.timedelta(days=6)


def rules(values: dict[str, Any], fields: dict[str, Node], err) -> None:
    if "week" not in values:
        return
    bounds = week_bounds(values["week"])
    if bounds is None:
        err(
            "week",
            f"tuần '{values['week']}' không đúng dạng NNNN-Wtt (ví dụ 2026-W47), hoặc năm "
            f"nằm ngoài khoảng {YEARS[0]}–{YEARS[1]}",
            f"week must be YYYY-Www, in {YEARS[0]}-{YEARS[1]}",
        )
        return
    nodes = fields["items"].value if "items" in fields else []
    for index, item in enumerate(values.get("items", [])):
        day = item.get("date")
        if day and not bounds[0] <= day <= bounds[1]:
            node = nodes[index].value.get("date") if isinstance(nodes, list) else None
            err(
                f"items[{index + 1}].date",
                f"ngày {day.isoformat()} không thuộc tuần {values['week']} "
                f"({bounds[0].isoformat()} – {bounds[1].isoformat()})",
                "date is outside the schedule's week",
                line=node.line if node else None,
            )


def day(meta: dict[str, Any]) -> dt.date | None:
    """The week's Monday."""
    bounds = week_bounds(meta.get("week") or "")
    if bounds:
        return bounds[0]
    value = meta.get("date")
    return value.date() if isinstance(value, dt.datetime) else value


def phase(meta: dict[str, Any], now: dt.datetime, replaced: frozenset[str] = frozenset()) -> str:
    """The week to come, this week, or a week gone."""
    bounds = week_bounds(meta.get("week") or "")
    if bounds is None:
        return CLOSED
    today = vietnam_day(now)
    return SCHEDULED if today < bounds[0] else OPEN if today <= bounds[1] else CLOSED


def _items(draft) -> str:
    monday = draft.today - dt.timedelta(days=draft.today.weekday())
    return (
        f'\n  - date: {monday.isoformat()}\n    time: "08:00"\n'
        '    content: "Nội dung công việc"\n    location: "Phòng họp"'
    )


TYPE = ContentType(
    folder="schedules",
    url_prefix="lich-cong-tac",
    title=N_("Lịch công tác"),
    nav_label=N_("Lịch công tác"),
    description="lịch công tác tuần của lãnh đạo (theo tuần ISO)",
    template="schedule",
    fields=with_common(
        {
            "week": spec(
                label="Tuần",
                help="tuần theo ISO, ví dụ 2026-W47",
                example="2026-W47",
                fill=lambda d: f"{d.today.isocalendar().year}-W{d.today.isocalendar().week:02d}",
                required=True,
            ),
            "owner": spec(
                label="Lịch của",
                help="lịch của ai, ví dụ Thường trực UBND tỉnh",
                example='"Thường trực UBND"',
                fill=lambda d: quote("Thường trực " + (d.site.short_name or d.site.name)),
                required=True,
            ),
            "approved_by": spec(
                label="Người duyệt", help="người duyệt lịch", example="Chánh Văn phòng"
            ),
            "revision": spec("int", "Lần điều chỉnh", "lần điều chỉnh", "1"),
            "items": spec(
                "records",
                "Các mục lịch",
                "các mục lịch: date, time, content, chair, participants, location, prepared_by",
                fill=_items,
                required=True,
                fields={
                    "date": Field("date", required=True),
                    "time": Field("time"),
                    "content": Field(required=True),
                    "chair": TEXT,
                    "participants": TEXT_LIST,
                    "location": TEXT,
                    "prepared_by": TEXT,
                    "invitation": TEXT,
                },
                names={
                    "date": "Ngày",
                    "time": "Giờ",
                    "content": "Nội dung",
                    "chair": "Chủ trì",
                    "participants": "Thành phần",
                    "location": "Địa điểm",
                    "prepared_by": "Chuẩn bị",
                    "invitation": "Giấy mời (đường dẫn)",
                },
            ),
        }
    ),
    rules=rules,
    day=day,
    sort_key=lambda meta: meta["week"],
    phase=phase,
    feed_fields=("week", "owner", "approved_by", "revision", "items"),
    quick_fields=("owner",),
)
