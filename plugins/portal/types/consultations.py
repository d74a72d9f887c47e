"""Draft documents open for public comment (lấy ý kiến dự thảo): ``consultations/``, under
``lay-y-kien/``; an item belongs to the day it opens, and is scheduled, open or closed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portal.messages import N_
from portal.types.base import (
    CLOSED,
    OPEN,
    PATH_LIST,
    SCHEDULED,
    STANDING,
    ContentType,
    spec,
    vietnam_day,
    with_common,
)


def rules(values: dict[str, Any], fields: dict, err) -> None:
    if "opens" in values and "closes" in values and values["closes"] < values["opens"]:
        err("closes", "ngày kết thúc lấy ý kiến trước ngày bắt đầu", "closes is before opens")


def phase(meta: dict[str, Any], now: dt.datetime, replaced: frozenset[str] = frozenset()) -> str:
    """Before ``opens``, from ``opens`` to the end of ``closes``, or after."""
    opens, closes = meta.get("opens"), meta.get("closes")
    if opens is None or closes is None:  # the file has an error: the build stops anyway
        return STANDING
    today = vietnam_day(now)
    if today < opens:
        return SCHEDULED
    return OPEN if today <= closes else CLOSED


TYPE = ContentType(
    folder="consultations",
    url_prefix="lay-y-kien",
    title=N_("Lấy ý kiến dự thảo"),
    nav_label=N_("Lấy ý kiến"),
    description="dự thảo văn bản lấy ý kiến nhân dân, từ ngày mở đến hết ngày đóng",
    template="consultation",
    fields=with_common(
        {
            "opens": spec(
                "date",
                "Ngày bắt đầu",
                "ngày bắt đầu lấy ý kiến",
                "2026-11-20",
                lambda d: d.today.isoformat(),
                required=True,
            ),
            "closes": spec(
                "date",
                "Ngày kết thúc",
                "ngày kết thúc lấy ý kiến",
                "2026-12-20",
                lambda d: (d.today + dt.timedelta(days=30)).isoformat(),
                required=True,
            ),
            "files": spec(
                "list",
                "Tệp đính kèm",
                "tệp đính kèm (pdf, doc, docx, xls, xlsx, odt, ods, jpg, png, webp, zip)",
                item=PATH_LIST.item,
            ),
            "comment_email": spec(
                "email", "Thư nhận góp ý", "thư điện tử nhận góp ý", "gopy@example.vn"
            ),
        }
    ),
    rules=rules,
    # One answer for listings and search alike: the day it opens, as a document's is the day it
    # is issued (docs/content-model.md); listings used to sort by ``closes``.
    day=lambda meta: meta.get("opens"),
    sort_key=lambda meta: meta["opens"],
    phase=phase,
    feed_fields=("opens", "closes", "comment_email"),
    quick_fields=("unit",),
)
