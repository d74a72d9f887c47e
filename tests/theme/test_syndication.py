"""Syndication both ways: a member's item with ``syndicate: [parent]`` is listed on the parent,
credited and linked to its source; a member's home shows the parent's news and announcements."""

from __future__ import annotations

from bs4 import BeautifulSoup

from support import article

SHARED = article(
    "Xã khánh thành cầu giao thông nông thôn ấp Một",
    "Cây cầu mới nối hai ấp.",
    category='"Tin tức - Sự kiện"',
    syndicate="[parent]",
)
OWN = article("Xã họp dân bàn làm đường", "Chỉ tin của xã.", category='"Tin tức - Sự kiện"')
SHARED_DRAFT = article(
    "Bản nháp chia sẻ chưa duyệt",
    "Không được lộ.",
    category='"Tin tức - Sự kiện"',
    syndicate="[parent]",
    status="draft",
)
PARENT_NEWS = article("Huyện tổ chức hội nghị tổng kết năm", "Tin của huyện.")
PARENT_NOTICE = article(
    "Thông báo lịch tiếp công dân tháng 12", "Thông báo của huyện.", category='"Thông báo"'
)


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_members_share_news_with_the_parent_and_read_its_news(make_content, build_into):
    output = build_into(
        make_content(
            {
                "xa/articles/shared.md": SHARED,
                "xa/articles/own.md": OWN,
                "xa/articles/draft.md": SHARED_DRAFT,
                "huyen/articles/news.md": PARENT_NEWS,
                "huyen/articles/notice.md": PARENT_NOTICE,
            }
        )
    )
    shared_url = "/xa/tin-tuc/xa-khanh-thanh-cau-giao-thong-nong-thon-ap-mot/"
    for page in ("index.html", "tin-tuc/don-vi/index.html"):
        html = soup(output / "huyen" / page)
        rows = html.select(".pt-rows__item")
        links = {a["href"] for row in rows for a in row.select("a")}
        assert shared_url in links, page
        assert "/xa/" in links  # the credit links the source portal
        assert "Xã khánh thành cầu" in html.get_text()
        assert "Xã họp dân bàn làm đường" not in html.get_text()
        assert "Bản nháp chia sẻ" not in html.get_text()
    # The shared item keeps living on the member's portal only.
    assert (output / "xa" / shared_url.removeprefix("/xa/") / "index.html").is_file()
    assert not (
        output / "huyen" / "tin-tuc" / "xa-khanh-thanh-cau-giao-thong-nong-thon-ap-mot"
    ).exists()
    home = soup(output / "xa" / "index.html").select_one(".pt-home__parent")
    text = home.get_text()
    assert "Huyện tổ chức hội nghị tổng kết năm" in text
    assert "Thông báo lịch tiếp công dân tháng 12" in text
    assert {a["href"] for a in home.select(".pt-rows a")} >= {
        "/huyen/tin-tuc/huyen-to-chuc-hoi-nghi-tong-ket-nam/",
        "/huyen/tin-tuc/thong-bao-lich-tiep-cong-dan-thang-12/",
    }
    # A member has no members: no shared-news page of its own.
    assert not (output / "xa" / "tin-tuc" / "don-vi").exists()


def test_building_the_parent_alone_reads_what_members_share(make_content, build_into):
    output = build_into(make_content({"xa/articles/shared.md": SHARED}), site_ids=["huyen"])
    assert "Xã khánh thành cầu" in soup(output / "huyen" / "index.html").get_text()
    assert not (output / "xa").exists()


def test_demo_parent_lists_the_members_shared_news(demo_output):
    rows = soup(demo_output / "tinh-lam-giang" / "tin-tuc" / "don-vi" / "index.html").select(
        ".pt-rows__item"
    )
    sources = {row.select_one(".pt-rows__source").get_text() for row in rows}
    assert sources == {"Xã Phước Định", "Xã Đạo Thạnh", "Phường Cầu Mới"}
