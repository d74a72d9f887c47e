"""The front-matter schema of each content type (content-model.md) and its cross-field rules.

``TYPES`` maps a type folder (``articles``, ``documents`` …) to its schema; ``check_rules`` adds
the rules that tie fields together (an invitation ends after it starts, an image has alt text …).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from portal.errors import ErrorReport
from portal.frontmatter.fields import FALSE, TRUE, YEARS, Field
from portal.frontmatter.parse import Node

DOC_TYPES = (
    "Quyết định",
    "Công văn",
    "Kế hoạch",
    "Thông báo",
    "Báo cáo",
    "Nghị quyết",
    "Chỉ thị",
    "Hướng dẫn",
    "Giấy mời",
    "Tờ trình",
    "Chương trình",
    "Quy định",
    "Quy chế",
    "Đề án",
    "Công điện",
    "Thông tư",
    "Nghị định",
    "Luật",
    "Văn bản khác",
)
PROCEDURE_LEVELS = ("toàn trình", "một phần", "cung cấp thông tin")
TAKEDOWN_REASONS = ("error", "consolidated", "withdrawn")
PUBLIC_MARKS = ("public", "công khai", "cong khai")

TEXT = Field()
TEXT_REQUIRED = Field(required=True)
PROSE = Field(multiline=True)  # may hold line breaks; every other text is one line
PROSE_REQUIRED = Field(required=True, multiline=True)
# A summary is shown in every listing, feed and search record: a paragraph, not a text.
SUMMARY_LIMIT = 2_000
SUMMARY = Field(multiline=True, limit=SUMMARY_LIMIT)
TEXT_LIST = Field("list", item=TEXT)
PATH_LIST = Field("list", item=Field("path"))

COMMON: dict[str, Field] = {
    "title": TEXT_REQUIRED,  # one line, as every text but prose: it may go into a mail header
    "date": Field("datetime", required=True),
    "status": Field("enum", choices=("published", "draft")),
    "expires": Field("datetime"),
    "slug": Field("slug"),
    "summary": SUMMARY,
    "tags": TEXT_LIST,
    "authors": TEXT_LIST,
    "unit": TEXT,
    "image": Field("path"),
    "image_alt": TEXT,
    "image_caption": TEXT,
    "lang": Field("enum", choices=("vi", "en")),
    "modified": Field("datetime"),
    "change_note": PROSE,
    "minor": Field("bool"),
    "syndicate": Field("list", item=Field("enum", choices=("parent",))),
    "unpublished": Field(
        "mapping",
        fields={
            "reason": Field("enum", required=True, choices=TAKEDOWN_REASONS),
            "note": PROSE,
            "redirect_to": TEXT,
            "date": Field("date"),
        },
    ),
}


def _type(extra: dict[str, Field]) -> dict[str, Field]:
    return {**COMMON, **extra}


TYPES: dict[str, dict[str, Field]] = {
    "articles": _type({"category": TEXT_REQUIRED, "featured": Field("bool")}),
    "documents": _type(
        {
            "number": TEXT_REQUIRED,
            "doc_type": Field("enum", required=True, choices=DOC_TYPES),
            "issuer": TEXT_REQUIRED,
            "issued": Field("date", required=True),
            "summary": Field(required=True, multiline=True, limit=SUMMARY_LIMIT),
            "files": Field("list", required=True, item=Field("path")),
            "signer": TEXT,
            "signer_title": TEXT,
            "effective": Field("date"),
            "expires_on": Field("date"),
            "legal": Field("bool"),
            "fields": TEXT_LIST,
            "replaces": TEXT_LIST,
            "classification": TEXT,
        }
    ),
    "schedules": _type(
        {
            "week": Field(required=True),
            "owner": TEXT_REQUIRED,
            "approved_by": TEXT,
            "revision": Field("int"),
            "items": Field(
                "records",
                required=True,
                fields={
                    "date": Field("date", required=True),
                    "time": Field("time"),
                    "content": TEXT_REQUIRED,
                    "chair": TEXT,
                    "participants": TEXT_LIST,
                    "location": TEXT,
                    "prepared_by": TEXT,
                    "invitation": TEXT,
                },
            ),
        }
    ),
    "invitations": _type(
        {
            "number": TEXT_REQUIRED,
            "start": Field("datetime", required=True),
            "end": Field("datetime", required=True),
            "location": TEXT_REQUIRED,
            "chair": TEXT,
            "participants": TEXT_LIST,
            "files": PATH_LIST,
            "notify": TEXT_LIST,
            "cancelled": TEXT,  # the reason: the meeting is cancelled, the page stays
        }
    ),
    "procedures": _type(
        {
            "code": TEXT_REQUIRED,
            "field": TEXT_REQUIRED,
            "level": Field("enum", choices=PROCEDURE_LEVELS),
            "agency": TEXT_REQUIRED,
            "processing_time": TEXT,
            "fee": TEXT,
            "dossier": TEXT_LIST,
            "legal_basis": TEXT_LIST,
            "online_url": Field("url"),
        }
    ),
    "qa": _type(
        {
            "question": PROSE_REQUIRED,
            "asked_by": TEXT,
            "asked": Field("date"),
            "answered_by": TEXT,
            "field": TEXT,
            # The issue the readers' endpoint opened for this question (portal.forms): closed
            # with a link to the answer by `portal forms close` once it is published.
            "answers_issue": Field("int"),
        }
    ),
    "consultations": _type(
        {
            "opens": Field("date", required=True),
            "closes": Field("date", required=True),
            "files": PATH_LIST,
            "comment_email": Field("email"),
        }
    ),
    "pages": _type(
        {
            "order": Field("int"),
            "nav": Field("bool"),
            "translation_of": Field("slug"),
            # A reader's form under the page's text (portal.theme.forms): feedback to the site.
            "form": Field("enum", choices=("feedback", "question")),
            "date": Field(
                forbidden=(
                    "trang tĩnh không có ngày đăng; hãy xoá dòng 'date'",
                    "standing pages have no date",
                )
            ),
        }
    ),
}

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
# What docs/huong-dan.md forbids in ``asked_by`` (CONTRIBUTING.md, section 9): only a name and a
# place, never an e-mail address or a telephone number (9 digits or more, spaces and dots aside).
_EMAIL_LIKE = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_PHONE_LIKE = re.compile(r"(?:\+?\d[\s.\-]?){9,}")


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


def check_rules(
    kind: str, values: dict[str, Any], fields: dict[str, Node], report: ErrorReport, path: str
) -> None:
    """Rules that tie several fields of one item together."""

    def line(key: str) -> int:
        return fields[key].line if key in fields else 1

    def err(key: str, message: str, english: str) -> None:
        report.add(path, line(key), key, message, english)

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

    if kind == "documents":
        mark = values.get("classification")
        if mark and mark.lower() not in PUBLIC_MARKS:
            err(
                "classification",
                f"văn bản mang dấu mật ('{mark}') không được đưa vào kho nội dung "
                "và không bao giờ được công bố; hãy xoá tệp này khỏi kho",
                "a classified document must never be in the repository",
            )
        effective, ends = values.get("effective"), values.get("expires_on")
        if effective and ends and ends < effective:
            err(
                "expires_on",
                "ngày hết hiệu lực trước ngày có hiệu lực",
                "expires_on is before effective",
            )
    elif kind == "invitations":
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
    elif kind == "qa":
        asker = values.get("asked_by", "")
        if _EMAIL_LIKE.search(asker) or _PHONE_LIKE.search(asker):
            err(
                "asked_by",
                "'asked_by' chỉ ghi họ tên và nơi ở của người hỏi, không ghi thư điện tử hay số "
                "điện thoại",
                "asked_by holds a name and a place only, no e-mail address or telephone number",
            )
    elif kind == "pages":
        if values.get("lang") == "en" and values.get("nav"):
            err(
                "nav",
                "không đặt 'nav: true' cho trang tiếng Anh: cổng tự liên kết bản dịch với trang "
                "tiếng Việt gốc",
                "no nav: true on an English page; it is linked from its original",
            )
    elif kind == "consultations":
        if "opens" in values and "closes" in values and values["closes"] < values["opens"]:
            err("closes", "ngày kết thúc lấy ý kiến trước ngày bắt đầu", "closes is before opens")
    elif kind == "schedules" and "week" in values:
        bounds = week_bounds(values["week"])
        if bounds is None:
            err(
                "week",
                f"tuần '{values['week']}' không đúng dạng NNNN-Wtt (ví dụ 2026-W47), hoặc năm "
                f"nằm ngoài khoảng {YEARS[0]}–{YEARS[1]}",
                f"week must be YYYY-Www, in {YEARS[0]}-{YEARS[1]}",
            )
            return
        items = fields["items"].value if "items" in fields else []
        for index, item in enumerate(values.get("items", [])):
            day = item.get("date")
            if day and not bounds[0] <= day <= bounds[1]:
                node = items[index].value.get("date") if isinstance(items, list) else None
                report.add(
                    path,
                    node.line if node else line("items"),
                    f"items[{index + 1}].date",
                    f"ngày {day.isoformat()} không thuộc tuần {values['week']} "
                    f"({bounds[0].isoformat()} – {bounds[1].isoformat()})",
                    "date is outside the schedule's week",
                )
