"""PORTAL_PATH_PREFIX: a development-layout build under <prefix>/<site-id>/ (a pull request's
preview at https://<owner>.github.io/<repo>/pr-<N>/), every link, asset, feed, search bundle,
canonical link and header rule carrying the prefix; a preview build refuses a production
origin. The small portal is built once per session (``prefixed_output``); the whole demo is
under ``slow``."""

from __future__ import annotations

import json
import time

import pytest
from bs4 import BeautifulSoup
from prefixed import ORIGIN, PREFIX, preview_settings

from portal.build import build
from portal.deploy.gate import check_links
from portal.errors import ContentErrors, ErrorReport
from portal.urlprefix import PrefixError, normalize, path_prefix
from support import DEMO_CONTENT, DEMO_NOW


def test_prefix_is_normalised_and_checked():
    assert normalize("") == normalize("/") == ""
    assert normalize("portal/pr-7/") == normalize("/portal/pr-7") == "/portal/pr-7"
    for bad in ("/a/../b", "/a//b", "/a b", "/a?b", "/./a", "/a/%2e%2e"):
        with pytest.raises(PrefixError):
            normalize(bad)
    with pytest.raises(PrefixError) as refused:
        path_prefix({"PORTAL_URL_MODE": "base_url", "PORTAL_PATH_PREFIX": "/x"})
    assert "base_url" in refused.value.message


def test_every_link_resolves_under_the_prefix(prefixed_output):
    report = ErrorReport()
    checked = check_links(prefixed_output, {}, report, PREFIX, ORIGIN)
    assert checked > 200
    assert not report, "\n".join(str(e) for e in report.sorted()[:20])
    # The same output read as if it were served at the root: every link misses.
    missed = ErrorReport()
    check_links(prefixed_output, {}, missed, "", "")
    assert len(missed) > 200


def test_pages_assets_feeds_search_and_canonical_carry_the_prefix(prefixed_output):
    home = BeautifulSoup(
        (prefixed_output / "huyen" / "index.html").read_text("utf-8"), "html.parser"
    )
    stylesheet = home.select_one('link[rel="stylesheet"]')["href"]
    assert stylesheet.startswith(f"{PREFIX}/huyen/theme/")
    assert home.select_one('link[rel="canonical"]')["href"] == f"{ORIGIN}{PREFIX}/huyen/"
    assert home.select_one('meta[name="robots"]')["content"] == "noindex"
    shared = f"{PREFIX}/xa/tin-tuc/xa-khanh-thanh-cau-giao-thong-nong-thon-ap-mot/"
    assert shared in {a["href"] for a in home.select("a[href]")}
    feed = json.loads((prefixed_output / "huyen" / "feed.json").read_text("utf-8"))
    assert feed["feed_url"] == f"{ORIGIN}{PREFIX}/huyen/feed.json"
    assert all(i["url"].startswith(f"{ORIGIN}{PREFIX}/huyen/") for i in feed["items"])
    search = BeautifulSoup(
        (prefixed_output / "huyen" / "tim-kiem" / "index.html").read_text("utf-8"), "html.parser"
    )
    config = json.loads(search.select_one("[data-pt-search]")["data-config"])
    assert config["quick"] == f"{PREFIX}/huyen/pagefind/"
    assert {s["base"] for s in config["sites"]} == {f"{PREFIX}/huyen/", f"{PREFIX}/xa/"}
    assert (prefixed_output / "huyen" / "pagefind" / "pagefind.js").is_file()
    nginx = (prefixed_output / "huyen" / "_nginx.conf").read_text("utf-8")
    assert f"location {PREFIX}/huyen/" in nginx or f"{PREFIX}/huyen/" in nginx


def test_a_preview_on_a_production_host_is_refused(tmp_path, make_content):
    content = make_content()
    for origin in ("https://xa.example", "https://www.huyen.example", "https://example"):
        settings = preview_settings(tmp_path, origin=origin)
        with pytest.raises(ContentErrors) as refused:
            build(content, tmp_path / "out", settings, now=DEMO_NOW, search=False)
        error = refused.value.report.sorted()[0]
        assert error.field == "PORTAL_LOCAL_ORIGIN" and error.path.endswith("previewsettings.py")
        assert error.line == 7 and "tên miền chính thức" in error.message
    assert not (tmp_path / "out").exists()


def test_a_bad_prefix_names_the_settings_line(tmp_path, make_content):
    settings = preview_settings(tmp_path, prefix="/a/../b")
    with pytest.raises(ContentErrors) as refused:
        build(make_content(), tmp_path / "out", settings, now=DEMO_NOW, search=False)
    error = refused.value.report.sorted()[0]
    assert (error.field, error.line) == ("PORTAL_PATH_PREFIX", 8)


@pytest.mark.slow
def test_the_demo_under_a_prefix_links_everything(tmp_path):
    """The whole demo with search under a prefix: every internal link of every page."""
    output = tmp_path / "output"
    started = time.perf_counter()
    build(DEMO_CONTENT, output, preview_settings(tmp_path), now=DEMO_NOW, incremental=False)
    report = ErrorReport()
    checked = check_links(output, {}, report, PREFIX, ORIGIN)
    print(f"demo under {PREFIX}: {checked} links, {time.perf_counter() - started:.1f} s")
    assert checked > 1000
    assert not report, "\n".join(str(e) for e in report.sorted()[:40])
