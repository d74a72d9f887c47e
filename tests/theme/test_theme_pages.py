"""The public theme on the built demo: every page's structure, the habits a strict CSP and slow
phones need, and what each page type must show."""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from demo_html import parse

from portal.errors import ErrorReport
from portal.paths import ADMIN
from portal.sites import load_sites
from support import DEMO_CONTENT

PARENT, MEMBER = "tinh-lam-giang", "xa-phuoc-dinh"
BUDGET = 50 * 1024  # compressed HTML + CSS + JS of one page
pytestmark = pytest.mark.xdist_group("demo-html")  # pages parsed once (tests/demo_html.py)


def html_pages(output: Path) -> list[Path]:
    """The portal's pages: not the local index, not the form editor's app page (admin/)."""
    return sorted(
        p for p in output.rglob("*.html") if p.parent != output and ADMIN not in p.parts[-3:-1]
    )


def page(output: Path, site_path: str) -> BeautifulSoup:
    path = output / site_path.strip("/")
    return parse(path if path.suffix == ".html" else path / "index.html")


def test_no_inline_script_or_style_anywhere(demo_output):
    """A strict CSP (no 'unsafe-inline') must not break a single page."""
    problems = []
    for path in html_pages(demo_output):
        soup = parse(path)
        where = path.relative_to(demo_output)
        if soup.find("style"):
            problems.append(f"{where}: <style>")
        for script in soup.find_all("script"):
            if not script.get("src") or (script.string or "").strip():
                problems.append(f"{where}: inline <script>")
        for tag in soup.find_all(True):
            for attr in tag.attrs:
                if attr == "style" or attr.startswith("on"):
                    problems.append(f"{where}: {attr}= on <{tag.name}>")
    assert not problems, "\n".join(problems[:20])


def test_no_request_leaves_the_site(demo_output):
    """Scripts, styles, images and icons come from the site itself: nothing fetched elsewhere."""
    problems = []
    for path in html_pages(demo_output):
        site = path.relative_to(demo_output).parts[0]
        here = "/" + path.relative_to(demo_output).as_posix()
        for tag in parse(path).select("script[src], link[href], img[src], img[srcset], source"):
            rel = tag.get("rel") or []
            if tag.name == "link" and ("canonical" in rel or "alternate" in rel):
                continue  # not fetched
            for url in [tag.get("src"), tag.get("href"), *(tag.get("srcset") or "").split(",")]:
                url = (url or "").strip().split(" ")[0]
                if url and not urljoin(here, url).startswith(f"/{site}/"):
                    problems.append(f"{path.relative_to(demo_output)}: {tag.name} → {url}")
    assert not problems, "\n".join(problems[:20])


def test_every_page_has_the_layout(demo_output):
    """lang, one h1, skip link first, landmarks with labels, and the footer's legal block."""
    report = ErrorReport()
    sites = {s.id: s for s in load_sites(DEMO_CONTENT, report)}
    problems = []
    for path in html_pages(demo_output):
        soup = parse(path)
        where = path.relative_to(demo_output)
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect stub for a consolidated item
        site = sites[where.parts[0]]
        if soup.html.get("lang") not in ("vi", "en"):
            problems.append(f"{where}: lang={soup.html.get('lang')}")
        if len(soup.find_all("h1")) != 1:
            problems.append(f"{where}: {len(soup.find_all('h1'))} h1")
        first = soup.body.find(["a", "button", "input"])
        if first is None or "pt-skip" not in first.get("class", []):
            problems.append(f"{where}: the skip link is not the first control")
        if not soup.select_one("main#main-content"):
            problems.append(f"{where}: no main#main-content")
        for nav in soup.find_all("nav"):
            if not nav.get("aria-label"):
                problems.append(f"{where}: <nav> without aria-label")
        footer = soup.select_one("footer.pt-footer")
        text = footer.get_text(" ", strip=True) if footer else ""
        for value in (
            site.contact.get("address"),
            site.contact.get("phone"),
            site.contact.get("email"),
            site.contact.get("responsible"),
        ):
            if value and value not in text:
                problems.append(f"{where}: footer lacks {value!r}")
    assert not problems, "\n".join(problems[:20])


@functools.cache
def gzipped_size(path: Path) -> int:
    """gzip -9 bytes of a file (the same stylesheet and script serve every page)."""
    return len(gzip.compress(path.read_bytes(), 9))


def page_weight(output: Path, path: Path) -> int:
    """gzip -9 bytes of the page plus the stylesheets and scripts it loads."""
    soup = parse(path)
    total = gzipped_size(path)
    for tag in soup.select("link[rel=stylesheet], script[src]"):
        total += gzipped_size(output / (tag.get("href") or tag.get("src")).lstrip("/"))
    return total


def test_every_page_within_the_weight_budget(demo_output):
    weights = {p: page_weight(demo_output, p) for p in html_pages(demo_output)}
    heaviest = max(weights, key=weights.get)
    over = [f"{p.relative_to(demo_output)}: {w} B" for p, w in weights.items() if w > BUDGET]
    assert not over, "over the 50 KB budget:\n" + "\n".join(over)
    print(f"heaviest page: {heaviest.relative_to(demo_output)} {weights[heaviest]} B")


def test_navigation_marks_the_current_section(demo_output):
    for site_path, label in (
        (f"/{PARENT}/", "Trang chủ"),
        (f"/{PARENT}/tin-tuc/", "Tin tức"),
        (f"/{PARENT}/van-ban/", "Văn bản"),
        (f"/{PARENT}/lich-cong-tac/tuan-nay/", "Lịch công tác"),
        (f"/{PARENT}/giay-moi/", "Lịch công tác"),
        (f"/{PARENT}/gioi-thieu/", "Giới thiệu"),
    ):
        current = page(demo_output, site_path).select('nav.pt-nav [aria-current="page"]')
        assert [a.get_text() for a in current] == [label], site_path


def test_parent_home(demo_output):
    home = page(demo_output, f"/{PARENT}/")
    blocks = {s["aria-labelledby"]: s for s in home.select("main section[aria-labelledby]")}
    lead = home.select_one(".pt-lead-story__title a")
    assert lead is not None
    members = [a["href"] for a in blocks["pt-home-members"].select("a")]
    assert members == ["/xa-phuoc-dinh/", "/xa-dao-thanh/", "/phuong-cau-moi/"]
    assert blocks["pt-home-week"].select(".pt-agenda__item")  # this week's schedule
    assert len(blocks["pt-home-documents"].select("li a")) == 5
    for invitation in blocks["pt-home-invitations"].select("li a"):
        assert invitation["href"].startswith(f"/{PARENT}/giay-moi/")
    assert "pt-home-parent" not in blocks


def test_member_home_shows_the_parents_news(demo_output):
    home = page(demo_output, f"/{MEMBER}/")
    parent = home.select_one('section[aria-labelledby="pt-home-parent"]')
    news, announcements = parent.select("ul.pt-rows")  # the parent's news, its announcements
    links = [a["href"] for a in news.select("li a")]
    assert len(links) == 5 and all(h.startswith(f"/{PARENT}/tin-tuc/") for h in links)
    notices = [a["href"] for a in announcements.select("li a")]
    assert notices and all(h.startswith(f"/{PARENT}/tin-tuc/") for h in notices)
    assert not set(links) & set(notices)
    links += notices
    for href in links:  # each one is a real page of the parent site
        assert (demo_output / href.strip("/") / "index.html").is_file(), href
    topbar = home.select_one(".pt-topbar a")
    assert topbar["href"] == f"/{PARENT}/"


def test_article_page(demo_output):
    news = page(demo_output, f"/{PARENT}/tin-tuc/")
    first, second = [a["href"] for a in news.select(".pt-card__title a")][:2]
    article = page(demo_output, second)
    crumbs = [li.get_text(strip=True) for li in article.select(".pt-breadcrumbs li")]
    assert crumbs[:2] == ["Trang chủ", "Tin tức"] and crumbs[-1] == article.h1.get_text()
    assert article.select_one('.pt-prevnext a[rel="next"]')["href"] == first  # newer
    older = article.select_one('.pt-prevnext a[rel="prev"]')["href"]
    assert older == [a["href"] for a in news.select(".pt-card__title a")][2]
    related = [a["href"] for a in article.select(".pt-related a")]
    assert 1 <= len(related) <= 5 and second not in related
    assert article.select_one("button[data-pt-print][hidden]")  # shown by JavaScript only
    assert article.select_one(".pt-article__meta time")["datetime"]


def test_listings_paginate(demo_output):
    first = page(demo_output, f"/{PARENT}/tin-tuc/")
    second = page(demo_output, f"/{PARENT}/tin-tuc/trang-2/")
    assert first.select_one('.pt-pagination a[rel="next"]')["href"] == f"/{PARENT}/tin-tuc/trang-2/"
    assert second.select_one('.pt-pagination a[rel="prev"]')["href"] == f"/{PARENT}/tin-tuc/"
    assert second.select_one('.pt-pagination [aria-current="page"]').get_text() == "2"
    one = {a["href"] for a in first.select(".pt-card__title a")}
    two = {a["href"] for a in second.select(".pt-card__title a")}
    assert len(one) == 20 and two and not one & two
    archive = page(demo_output, f"/{PARENT}/tin-tuc/2026/11/")
    assert archive.h1.get_text() == "Tin tức tháng 11/2026"
    for time in archive.select(".pt-card__meta time"):
        assert time["datetime"].startswith("2026-11")


@pytest.mark.parametrize(
    "site_path, must_show",
    [
        (f"/{PARENT}/lich-cong-tac/tuan-nay/", ["Thứ Hai, 16/11/2026", "Sáng", "Chủ trì"]),
        (f"/{PARENT}/404.html", ["Không tìm thấy trang"]),
        (f"/{PARENT}/410.html", ["Nội dung đã bị gỡ bỏ"]),
        (f"/{PARENT}/tim-kiem/", ["Tìm kiếm cần bật JavaScript"]),
    ],
)
def test_page_types_show(demo_output, site_path, must_show):
    text = page(demo_output, site_path).get_text(" ", strip=True)
    for expected in must_show:
        assert expected in text, f"{site_path} lacks {expected!r}"


def test_procedure_links_the_national_portal(demo_output):
    listing = page(demo_output, f"/{PARENT}/thu-tuc-hanh-chinh/")
    procedure = page(demo_output, listing.select_one(".pt-card__title a")["href"])
    code = procedure.select_one(".pt-details__row dd").get_text()
    national = procedure.find("a", string="Xem trên Cổng Dịch vụ công quốc gia")
    assert national["href"].startswith("https://dichvucong.gov.vn/")
    assert national["href"].endswith(re.sub(r"[^0-9A-Za-z.]", "", code))


def test_consultations_show_their_state(demo_output):
    listing = page(demo_output, f"/{PARENT}/lay-y-kien/")
    badges = [b.get_text() for b in listing.select(".pt-card__meta .pt-badge")]
    assert badges and set(badges) <= {"Đang lấy ý kiến", "Sắp lấy ý kiến", "Đã kết thúc"}
    assert "Đang lấy ý kiến" in badges


def test_withdrawn_item_carries_the_notice(demo_output):
    notices = [p for p in html_pages(demo_output) if parse(p).select_one(".pt-notice--warning")]
    assert notices, "the demo's withdrawn item shows no withdrawal notice"
    for path in notices:
        assert parse(path).find("meta", attrs={"name": "robots", "content": "noindex"})


def test_english_pages_speak_english_and_link_their_original(demo_output):
    english = page(demo_output, f"/{PARENT}/organisation/")
    assert english.html["lang"] == "en"
    assert english.select_one(".pt-breadcrumbs li a").get_text() == "Home"
    assert english.select_one(".pt-skip").get_text() == "Skip to main content"
    labels = [s.get_text() for s in english.select(".pt-footer__label")]
    assert "Address:" in labels
    back = english.select_one('.pt-topbar a[hreflang="vi"]')
    assert back["href"] == f"/{PARENT}/co-cau-to-chuc/" and back["lang"] == "vi"
    alternate = english.select_one('link[rel="alternate"][hreflang="vi"]')
    assert alternate["href"] == "https://lamgiang.example/co-cau-to-chuc/"
    vietnamese = page(demo_output, f"/{PARENT}/co-cau-to-chuc/")
    assert vietnamese.html["lang"] == "vi"
    assert (
        vietnamese.select_one('.pt-topbar a[hreflang="en"]')["href"] == f"/{PARENT}/organisation/"
    )
    assert vietnamese.select_one(".pt-breadcrumbs li a").get_text() == "Trang chủ"
    # English pages stay out of the Vietnamese menu but are linked from every footer.
    menu = [a["href"] for a in vietnamese.select("nav.pt-nav a")]
    assert f"/{PARENT}/organisation/" not in menu
    footer = [a["href"] for a in page(demo_output, f"/{PARENT}/").select("footer a[hreflang=en]")]
    assert footer == [f"/{PARENT}/contact/", f"/{PARENT}/organisation/"]


def test_lead_image_is_responsive_with_its_caption(demo_output):
    home = page(demo_output, f"/{PARENT}/")
    path = home.select_one(".pt-lead-story__title a")["href"]
    figure = page(demo_output, path).select_one("article figure.pt-figure")
    img = figure.img
    assert img["fetchpriority"] == "high" and not img.get("loading")  # the largest paint
    assert int(img["width"]) > 0 and int(img["height"]) > 0 and img["alt"]
    sources = [entry.strip().split(" ") for entry in img["srcset"].split(",")]
    assert [w for _, w in sources] == sorted((w for _, w in sources), key=lambda w: int(w[:-1]))
    for url, _ in sources:
        assert (demo_output / url.strip("/")).is_file(), url
    assert "Đồ họa:" in figure.figcaption.get_text() or "Ảnh:" in figure.figcaption.get_text()
    # Thumbnails further down the page load lazily.
    for thumb in home.select(".pt-card__picture"):
        assert thumb["loading"] == "lazy"
