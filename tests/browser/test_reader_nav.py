"""A reader's way around the demo in Chromium (issue 19, items 1-3): the main menu's submenus
with the keyboard and without script, one menu row at 1024-1440 px, the documents library on a
phone (one folded filter UI, the first document in the first screen), and screenshots of home,
a category, the documents library, Q&A and search at 375 and 1280 px in
``test-artifacts/screenshots/reader-<page>-<width>.png``."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support import REPO

pytestmark = pytest.mark.browser

SHOTS = REPO / "test-artifacts" / "screenshots"
PARENT = "/tinh-lam-giang"
PAGES = {
    "home": f"{PARENT}/",
    "category": f"{PARENT}/chuyen-muc/thong-bao/",
    "documents": f"{PARENT}/van-ban/",
    "qa": f"{PARENT}/hoi-dap/",
    "search": f"{PARENT}/tim-kiem/?q=%C4%91%E1%BA%A5t%20%C4%91ai",
}


@pytest.fixture
def open_page(pooled_page, demo_site):
    """Factory: a page (reused, ``pooled_page``) at a viewport (script on or off) that opens
    site paths; ``page.errors``: its uncaught exceptions."""

    def make(width: int, height: int = 900, javascript: bool = True):
        page = pooled_page(width, height, javascript)
        page.errors = page.page_errors

        def visit(path: str):
            response = page.goto(demo_site + path, wait_until="load")
            assert response and response.status == 200, path
            return page

        page.visit = visit
        return page

    return make


@pytest.mark.parametrize("width", [1024, 1280, 1440])
def test_the_menu_is_one_row(open_page, width):
    page = open_page(width).visit(f"{PARENT}/")
    tops = page.eval_on_selector_all(
        "#pt-nav-list > li", "items => items.map(i => Math.round(i.getBoundingClientRect().top))"
    )
    assert len(tops) == 8 and len(set(tops)) == 1, tops
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("width", [375, 1280])
def test_the_news_submenu_by_keyboard(open_page, width):
    """WAI-ARIA disclosure: the button says whether the list is open, Enter toggles it, the
    links follow in tab order, Escape closes it and puts the focus back on the button."""
    page = open_page(width, 740).visit(f"{PARENT}/")
    if width < 1024:
        page.locator(".pt-nav__toggle").click()
    button = page.locator("#pt-nav-list button[aria-controls=pt-nav-sub-articles]")
    submenu = page.locator("#pt-nav-sub-articles")
    assert button.is_visible() and not submenu.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and submenu.is_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Hoạt động - Sự kiện"
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not submenu.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == (
        "pt-nav-sub-articles"
    )
    button.click()
    submenu.get_by_role("link", name="Thông báo").click()
    page.wait_for_url("**/chuyen-muc/thong-bao/")
    assert not page.errors


def test_the_submenus_work_without_script(open_page):
    page = open_page(1280, javascript=False).visit(f"{PARENT}/")
    submenu = page.locator("#pt-nav-sub-articles")
    assert not submenu.is_visible()
    page.locator("#pt-nav-list > li > a", has_text="Tin tức").focus()
    page.keyboard.press("Tab")  # into the submenu: the button is hidden without script
    assert submenu.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Hoạt động - Sự kiện"
    # On a phone the news listing shows the categories before its first story.
    phone = open_page(375, 740, javascript=False).visit(f"{PARENT}/tin-tuc/")
    chips = phone.locator("main nav.pt-chips")
    assert chips.is_visible() and chips.bounding_box()["y"] < 740


def test_documents_on_a_phone(open_page):
    page = open_page(375, 740).visit(f"{PARENT}/van-ban/")
    toggle = page.locator(".pt-library__toggle")
    assert toggle.is_visible() and toggle.inner_text() == "Lọc văn bản"
    assert not page.locator(".pt-facets").is_visible()  # one filter UI, not two
    assert not page.locator("#pt-filter").is_visible()
    rows = page.locator(".pt-doctable tbody tr")
    first = rows.first.bounding_box()
    assert first["y"] + 60 < 740, first  # the first document starts in the first screen
    heights = [rows.nth(i).bounding_box()["height"] for i in range(rows.count())]
    assert max(heights) < 260, heights  # compact cards (were ~520 px)
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator("#pt-filter-type").select_option(label="Quyết định")
    expect(rows).to_have_count(2)
    assert toggle.inner_text() == "Lọc văn bản (1 đang bật)"
    # A facet page keeps the quick search, its facet already chosen.
    facet = open_page(375, 740).visit(f"{PARENT}/van-ban/loai/quyet-dinh/")
    assert facet.locator(".pt-library__toggle").inner_text() == "Lọc văn bản (1 đang bật)"
    facet.locator(".pt-library__toggle").click()
    assert facet.locator("#pt-filter-type").input_value() == "quyet-dinh"
    facet.locator("#pt-filter-text").fill("thủ tục")
    expect(facet.locator(".pt-doctable tbody tr")).to_have_count(1)
    assert not page.errors and not facet.errors


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots(open_page, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(width, 740 if width < 500 else 900)
    for name, path in PAGES.items():
        page.visit(path)
        if name == "search":
            page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SHOTS / f"reader-{name}-{width}.png"), full_page=True)
    assert not page.errors
