"""Administrative procedures (thủ tục hành chính): ``procedures/``, under
``thu-tuc-hanh-chinh/``."""

from __future__ import annotations

from portal.messages import N_
from portal.types.base import PLACEHOLDER, TEXT, ContentType, quote, spec, with_common

LEVELS = ("toàn trình", "một phần", "cung cấp thông tin")

TYPE = ContentType(
    folder="procedures",
    url_prefix="thu-tuc-hanh-chinh",
    title=N_("Thủ tục hành chính"),
    nav_label=N_("Thủ tục hành chính"),
    description="thủ tục hành chính, liên kết với Cổng dịch vụ công quốc gia",
    template="procedure",
    fields=with_common(
        {
            "code": spec(
                label="Mã thủ tục",
                help="mã thủ tục trên Cổng dịch vụ công quốc gia",
                example=quote(PLACEHOLDER),
                required=True,
            ),
            "field": spec(
                label="Lĩnh vực", help="lĩnh vực", example=quote(PLACEHOLDER), required=True
            ),
            "level": spec(
                "enum",
                "Mức độ",
                "mức độ: toàn trình, một phần, cung cấp thông tin",
                "toàn trình",
                choices=LEVELS,
            ),
            "agency": spec(
                label="Cơ quan thực hiện",
                help="cơ quan thực hiện",
                example='"Ủy ban nhân dân xã"',
                fill=lambda d: quote(d.site.name),
                required=True,
            ),
            "processing_time": spec(
                label="Thời hạn giải quyết", help="thời hạn giải quyết", example="15 ngày làm việc"
            ),
            "fee": spec(label="Phí, lệ phí", help="phí, lệ phí", example="Không"),
            "dossier": spec(
                "list", "Thành phần hồ sơ", "thành phần hồ sơ", "[Đơn đề nghị]", item=TEXT
            ),
            "legal_basis": spec(
                "list",
                "Căn cứ pháp lý",
                "căn cứ pháp lý",
                "[Luật Đất đai 2024]",
                item=TEXT,
            ),
            "online_url": spec(
                "url",
                "Liên kết dịch vụ công",
                "liên kết thủ tục trên Cổng dịch vụ công",
                "https://dichvucong.gov.vn/…",
            ),
        }
    ),
    feed_fields=(
        "code",
        "field",
        "level",
        "agency",
        "processing_time",
        "fee",
        "dossier",
        "legal_basis",
        "online_url",
    ),
    facets=(("field", "field"),),
    quick_fields=("code", "field", "agency"),
)
