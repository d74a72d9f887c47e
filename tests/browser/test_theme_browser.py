"""The public theme in Chromium: every page type at phone and desktop width (axe-core, no
horizontal scrolling, a screenshot each), keyboard use, the menu, pagination, the documents
filters with and without JavaScript, switching weeks, and the print view.

Screenshots go to ``test-artifacts/screenshots/<page type>-<width>.png``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe import run_axe, serious_violations

from support import REPO

pytestmark = pytest.mark.browser

PAGE_TYPES: dict[str, str] = json.loads((Path(__file__).parent / "page_types.json").read_text())
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
SHOTS = REPO / "test-artifacts" / "screenshots"
PARENT = "/tinh-lam-giang"


@pytest.fixture
def open_page(pooled_page, demo_site):
    """Factory: a page (reused, ``pooled_page``) at a viewport, JavaScript on or off, that
    refuses other hosts and records console errors; ``visit(path)`` opens a site path and
    checks the answer; ``page.errors`` lists what went wrong (``PagePool``)."""

    def make(width: int = 1280, height: int = 900, javascript: bool = True):
        page = pooled_page(width, height, javascript, only=demo_site)

        def visit(path: str):
            response = page.goto(demo_site + path, wait_until="load")
            status = response.status if response else None
            assert status == 200, f"{path}: HTTP {status}"
            return page

        page.visit = visit
        page.errors = page.problems
        return page

    return make


def test_page_types_cover_every_template():
    """The list of page types the audit and these tests visit names one page per template."""
    expected = {
        "home",
        "member-home",
        "article",
        "news",
        "news-page-2",
        "syndicated",
        "category",
        "tag",
        "month-archive",
        "documents",
        "documents-facet",
        "document",
        "schedules",
        "this-week",
        "schedule",
        "invitations",
        "invitation",
        "procedures",
        "procedure",
        "qa-list",
        "qa",
        "consultations",
        "consultation",
        "page",
        "page-en",
        "contact-form",
        "statistics",
        "search",
        "not-found",
        "gone",
        "withdrawn",
    }
    assert expected <= set(PAGE_TYPES), expected - set(PAGE_TYPES)


# Every page type at phone width in the default run (the public reads on phones; the narrow
# layout is where overflow shows); at desktop width a core of the layouts there, every other
# page type under `slow` (make test-slow), which keeps make test within its time budget.
DESKTOP_CORE = {"home", "member-home", "article", "documents", "this-week", "search", "statistics"}
CASES = [
    pytest.param(
        name,
        width,
        marks=() if width == "phone" or name in DESKTOP_CORE else pytest.mark.slow,
        id=f"{name}-{width}",
    )
    for name in PAGE_TYPES
    for width in WIDTHS
]


@pytest.mark.parametrize(("name", "width"), CASES)
def test_page_type(open_page, name, width):
    """axe-core finds no serious or critical violation; nothing is wider than the screen."""
    w, h = WIDTHS[width]
    page = open_page(w, h)
    page.visit(PAGE_TYPES[name])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{w}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} at {w}px scrolls sideways by {overflow}px"
    violations = serious_violations(run_axe(page))
    assert not violations, f"{name} at {w}px:\n" + "\n".join(violations)
    assert not page.errors, page.errors


def focus_ring(page) -> str:
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
          ? 'outline' : (s.boxShadow !== 'none' ? 'shadow' : ''); }"""
    )


def test_keyboard_only(open_page):
    """Tab reaches the skip link first, it moves focus to the main content, and every control
    met on the way shows a visible focus indicator."""
    page = open_page(375, 812)
    page.visit(f"{PARENT}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "pt-skip"
    assert page.locator(".pt-skip").is_visible()
    assert focus_ring(page)
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    )
    assert inside, "after the skip link, Tab should continue inside <main>"
    page.visit(f"{PARENT}/")
    seen = []
    for _ in range(15):
        page.keyboard.press("Tab")
        tag = page.evaluate(
            "document.activeElement.tagName + '.' + document.activeElement.className"
        )
        seen.append(tag)
        assert focus_ring(page), f"no visible focus on {tag}"
    assert any("pt-search__input" in s for s in seen)


def test_menu_folds_on_phones(open_page):
    page = open_page(375, 812)
    page.visit(f"{PARENT}/")
    toggle = page.locator(".pt-nav__toggle")
    links = page.locator("#pt-nav-list")
    assert toggle.is_visible() and not links.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and links.is_visible()
    page.locator("#pt-nav-list a", has_text="Văn bản").click()
    page.wait_for_url(re.compile(r"/van-ban/$"))
    assert page.locator("h1").inner_text() == "Văn bản"
    # Without JavaScript the menu is simply there.
    plain = open_page(375, 812, javascript=False)
    plain.visit(f"{PARENT}/")
    assert plain.locator("#pt-nav-list").is_visible()
    assert not plain.locator(".pt-nav__toggle").is_visible()
    # On a desktop the menu is always open.
    wide = open_page(1280, 900)
    wide.visit(f"{PARENT}/")
    assert wide.locator("#pt-nav-list").is_visible()
    assert not wide.locator(".pt-nav__toggle").is_visible()


def test_pagination(open_page):
    page = open_page()
    page.visit(f"{PARENT}/tin-tuc/")
    first = page.locator(".pt-card__title a").all_inner_texts()
    page.locator('.pt-pagination a[rel="next"]').click()
    page.wait_for_url(re.compile(r"/tin-tuc/trang-2/$"))
    second = page.locator(".pt-card__title a").all_inner_texts()
    assert second and not set(first) & set(second)
    page.locator('.pt-pagination a[rel="prev"]').click()
    page.wait_for_url(re.compile(r"/tin-tuc/$"))
    assert page.locator(".pt-card__title a").all_inner_texts() == first


def table_rows(page) -> list[list[str]]:
    return page.locator(".pt-doctable tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.innerText.trim()))"
    )


def test_document_filters_without_javascript(open_page):
    page = open_page(javascript=False)
    page.visit(f"{PARENT}/van-ban/")
    assert not page.locator("form[data-pt-filter]").is_visible()
    page.locator(".pt-facets a", has_text="Quyết định").first.click()
    page.wait_for_url(re.compile(r"/van-ban/loai/quyet-dinh/$"))
    rows = table_rows(page)
    assert rows and all(row[1] == "Quyết định" for row in rows)


FILTERED = "() => document.querySelector('[data-pt-filter-status]').textContent !== ''"


def test_document_filters_with_javascript(open_page):
    page = open_page()
    page.visit(f"{PARENT}/van-ban/")
    everything = table_rows(page)
    form = page.locator("form[data-pt-filter]")
    assert form.is_visible()
    form.locator("select[name=type]").select_option(label="Quyết định")
    page.wait_for_function(FILTERED)
    rows = table_rows(page)
    assert rows and all(row[1] == "Quyết định" for row in rows)
    assert len(rows) < len(everything)
    assert "loai=quyet-dinh" in page.url
    assert form.locator("[data-pt-filter-status]").inner_text() == f"Tìm thấy {len(rows)} văn bản."
    # Typing without tone marks (and đ as d) finds accented text.
    form.locator("button[type=reset]").click()
    page.wait_for_function("() => !location.search")
    form.locator("input[name=q]").fill("dat dai")
    page.wait_for_function(FILTERED)
    found = table_rows(page)
    assert found and all("đất đai" in " ".join(r).lower() for r in found), found
    # A shared link restores the filter.
    page.visit(f"{PARENT}/van-ban/?loai=quyet-dinh")
    page.wait_for_function(FILTERED)
    assert all(row[1] == "Quyết định" for row in table_rows(page))
    assert page.locator("select[name=type]").input_value() == "quyet-dinh"


def test_switching_weeks(open_page):
    page = open_page(375, 812)
    page.visit(f"{PARENT}/lich-cong-tac/tuan-nay/")
    this_week = page.locator("table.pt-week").first.inner_text()
    page.locator('a[rel="prev"]').first.click()
    page.wait_for_url(re.compile(r"tuan-46"))
    assert "09/11/2026" in page.locator("table.pt-week").inner_text()
    page.locator('a[rel="next"]').click()
    page.wait_for_url(re.compile(r"tuan-47"))
    assert page.locator("table.pt-week").inner_text() == this_week
    # Rows name their invitations, which open.
    invitation = page.locator("a.pt-week__invitation").first
    if invitation.count():
        invitation.click()
        page.wait_for_url(re.compile(r"/giay-moi/"))


def test_print_view(open_page):
    page = open_page()
    page.visit(f"{PARENT}/tin-tuc/")
    page.visit(page.locator(".pt-card__title a").first.get_attribute("href"))
    assert page.locator("button[data-pt-print]").is_visible()  # JavaScript showed it
    page.emulate_media(media="print")
    for selector in (".pt-nav", ".pt-search", ".pt-skip", "button[data-pt-print]", ".pt-related"):
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    assert page.locator("article .pt-prose").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator(".pt-footer__contact").is_visible()  # the issuing authority
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "article-print.png"), full_page=True)
