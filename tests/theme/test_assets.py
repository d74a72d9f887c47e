"""Theme assets: bundled, named by content hash, and the only theme files published."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from portal.theme.assets import collect, hashed_name
from support import REPO, article

HASHED = re.compile(r"^theme/(css|js|images)/([a-z]+/)?[a-z0-9-]+\.[0-9a-f]{10}\.[a-z]+$")


def test_bundles_join_files_in_name_order_and_hash_the_result(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "js").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "css/10-b.css").write_text("b { color: red; }")
    (tmp_path / "css/00-a.css").write_text("a { color: blue; }")
    (tmp_path / "js/one.js").write_text("var x = 1;")
    (tmp_path / "images/logo.svg").write_text("<svg/>")
    assets = collect(tmp_path)
    assert set(assets) == {"css/portal.css", "js/portal.js", "images/logo.svg"}
    css = assets["css/portal.css"].data.decode()
    assert css.index("a { color: blue; }") < css.index("b { color: red; }")
    for asset in assets.values():
        assert HASHED.match(asset.path), asset.path
    before = assets["css/portal.css"].path
    (tmp_path / "css/10-b.css").write_text("b { color: green; }")
    assert collect(tmp_path)["css/portal.css"].path != before  # a change gets a new URL
    assert collect(tmp_path)["js/portal.js"].path == assets["js/portal.js"].path  # others keep


def test_hashed_name():
    assert hashed_name("css/portal.css", b"x") == "css/portal.2d711642b7.css"


def test_pages_link_only_published_hashed_assets(make_content, build_into):
    out = build_into(make_content({"huyen/articles/a.md": article()})) / "huyen"
    theme_files = {p.relative_to(out).as_posix() for p in (out / "theme").rglob("*") if p.is_file()}
    assert theme_files and all(HASHED.match(f) for f in theme_files), theme_files
    expected = {a.path for a in collect(REPO / "theme" / "static").values()}
    assert theme_files == expected
    page = BeautifulSoup((out / "tin-tuc/tin-thu-nghiem/index.html").read_text(), "html.parser")
    linked = {
        tag.get("href") or tag.get("src")
        for tag in page.select("link[rel=stylesheet], link[rel=icon], script, img.pt-brand__emblem")
    }
    shared = {f for f in theme_files if f.endswith((".css", ".js", ".svg"))}
    modules = {f for f in shared if "/modules/" in f}  # a page's own script, on that page only
    assert linked == {f"/huyen/{f}" for f in shared - modules}
    search = BeautifulSoup((out / "tim-kiem/index.html").read_text(), "html.parser")
    assert {s["src"] for s in search.select("script[type=module]")} == {
        f"/huyen/{f}" for f in modules if "search" in f
    }
