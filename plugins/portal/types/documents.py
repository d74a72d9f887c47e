"""Legal and directive documents (văn bản): ``documents/``, under ``van-ban/``, with the library's
facets (``portal.documents``) and a validity phase."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portal.messages import N_
from portal.types.base import (
    EXPIRED,
    IN_FORCE,
    NUMBER_PLACEHOLDER,
    PATH,
    PENDING,
    REPLACED,
    SUMMARY_LIMIT,
    TEXT,
    ContentType,
    quote,
    spec,
    vietnam_day,
    with_common,
)

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
PUBLIC_MARKS = ("public", "công khai", "cong khai")


def rules(values: dict[str, Any], fields: dict, err) -> None:
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


def phase(meta: dict[str, Any], now: dt.datetime, replaced: frozenset[str] = frozenset()) -> str:
    """Its validity on ``now``'s day; ``replaced`` holds the numbers (case-folded) that another
    published document says it replaces (``portal.catalog.phases``)."""
    today = vietnam_day(now)
    if meta.get("number", "").casefold() in replaced:
        return REPLACED
    expires_on = meta.get("expires_on")
    if expires_on is not None and expires_on <= today:
        return EXPIRED
    effective = meta.get("effective")
    if effective is not None and effective > today:
        return PENDING
    return IN_FORCE


TYPE = ContentType(
    folder="documents",
    url_prefix="van-ban",
    title=N_("Văn bản"),
    nav_label=N_("Văn bản"),
    description="văn bản chỉ đạo điều hành và quy phạm pháp luật, kèm tệp đính kèm",
    template="document",
    listing_template="documents",
    fields=with_common(
        {
            "number": spec(
                label="Số ký hiệu",
                help="số ký hiệu, ví dụ 12/QĐ-UBND",
                example='"12/QĐ-UBND"',
                fill=lambda d: quote(NUMBER_PLACEHOLDER),
                required=True,
            ),
            "doc_type": spec(
                "enum",
                "Loại văn bản",
                "loại văn bản",
                "Quyết định",
                required=True,
                choices=DOC_TYPES,
            ),
            "issuer": spec(
                label="Cơ quan ban hành",
                help="cơ quan ban hành",
                example='"Ủy ban nhân dân xã"',
                fill=lambda d: quote(d.site.name),
                required=True,
            ),
            "issued": spec(
                "date",
                "Ngày ban hành",
                "ngày ban hành NNNN-TT-NN",
                "2026-11-20",
                lambda d: d.today.isoformat(),
                required=True,
            ),
            "summary": spec(
                label="Trích yếu",
                help="tóm tắt (trích yếu với văn bản); mặc định là đoạn đầu",
                example='"Về việc ban hành kế hoạch chuyển đổi số năm 2027"',
                fill=lambda d: quote(d.title),
                required=True,
                multiline=True,
                limit=SUMMARY_LIMIT,
            ),
            "files": spec(
                "list",
                "Tệp đính kèm",
                "tệp đính kèm (pdf, doc, docx, xls, xlsx, odt, ods, jpg, png, webp, zip)",
                '["files/quyet-dinh.pdf"]',
                lambda d: "[" + ", ".join(quote(f) for f in d.files) + "]",
                required=True,
                item=PATH,
            ),
            "signer": spec(label="Người ký", help="người ký", example="Nguyễn Văn A"),
            "signer_title": spec(
                label="Chức vụ người ký", help="chức vụ người ký", example="Chủ tịch"
            ),
            "effective": spec("date", "Ngày có hiệu lực", "ngày có hiệu lực", "2026-12-01"),
            "expires_on": spec("date", "Ngày hết hiệu lực", "ngày hết hiệu lực", "2027-12-31"),
            "legal": spec("bool", "Quy phạm pháp luật", "văn bản quy phạm pháp luật", "true"),
            "fields": spec("list", "Lĩnh vực", "lĩnh vực", "[Đất đai]", item=TEXT),
            "replaces": spec(
                "list", "Thay thế văn bản", "văn bản được thay thế", "[5/QĐ-UBND]", item=TEXT
            ),
            "classification": spec(
                label="Độ mật",
                help="chỉ 'public'; văn bản mật KHÔNG được đưa vào kho",
                example="public",
            ),
        }
    ),
    rules=rules,
    sort_key=lambda meta: (meta["issued"], meta.get("number", "")),
    day=lambda meta: meta.get("issued"),
    phase=phase,
    feed_fields=(
        "number",
        "doc_type",
        "issuer",
        "issued",
        "effective",
        "expires_on",
        "fields",
        "signer",
        "signer_title",
        "legal",
        "replaces",
    ),
    facets=(("doctype", "doc_type"), ("issuer", "issuer"), ("field", "fields")),
    quick_fields=("doc_type", "number", "issuer", "fields", "signer"),
    needs_files=True,
)
