"""Search works in Chromium on a preview served under a path prefix (``PORTAL_PATH_PREFIX``):
the parent's quick index finds a member's page and links it under the prefix, and the full
text loads from the prefixed bundles."""

from __future__ import annotations

import pytest
from prefixed import PREFIX

pytestmark = pytest.mark.browser
DONE = '[data-pt-search][data-pt-state="done"]'


def test_search_under_the_prefix(browser, serve, prefixed_output, tmp_path):
    root = tmp_path / "served"
    (root / PREFIX.strip("/")).parent.mkdir(parents=True)
    (root / PREFIX.strip("/")).symlink_to(prefixed_output, target_is_directory=True)
    # The test server's CSP zones assume /<site-id>/ at the root; the prefix is what is tested.
    base = serve(root, csp=False)
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    try:
        for extra in ("", "&full=1"):
            page.goto(f"{base}{PREFIX}/huyen/tim-kiem/?q=khanh%20thanh%20cau{extra}")
            page.wait_for_selector(DONE, timeout=20_000)
            links = page.eval_on_selector_all(
                ".pt-search-result__link", "els => els.map(e => e.pathname)"
            )
            assert f"{PREFIX}/xa/tin-tuc/xa-khanh-thanh-cau-giao-thong-nong-thon-ap-mot/" in links
        assert failed == []
    finally:
        context.close()
