"""Clean, stable URLs per type: a Vietnamese section prefix and the item's slug."""

from __future__ import annotations

from portal.messages import N_

SECTIONS: dict[str, str] = {
    "articles": "tin-tuc",
    "documents": "van-ban",
    "schedules": "lich-cong-tac",
    "invitations": "giay-moi",
    "procedures": "thu-tuc-hanh-chinh",
    "qa": "hoi-dap",
    "consultations": "lay-y-kien",
    "pages": "",
}
SECTION_TITLES: dict[str, str] = {
    "articles": N_("Tin tức"),
    "documents": N_("Văn bản"),
    "schedules": N_("Lịch công tác"),
    "invitations": N_("Giấy mời họp"),
    "procedures": N_("Thủ tục hành chính"),
    "qa": N_("Hỏi đáp"),
    "consultations": N_("Lấy ý kiến dự thảo"),
    "pages": N_("Giới thiệu"),
}


def item_url(kind: str, slug: str) -> str:
    """Site-relative URL with a trailing slash, e.g. ``tin-tuc/le-hoi/``."""
    prefix = SECTIONS[kind]
    return f"{prefix}/{slug}/" if prefix else f"{slug}/"


def save_as(url: str) -> str:
    return f"{url}index.html"
