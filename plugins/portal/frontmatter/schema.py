"""The rules every content type shares, and the dispatch to each type's own (``portal.types``).

A type's schema (its fields and their kinds) and its own rules live in its ``ContentType``
(``portal.types.get(kind).schema`` and ``.rules``); ``check_rules`` adds the rules that tie fields
of any item together (an image has alt text, a change has a note …), then the type's.
"""

from __future__ import annotations

from typing import Any

from portal.errors import ErrorReport
from portal.frontmatter.parse import Node
from portal.types import get


def check_rules(
    kind: str, values: dict[str, Any], fields: dict[str, Node], report: ErrorReport, path: str
) -> None:
    """Rules that tie several fields of one item together: the shared ones, then the type's."""

    def line_of(key: str) -> int:
        return fields[key].line if key in fields else 1

    def err(key: str, message: str, english: str, line: int | None = None) -> None:
        """``key`` may name a part (``items[2].date``): its line, else its field's."""
        where = line if line is not None else line_of(key.split("[")[0])
        report.add(path, where, key, message, english)

    if "image" in values and not values.get("image_alt"):
        err(
            "image",
            "ảnh phải có 'image_alt' mô tả nội dung ảnh cho người khiếm thị",
            "an image needs image_alt",
        )
    takedown = values.get("unpublished")
    if takedown and takedown.get("reason") == "consolidated":
        target = takedown.get("redirect_to", "")
        if not target.startswith("/") or target.startswith("//"):
            err(
                "unpublished",
                "lý do 'consolidated' cần 'redirect_to' là đường dẫn trong trang, bắt đầu bằng '/'",
                "consolidated needs redirect_to, a site path",
            )
    if takedown and takedown.get("reason") == "withdrawn" and not takedown.get("note"):
        err(
            "unpublished",
            "lý do 'withdrawn' cần 'note' giải thích việc thu hồi",
            "withdrawn needs a note",
        )
    if "modified" in values and not values.get("change_note") and not values.get("minor"):
        err(
            "modified",
            "nội dung đã sửa cần 'change_note' nói rõ thay đổi (hoặc 'minor: true' nếu "
            "chỉ sửa lỗi chính tả)",
            "a change needs change_note unless minor: true",
        )
    if "modified" in values and "date" in values and values["modified"] < values["date"]:
        err("modified", "ngày sửa đổi trước ngày đăng", "modified is before date")
    if "expires" in values and "date" in values and values["expires"] <= values["date"]:
        err("expires", "thời điểm hết hạn phải sau ngày đăng", "expires must be after date")
    get(kind).rules(values, fields, err)
