"""Standing pages (trang tĩnh): ``pages/``, at the site's root, with no date."""

from __future__ import annotations

from typing import Any

from portal.messages import N_
from portal.types.base import ContentType, spec, with_common


def rules(values: dict[str, Any], fields: dict, err) -> None:
    if values.get("lang") == "en" and values.get("nav"):
        err(
            "nav",
            "không đặt 'nav: true' cho trang tiếng Anh: cổng tự liên kết bản dịch với trang "
            "tiếng Việt gốc",
            "no nav: true on an English page; it is linked from its original",
        )


TYPE = ContentType(
    folder="pages",
    url_prefix="",
    title=N_("Giới thiệu"),
    nav_label=N_("Giới thiệu"),
    search_label=N_("Trang giới thiệu"),
    description="trang tĩnh (giới thiệu, cơ cấu tổ chức, liên hệ …); không có ngày đăng",
    template="page",
    listing_template="",  # no listing: the pages marked nav: true are the menu's last entries
    in_menu=False,
    feed=False,
    fields=with_common(
        {
            "order": spec("int", "Thứ tự", "thứ tự trong trình đơn", "1"),
            "nav": spec("bool", "Hiện trong trình đơn", "hiện trong trình đơn", "true"),
            "translation_of": spec(
                "slug",
                "Bản dịch của trang",
                "bản dịch của trang tĩnh nào (slug trang tiếng Việt); dùng với lang: en",
                "gioi-thieu",
            ),
            # A reader's form under the page's text (portal.theme.forms): feedback to the site.
            "form": spec(
                "enum",
                "Biểu mẫu",
                "biểu mẫu dưới trang: feedback (góp ý) hoặc question (gửi câu hỏi)",
                "feedback",
                choices=("feedback", "question"),
            ),
            "date": spec(
                "text",
                "Ngày đăng",
                "trang tĩnh không có ngày đăng",
                forbidden=(
                    "trang tĩnh không có ngày đăng; hãy xoá dòng 'date'",
                    "standing pages have no date",
                ),
            ),
        }
    ),
    rules=rules,
    dated_file_name=False,
)
