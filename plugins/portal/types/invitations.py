"""Meeting invitations (giấy mời họp): ``invitations/``, under ``giay-moi/``; an item belongs to
its meeting's day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portal.frontmatter.fields import FALSE, TRUE
from portal.frontmatter.parse import Node
from portal.messages import N_
from portal.types.base import (
    CLOSED,
    PATH_LIST,
    SCHEDULED,
    STANDING,
    TEXT_LIST,
    ContentType,
    quote,
    spec,
    with_common,
)


def rules(values: dict[str, Any], fields: dict[str, Node], err) -> None:
    if "start" in values and "end" in values and values["end"] <= values["start"]:
        err("end", "giờ kết thúc phải sau giờ bắt đầu", "end must be after start")
    reason = values.get("cancelled", "")
    node = fields.get("cancelled")
    if node is not None and node.kind == "text" and reason.lower() in {"", *TRUE, *FALSE}:
        err(
            "cancelled",
            'hãy ghi lý do huỷ cuộc họp (ví dụ: cancelled: "Trùng lịch họp của UBND tỉnh"); '
            "xoá dòng này nếu cuộc họp không bị huỷ",
            "give the reason the meeting is cancelled, or remove the line",
        )


def phase(meta: dict[str, Any], now: dt.datetime, replaced: frozenset[str] = frozenset()) -> str:
    """Over (its end has passed) or to come; a cancelled meeting keeps its phase (the home page
    lists it while it is to come, with its cancellation shown)."""
    end = meta.get("end")  # missing when the file has an error: the build stops anyway
    if end is None:
        return STANDING
    return CLOSED if end < now else SCHEDULED


def _meeting(hour: str):
    return lambda d: (d.now + dt.timedelta(days=7)).strftime(f"%Y-%m-%d {hour}")


TYPE = ContentType(
    folder="invitations",
    url_prefix="giay-moi",
    title=N_("Giấy mời họp"),
    nav_label=N_("Giấy mời họp"),
    description="giấy mời họp; có thể gửi thư cho người nhận khi đăng",
    template="invitation",
    in_menu=False,
    menu_fallback_for="schedules",
    fields=with_common(
        {
            "number": spec(
                label="Số giấy mời",
                help="số ký hiệu, ví dụ 12/QĐ-UBND",
                example='"15/GM-UBND"',
                fill=lambda d: quote("…/…-UBND"),
                required=True,
            ),
            "start": spec(
                "datetime",
                "Bắt đầu",
                "bắt đầu NNNN-TT-NN GG:PP",
                "2026-11-27 08:00",
                _meeting("08:00"),
                required=True,
            ),
            "end": spec(
                "datetime",
                "Kết thúc",
                "kết thúc NNNN-TT-NN GG:PP (sau giờ bắt đầu)",
                "2026-11-27 11:00",
                _meeting("11:00"),
                required=True,
            ),
            "location": spec(
                label="Địa điểm",
                help="địa điểm",
                example='"Hội trường UBND"',
                required=True,
            ),
            "chair": spec(label="Người chủ trì", help="người chủ trì", example="Chủ tịch UBND"),
            "participants": spec(
                "list", "Thành phần", "thành phần", "[Trưởng các phòng]", item=TEXT_LIST.item
            ),
            "files": spec(
                "list",
                "Tệp đính kèm",
                "tệp đính kèm (pdf, doc, docx, xls, xlsx, odt, ods, jpg, png, webp, zip)",
                item=PATH_LIST.item,
            ),
            "notify": spec(
                "list",
                "Gửi thư cho",
                "gửi thư cho: địa chỉ hoặc nhóm trong sites.yml",
                "[lanh-dao-ubnd, ten@example.vn]",
                item=TEXT_LIST.item,
            ),
            # the reason: the meeting is cancelled, the page stays
            "cancelled": spec(
                label="Lý do huỷ họp",
                help="chỉ khi huỷ họp: lý do huỷ; giấy mời vẫn được giữ, lịch ghi ĐÃ HUỶ",
                example='"Trùng lịch họp của UBND tỉnh"',
            ),
        }
    ),
    rules=rules,
    day=lambda meta: meta["start"].date() if meta.get("start") else None,
    sort_key=lambda meta: meta["start"],
    phase=phase,
    feed_fields=("number", "start", "end", "location", "chair", "participants", "cancelled"),
    quick_fields=("number", "location", "chair"),
)
