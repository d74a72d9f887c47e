"""Clean, stable URLs per type: a Vietnamese section prefix and the item's slug."""

from __future__ import annotations

import re

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
# Paths the build itself writes; no item may take them.
CATEGORY_PREFIX = "chuyen-muc"
TAG_PREFIX = "the"
RESERVED = {
    "",
    CATEGORY_PREFIX,
    TAG_PREFIX,
    "theme",
    "tim-kiem",
    "feeds",
    "thong-ke-truy-cap",  # visit statistics (portal.stats), when a site has them
    "thong-ke",  # the monthly tally, when published (portal.report, PORTAL_REPORT_PUBLIC)
    *[p for p in SECTIONS.values() if p],
}
# Folders the build writes inside a section: listing pages (trang-2/ …, and trang-2/ … of every
# page-like path), the library's facets, the current week.
SYNDICATED_FOLDER = "don-vi"  # tin-tuc/don-vi/: the members' news shared with a parent
SECTION_RESERVED: dict[str, frozenset[str]] = {
    "articles": frozenset({SYNDICATED_FOLDER}),
    "documents": frozenset({"loai", "co-quan", "linh-vuc", "nam"}),
    "schedules": frozenset({"tuan-nay"}),
    "qa": frozenset({"hai-long-nhat"}),  # answers by readers' satisfaction (portal.forms)
}
PAGE_FOLDER = re.compile(r"^trang-\d+$")


def reserved_slug(kind: str, slug: str) -> bool:
    """Whether an item's slug would take a path the build writes inside its section."""
    if kind != "pages" and PAGE_FOLDER.match(slug):
        return True
    return slug in SECTION_RESERVED.get(kind, ())


def item_url(kind: str, slug: str) -> str:
    """Site-relative URL with a trailing slash, e.g. ``tin-tuc/le-hoi/``."""
    prefix = SECTIONS[kind]
    return f"{prefix}/{slug}/" if prefix else f"{slug}/"


def save_as(url: str) -> str:
    return f"{url}index.html"
