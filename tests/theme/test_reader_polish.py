"""What a reader of the built demo sees on every Vietnamese page: no English UI string, no
dangling separator, no empty block or menu entry, and menus and labels that mean what they say
(issue 19, items 1 and 5)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, NavigableString
from demo_html import parse

from support import REPO

PARENT, MEMBERS = "tinh-lam-giang", ("xa-phuoc-dinh", "xa-dao-thanh", "phuong-cau-moi")
CATALOG = REPO / "theme" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
SKIPPED = {"script", "style", "code", "pre", "template"}
DANGLING = re.compile(r"^\s*·|·\s*$|·\s*·")
pytestmark = pytest.mark.xdist_group("demo-html")  # pages parsed once (tests/demo_html.py)


def vietnamese_pages(output: Path) -> list[Path]:
    pages = sorted(p for p in output.rglob("*.html") if p.parent != output)
    return [p for p in pages if parse(p).html and parse(p).html.get("lang") == "vi"]


@cache
def english_labels(output: Path) -> frozenset[str]:
    """The theme's English UI strings (the catalog's, where they differ from the Vietnamese) and
    the titles of the demo's English pages."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    labels = {
        m.string
        for m in catalog
        if m.id and isinstance(m.string, str) and m.string and m.string != m.id
        if "%" not in m.string and re.search(r"[A-Za-z]{3}", m.string)
    }
    for path in sorted(output.rglob("*.html")):
        soup = parse(path)
        if soup.html and soup.html.get("lang") == "en" and soup.h1:
            labels.add(soup.h1.get_text(" ", strip=True))
    return frozenset(labels)


def visible_texts(soup: BeautifulSoup):
    """Each text node outside scripts: marking English with ``lang="en"`` does not make it a
    Vietnamese page's label (only the switch to the English pages may say "English")."""
    for text in soup.find_all(string=True):
        if not isinstance(text, NavigableString) or type(text) is not NavigableString:
            continue  # comments, doctype
        parents = list(text.parents)
        if any(p.name in SKIPPED for p in parents):
            continue
        if text.strip() == "English":
            continue  # the language switch names its language in that language
        if text.strip():
            yield text.strip()


def english_strings(output: Path) -> list[str]:
    labels = english_labels(output)
    found = []
    for path in vietnamese_pages(output):
        for text in visible_texts(parse(path)):
            if text in labels:
                found.append(f"{path.relative_to(output)}: {text!r}")
    return found


def dangling_separators(output: Path) -> list[str]:
    found = []
    for path in vietnamese_pages(output):
        soup = parse(path)
        for element in soup.select("main p, main li, main dd, main td, footer p, footer li"):
            text = " ".join(element.get_text(" ").split())
            if "·" in text and DANGLING.search(text):
                found.append(f"{path.relative_to(output)}: {text[:80]!r}")
    return found


def test_vietnamese_pages_show_no_english_ui_string(demo_output):
    found = english_strings(demo_output)
    assert not found, "\n".join(found[:20])


def test_no_dangling_separator(demo_output):
    found = dangling_separators(demo_output)
    assert not found, "\n".join(found[:20])
    # A separator drawn by CSS would dangle unseen by the check above.
    css = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "theme/static/css").glob("*"))
    assert not re.search(r"content:\s*\"[^\"]*·", css)


def test_no_empty_block_or_menu_entry(demo_output):
    """Members hold fewer sections: what they lack is neither on the home page nor in the menu."""
    for site in (PARENT, *MEMBERS):
        home = parse(demo_output / site / "index.html")
        assert "Chưa có nội dung." not in home.get_text(), site
        for link in home.select("nav.pt-nav a"):
            target = demo_output / link["href"].lstrip("/") / "index.html"
            listing = parse(target)
            assert not listing.select(".pt-cards__empty, .pt-rows__empty"), link["href"]


def test_labels_say_what_they_mean(demo_output):
    home = parse(demo_output / PARENT / "index.html")
    news = home.select_one("#pt-home-news").get_text(strip=True)
    categories = [a.get_text(strip=True) for a in home.select("#pt-nav-sub-articles a")]
    assert news == "Tin mới" and news not in categories and "Tin tức - Sự kiện" not in categories
    schedules = parse(demo_output / PARENT / "lich-cong-tac" / "index.html")
    metas = [m.get_text(" ", strip=True) for m in schedules.select(".pt-card__meta")]
    assert "Từ 16/11/2026 đến 22/11/2026 · Thường trực UBND tỉnh" in metas, metas
    week = parse(demo_output / PARENT / "lich-cong-tac" / "tuan-nay" / "index.html")
    assert ".ics" not in week.get_text()
    assert week.select_one('a[type="text/calendar"]').get_text() == (
        "Thêm lịch vào điện thoại, máy tính"
    )


def test_categories_are_in_the_main_menu(demo_output):
    """ "Tin tức" opens the categories that hold news, in sites.yml order; the standing pages sit
    under the first of them; each submenu has its disclosure button (shown by the script)."""
    home = parse(demo_output / PARENT / "index.html")
    item = home.select_one("#pt-nav-list > li.pt-nav__item--menu")
    assert item.a.get_text(strip=True) == "Tin tức"
    button = item.select_one("button.pt-nav__expand")
    assert button["aria-expanded"] == "false" and button.has_attr("hidden")
    submenu = home.select_one(f"#{button['aria-controls']}")
    links = [(a.get_text(strip=True), a["href"]) for a in submenu.select("a")]
    assert links[:2] == [
        ("Hoạt động - Sự kiện", f"/{PARENT}/chuyen-muc/hoat-dong-su-kien/"),
        ("Thông báo", f"/{PARENT}/chuyen-muc/thong-bao/"),
    ]
    for _, href in links:
        assert parse(demo_output / href.strip("/") / "index.html").select(".pt-card")
    top = [a.get_text(strip=True) for a in home.select("#pt-nav-list > li > a")]
    assert top == [
        "Trang chủ",
        "Tin tức",
        "Văn bản",
        "Lịch công tác",
        "Thủ tục hành chính",
        "Hỏi đáp",
        "Lấy ý kiến",
        "Giới thiệu",
    ]
    pages = [a.get_text(strip=True) for a in home.select("#pt-nav-sub-pages a")]
    assert "Liên hệ" in pages and "Cơ cấu tổ chức" in pages
    # Without script, a phone reaches them from the news listing's first screen.
    listing = parse(demo_output / PARENT / "tin-tuc" / "index.html")
    chips = listing.select_one("main nav.pt-chips")
    assert chips["aria-label"] == "Chuyên mục tin tức"
    assert [a["href"] for a in chips.select("a")] == [href for _, href in links]


def test_egov_links_from_sites_yml(demo_output):
    """ "Chính quyền điện tử" in every footer, from sites.yml; members inherit their parent's."""
    for site in (PARENT, MEMBERS[0]):
        footer = parse(demo_output / site / "van-ban" / "index.html").select_one("footer")
        heading = footer.select_one("#pt-footer-egov")
        assert heading.get_text() == "Chính quyền điện tử"
        links = footer.select('ul[aria-labelledby="pt-footer-egov"] a')
        assert (links[0].get_text(), links[0]["href"]) == (
            "Cổng Dịch vụ công quốc gia",
            "https://dichvucong.gov.vn",
        )


def test_egov_links_are_checked_with_their_line(tmp_path):
    from portal.errors import ErrorReport
    from portal.sites import load_sites
    from support import SITES_YML

    (tmp_path / "huyen").mkdir()
    (tmp_path / "xa").mkdir()
    sites = SITES_YML.replace(
        "  categories:", "  egov_links:\n    - name: Cổng A\n      url: not a url\n  categories:", 1
    )
    (tmp_path / "sites.yml").write_text(sites, encoding="utf-8")
    report = ErrorReport()
    load_sites(tmp_path, report)
    errors = [e for e in report.errors if "egov_links" in e.field]
    assert errors and errors[0].line == 9, [str(e) for e in report.errors]


def test_campaign_banner_shows_within_its_dates(demo_output):
    """The demo has two banners: November-December's shows (WebP variants, sizes, its link),
    October's never does."""
    home = parse(demo_output / PARENT / "index.html")
    banners = home.select("aside.pt-campaign")
    assert len(banners) == 1 and banners[0]["aria-label"] == "Tuyên truyền"
    image = banners[0].select_one("a[href='https://dichvucong.gov.vn'] img")
    assert image["alt"].startswith("Hưởng ứng Ngày Chuyển đổi số")
    assert int(image["width"]) > 0 and int(image["height"]) > 0
    for candidate in image["srcset"].split(", "):
        url = candidate.split()[0]
        assert url.endswith(".webp") and (demo_output / url.lstrip("/")).is_file(), url
    assert "bình đẳng giới" not in home.get_text()
    member = parse(demo_output / MEMBERS[0] / "index.html").select("aside.pt-campaign img")
    assert [i["alt"] for i in member if "Chuyển đổi số" in i["alt"]] == []  # the parent's own


def test_banners_are_checked_with_their_line(tmp_path):
    from portal.errors import ErrorReport
    from portal.sites import load_sites
    from portal.sites.config import check_banner_images
    from support import SITES_YML

    (tmp_path / "huyen").mkdir()
    (tmp_path / "xa").mkdir()
    banner = "  banners:\n    - {image: khong-co.png, alt: A, start: 2026-11-02, end: 2026-11-01}\n"
    sites = SITES_YML.replace("  categories:", banner + "  categories:", 1)
    (tmp_path / "sites.yml").write_text(sites, encoding="utf-8")
    report = ErrorReport()
    [site, _] = load_sites(tmp_path, report)
    check_banner_images(site, tmp_path / "huyen", report, str(tmp_path / "sites.yml"))
    found = {e.field: (e.line, e.message) for e in report.errors}
    assert found["huyen.banners[1].image"][0] == 1, found
    assert "khong-co.png" in found["huyen.banners[1].image"][1]
    assert "huyen.banners[1].end" in found


def test_tier_and_banner_links_are_checked(tmp_path):
    """``tier`` is one of the administrative tiers; a banner links to an http(s) address or to
    a path of its own site (a standing page), nothing else; each error names its line."""
    from portal.errors import ErrorReport
    from portal.sites import load_sites
    from support import SITES_YML

    (tmp_path / "huyen").mkdir()
    (tmp_path / "xa").mkdir()

    def load(extra: str):
        sites = SITES_YML.replace("  categories:", extra + "  categories:", 1)
        (tmp_path / "sites.yml").write_text(sites, encoding="utf-8")
        report = ErrorReport()
        loaded = load_sites(tmp_path, report)
        return loaded, {e.field: (e.line, e.message) for e in report.errors}

    _, found = load("  tier: huyện\n")
    assert found["huyen.tier"][0] == 7, found  # the site is then left out: more errors follow
    assert "'huyện' không hợp lệ" in found["huyen.tier"][1]
    banners = "  tier: tỉnh\n  banners:\n" + "".join(
        f"    - {{image: a.png, alt: A, url: '{url}', start: 2025-07-01, end: 2027-06-30}}\n"
        for url in ("/lich-su-hinh-thanh/", "https://a.example/b", "../ngoai", "//khac.example/")
    )
    _, found = load(banners)
    assert set(found) == {"huyen.banners[3].url", "huyen.banners[4].url"}, found
    assert "https://" in found["huyen.banners[3].url"][1]
    assert "đường dẫn trong trang" in found["huyen.banners[4].url"][1]
    (parent, _), found = load(banners.split("    - ", 3)[0] + "    - " + banners.split("    - ")[1])
    assert not found and parent.tier == "tỉnh"
    assert parent.banners[0]["url"] == "/lich-su-hinh-thanh/"
