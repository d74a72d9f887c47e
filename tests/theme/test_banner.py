"""A unit that was merged or dissolved says so on every page, with its successor linked."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from support import SITES_YML, article


@pytest.mark.parametrize(
    "history, expected, link",
    [
        (
            "{merged_into: huyen, date: 2025-07-01}",
            "Đơn vị này đã sáp nhập vào Ủy ban nhân dân huyện Thử Nghiệm từ ngày 01/07/2025.",
            "/huyen/",
        ),
        (
            "{merged_into: huyen}",
            "Đơn vị này đã sáp nhập vào Ủy ban nhân dân huyện Thử Nghiệm.",
            "/huyen/",
        ),
        ("{dissolved: true, date: 2025-07-01}", "Đơn vị này đã giải thể từ ngày 01/07/2025.", None),
    ],
)
def test_history_banner(make_content, build_into, history, expected, link):
    sites = SITES_YML + f"  history: {history}\n"
    content = make_content(
        {"xa/articles/a.md": article(category='"Tin tức - Sự kiện"')}, sites=sites
    )
    out = build_into(content)
    for path in ("xa/index.html", "xa/tin-tuc/tin-thu-nghiem/index.html"):
        soup = BeautifulSoup((out / path).read_text(encoding="utf-8"), "html.parser")
        banner = soup.select_one(".pt-banner")
        assert expected in " ".join(banner.get_text().split()), banner.get_text()
        anchor = banner.find("a")
        assert (anchor["href"] if anchor else None) == link
    parent = BeautifulSoup((out / "huyen/index.html").read_text(encoding="utf-8"), "html.parser")
    assert parent.select_one(".pt-banner") is None
