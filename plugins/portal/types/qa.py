"""Questions and answers (hỏi đáp): ``qa/``, under ``hoi-dap/``; the body is the answer."""

from __future__ import annotations

import re
from typing import Any

from portal.messages import N_
from portal.types.base import PLACEHOLDER, ContentType, quote, spec, with_common

# What docs/huong-dan.md forbids in ``asked_by`` (CONTRIBUTING.md, section 9): only a name and a
# place, never an e-mail address or a telephone number (9 digits or more, spaces and dots aside).
_EMAIL_LIKE = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_PHONE_LIKE = re.compile(r"(?:\+?\d[\s.\-]?){9,}")


def rules(values: dict[str, Any], fields: dict, err) -> None:
    asker = values.get("asked_by", "")
    if _EMAIL_LIKE.search(asker) or _PHONE_LIKE.search(asker):
        err(
            "asked_by",
            "'asked_by' chỉ ghi họ tên và nơi ở của người hỏi, không ghi thư điện tử hay số "
            "điện thoại",
            "asked_by holds a name and a place only, no e-mail address or telephone number",
        )


TYPE = ContentType(
    folder="qa",
    url_prefix="hoi-dap",
    title=N_("Hỏi đáp"),
    nav_label=N_("Hỏi đáp"),
    description="câu hỏi của người dân và câu trả lời (nội dung bài là câu trả lời)",
    template="qa",
    fields=with_common(
        {
            "question": spec(
                label="Câu hỏi",
                help="câu hỏi của người dân",
                example=quote(PLACEHOLDER),
                required=True,
                multiline=True,
            ),
            "asked_by": spec(
                label="Người hỏi", help="người hỏi", example="Ông Nguyễn Văn B, thôn …"
            ),
            "asked": spec("date", "Ngày hỏi", "ngày hỏi", "2026-11-01"),
            "answered_by": spec(label="Đơn vị trả lời", help="đơn vị trả lời", example="Phòng …"),
            "field": spec(label="Lĩnh vực", help="lĩnh vực"),
            # The issue the readers' endpoint opened for this question (portal.forms): closed
            # with a link to the answer by `portal forms close` once it is published.
            "answers_issue": spec(
                "int",
                "Số issue câu hỏi",
                "số issue câu hỏi đến qua biểu mẫu (nếu có); issue được đóng khi đăng",
            ),
        }
    ),
    rules=rules,
    feed_fields=("question", "asked", "field", "answered_by"),
    facets=(("field", "field"),),
    quick_fields=("question", "field", "asked_by"),
)
