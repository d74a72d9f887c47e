"""The built demo portal in Chromium: the development index, every site's home page, every
section listing and the first item of each, reached by following the listings' links.

Every page answers 200, declares ``<html lang="vi">``, has exactly one ``<h1>`` and logs no
console error (a missing stylesheet or image, or a script error, shows up there). A document's
attachment link downloads a real PDF.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

SITES = ("tinh-lam-giang", "xa-phuoc-dinh", "xa-dao-thanh", "phuong-cau-moi")
SECTIONS = {  # content type → listing path; written out on purpose: these URLs are a contract
    "articles": "tin-tuc",
    "documents": "van-ban",
    "schedules": "lich-cong-tac",
    "invitations": "giay-moi",
    "procedures": "thu-tuc-hanh-chinh",
    "qa": "hoi-dap",
    "consultations": "lay-y-kien",
}
ITEM_LINKS = "main .pt-card__title a, main .pt-doctable tbody a"


class Browse:
    """One browser context on the local server; collects every problem it sees."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.netloc = urlsplit(base_url).netloc
        self.problems: list[str] = []
        self.context = browser.new_context(accept_downloads=True)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.console.append(f"page error: {exc}"))

    def _route(self, route) -> None:
        if urlsplit(route.request.url).netloc == self.netloc:
            route.continue_()
        else:  # the demo must not depend on (or leak visits to) another host
            self.problems.append(f"request to another host: {route.request.url}")
            route.abort()

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console.append(f"{message.text} ({message.location.get('url', '')})")

    def open(self, path: str) -> None:
        """Open a site path (``/tinh-lam-giang/``) and check the basics of the page."""
        url = urljoin(self.base_url, path)
        self.console.clear()
        response = self.page.goto(url, wait_until="load")
        status = response.status if response else None
        if status != 200:
            self.problems.append(f"{path}: HTTP {status}")
            return
        lang = self.page.locator("html").get_attribute("lang")
        if lang != "vi":
            self.problems.append(f'{path}: <html lang="{lang}">, expected "vi"')
        headings = self.page.locator("h1").all_inner_texts()
        if len(headings) != 1:
            self.problems.append(f"{path}: {len(headings)} <h1> elements: {headings}")
        self.page.wait_for_timeout(100)  # let late console messages arrive
        self.problems += [f"{path}: console error: {text}" for text in self.console]

    def links(self, selector: str) -> list[str]:
        """Site paths of the links matching ``selector`` on the current page."""
        hrefs = self.page.locator(selector).evaluate_all("els => els.map(a => a.href)")
        return [urlsplit(h).path for h in hrefs if urlsplit(h).netloc == self.netloc]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def browse(browser, serve, demo_output):
    session = Browse(browser, serve(demo_output))
    yield session
    session.close()


def report(browse: Browse) -> str:
    return "\n".join(browse.problems)


def test_dev_index_links_every_site(browse):
    browse.open("/")
    assert not browse.problems, report(browse)
    assert sorted(browse.links("main a")) == sorted(f"/{site}/" for site in SITES)


@pytest.mark.parametrize("site", SITES)
def test_home_page(browse, site, demo_output):
    """The home page links every section that holds something on the site (an empty one is
    neither in the menu nor on the home page: issue 19) and the Q&A page (its question form)."""
    browse.open(f"/{site}/")
    links = browse.links("nav.pt-nav a, main a, footer a")
    for kind, listing in SECTIONS.items():
        page = (demo_output / site / listing / "index.html").read_text(encoding="utf-8")
        if kind != "qa" and "pt-cards__empty" in page:
            assert f"/{site}/{listing}/" not in browse.links("nav.pt-nav a"), listing
            continue
        assert f"/{site}/{listing}/" in links, f"/{site}/ has no link to /{site}/{listing}/"
    assert not browse.problems, report(browse)


@pytest.mark.parametrize("kind", SECTIONS)
def test_section_listing_and_first_item(browse, kind):
    """Each site's listing of this type and the first item on it; the demo must hold at least
    one item of every type somewhere."""
    listing = SECTIONS[kind]
    items: list[str] = []
    for site in SITES:
        browse.open(f"/{site}/{listing}/")
        found = browse.links(ITEM_LINKS)
        if not found:
            continue
        first = found[0]
        assert first.startswith(f"/{site}/{listing}/"), f"odd item link on /{site}/{listing}/"
        browse.open(first)
        items.append(first)
        if kind == "documents":
            check_attachment_download(browse, first)
    assert items, f"the demo has no {kind} item on any site (every /<site>/{listing}/ is empty)"
    assert not browse.problems, report(browse)


def check_attachment_download(browse: Browse, path: str) -> None:
    """The document's first attachment link downloads a PDF."""
    page = browse.page
    links = page.locator(".pt-files a[href]")
    if links.count() == 0:
        browse.problems.append(f"{path}: no attachment link (.pt-files a)")
        return
    link = links.first
    with page.expect_download(timeout=10_000) as info:
        link.click()
    download = info.value
    if download.failure():
        browse.problems.append(f"{path}: download of {download.url} failed: {download.failure()}")
        return
    with open(download.path(), "rb") as handle:
        head = handle.read(5)
    if not head.startswith(b"%PDF"):
        browse.problems.append(f"{path}: {download.url} starts with {head!r}, not %PDF")
    if not download.suggested_filename.lower().endswith(".pdf"):
        browse.problems.append(f"{path}: download named {download.suggested_filename!r}")
