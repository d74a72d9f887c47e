"""The feed widget on another origin's page: one static script and stylesheet from the portal,
no inline script, the host's own strict CSP, the portal's JSON Feed read across origins."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Trang của một cơ quan khác</title>
<link rel="stylesheet" href="{portal}/tinh-lam-giang/widget/v1/feed.css"></head>
<body><main>
<h1>Cơ quan khác</h1>
<div id="news" data-portal-feed="{portal}/tinh-lam-giang/tin-tuc/feed.json" data-limit="4"
     data-title="Tin từ tỉnh Lam Giang" data-summary="true"></div>
<div id="all" data-portal-feed="{portal}/tinh-lam-giang/tin-tuc/feed.json" data-limit="20"></div>
<div id="broken" data-portal-feed="{portal}/tinh-lam-giang/khong-co/feed.json"></div>
<script src="{portal}/tinh-lam-giang/widget/v1/feed.js" defer></script>
</main></body></html>
"""


def test_widget_renders_a_feed_on_another_origin(browser, demo_site, demo_output, serve, tmp_path):
    (tmp_path / "index.html").write_text(HOST_PAGE.format(portal=demo_site), encoding="utf-8")
    policy = (
        f"default-src 'none'; script-src {demo_site}; style-src {demo_site}; "
        f"connect-src {demo_site}; base-uri 'none'; frame-ancestors 'none'"
    )
    host = serve(tmp_path, csp=policy)
    assert host.split(":")[-1] != demo_site.split(":")[-1]  # two origins
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    try:
        page.goto(f"{host}/")
        page.wait_for_selector('#news[data-portal-state="done"]')
        page.wait_for_selector('#broken[data-portal-state="error"]')
        assert page.inner_text("#news h2") == "Tin từ tỉnh Lam Giang"
        links = page.eval_on_selector_all("#news .portal-feed__link", "els => els.map(e => e.href)")
        assert len(links) == 4
        assert all("/tinh-lam-giang/tin-tuc/" in href for href in links)
        assert page.locator("#news .portal-feed__summary").count() == 4
        # Taken-down news (tombstones in the feed) is never shown.
        feed = json.loads((demo_output / "tinh-lam-giang/tin-tuc/feed.json").read_text("utf-8"))
        live = [i for i in feed["items"] if "deleted" not in i.get("_portal", {})]
        assert len(live) < len(feed["items"])  # the demo's feed holds tombstones
        page.wait_for_selector('#all[data-portal-state="done"]')
        shown = page.eval_on_selector_all("#all .portal-feed__link", "els => els.map(e => e.href)")
        assert shown == [i["url"] for i in live][:20]
        assert "Chưa tải được tin" in page.inner_text("#broken")
        assert violations == []
    finally:
        context.close()
