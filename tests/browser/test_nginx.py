"""The demo behind nginx with its generated configuration: every page type, search included,
loads in Chromium with no CSP violation, and the answers score A+ by the HTTP Observatory's
rules (tests/observatory.py)."""

from __future__ import annotations

import json

import pytest
from observatory import score

from portal.headers.policy import IMMUTABLE_CACHE, content_security_policy
from portal.headers.server import Nginx
from support import REPO

pytestmark = pytest.mark.browser

PAGE_TYPES = json.loads((REPO / "tests/browser/page_types.json").read_text(encoding="utf-8"))
# Collects what the browser reports as blocked, whatever the console says.
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""


@pytest.fixture(scope="module")
def nginx_site(demo_output):
    sites = sorted(p.name for p in demo_output.iterdir() if p.is_dir() and p.name[0] != ".")
    server = Nginx(demo_output, sites)
    url = server.start()
    yield url
    server.stop()


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.console_csp = []
    page.on(
        "console",
        lambda m: page.console_csp.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("() => window.cspViolations") + page.console_csp


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_every_page_type_under_the_real_headers(tab, nginx_site, kind):
    path = PAGE_TYPES[kind]
    if kind == "not-found":  # as a reader meets it: an address that does not exist
        path = path.replace("404.html", "khong-co-trang-nay/")
    response = tab.goto(nginx_site + path)
    assert response.status == (404 if kind == "not-found" else 200)
    if kind == "not-found":
        assert tab.title().startswith("Không tìm thấy trang")
    tab.wait_for_load_state("networkidle")
    headers = response.headers
    zone = "search" if "/tim-kiem/" in path else "page"
    assert headers["content-security-policy"] == content_security_policy(zone)
    assert violations(tab) == []
    site = path.strip("/").split("/")[0]
    answered = [(h["name"], h["value"]) for h in response.headers_array()]
    report = score(answered, tab.content(), url=f"https://{site}.example{path[len(site) + 1 :]}")
    assert report.score >= 100 and report.grade == "A+", report.describe()


def test_search_and_its_worker_run_under_the_real_headers(tab, nginx_site):
    tab.goto(f"{nginx_site}/xa-phuoc-dinh/tim-kiem/?q=dang+ky+dat+dai")
    tab.wait_for_selector('[data-pt-search][data-pt-state="done"]')
    assert tab.locator(".pt-search-result").count() > 0
    # Wider: the parent's full text too, which Pagefind reads in a worker.
    tab.get_by_label("Tìm cả trên", exact=False).check()
    tab.wait_for_function(
        "() => [...document.querySelectorAll('.pt-search-result__link')]"
        ".some(a => a.pathname.startsWith('/tinh-lam-giang/'))"
    )
    assert violations(tab) == []


def test_feeds_calendars_assets_and_host_files(tab, nginx_site):
    get = tab.request.get
    feed = get(f"{nginx_site}/tinh-lam-giang/feed.json")
    assert feed.headers["content-type"] == "application/feed+json; charset=utf-8"
    assert feed.headers["access-control-allow-origin"] == "*"
    assert (
        get(f"{nginx_site}/tinh-lam-giang/atom.xml")
        .headers["content-type"]
        .startswith("application/atom+xml")
    )
    ics = get(f"{nginx_site}/tinh-lam-giang/lich-cong-tac/lich.ics")
    assert ics.headers["content-type"] == "text/calendar; charset=utf-8"
    tab.goto(f"{nginx_site}/tinh-lam-giang/")
    css = tab.eval_on_selector('link[rel="stylesheet"]', "e => e.href")
    assert get(css).headers["cache-control"] == IMMUTABLE_CACHE
    for name in ("_nginx.conf", "_headers", "_redirects"):
        assert get(f"{nginx_site}/tinh-lam-giang/{name}").status == 404


def test_a_moved_page_redirects_within_its_site(tab, nginx_site):
    old = "/tinh-lam-giang/tin-tuc/lich-tiep-cong-dan-thang-12-nam-2026-cua-chu-tich-ubnd-tinh/"
    answer = tab.request.get(nginx_site + old, max_redirects=0)
    assert answer.status == 301
    assert answer.headers["location"] == (
        "/tinh-lam-giang/tin-tuc/thong-bao-lich-tiep-cong-dan-dinh-ky-thang-12-nam-2026/"
    )
    assert "content-security-policy" in answer.headers
