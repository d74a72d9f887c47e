"""The form editor's configuration is rendered again only when what it is made from changed
(``incremental.Ledger.admin_config``): an incremental build writes exactly a cold build's
``admin/config.yml``."""

from __future__ import annotations

import json

from portal import incremental as inc
from portal.build import build
from support import DEMO_NOW, SETTINGS, SITES_YML, article


def test_the_admin_configuration_follows_sites_yml(make_content, tmp_path):
    content = make_content({"huyen/articles/a.md": article("Tin A")})
    output = tmp_path / "output"
    build(content, output, SETTINGS, now=DEMO_NOW, search=False, jobs=1)
    stored = json.loads((tmp_path / ".output-cache" / inc.ADMIN_CACHE).read_text("utf-8"))
    first = (output / "huyen" / "admin" / "config.yml").read_text(encoding="utf-8")
    assert stored["text"] == first
    # A new member site: new collections in the configuration, not the cached text.
    sites = SITES_YML + (
        "- id: xa-moi\n"
        '  name: "Ủy ban nhân dân xã Mới"\n'
        "  role: member\n"
        "  parent: huyen\n"
        "  base_url: https://xamoi.example\n"
        '  categories: ["Thông báo"]\n'
    )
    (content / "sites.yml").write_text(sites, encoding="utf-8")
    (content / "xa-moi").mkdir()
    build(content, output, SETTINGS, now=DEMO_NOW, search=False, jobs=1)
    cold = tmp_path / "cold"
    build(content, cold, SETTINGS, now=DEMO_NOW, search=False, incremental=False, jobs=1)
    second = (output / "huyen" / "admin" / "config.yml").read_text(encoding="utf-8")
    assert second != first and "xa-moi" in second
    assert second == (cold / "huyen" / "admin" / "config.yml").read_text(encoding="utf-8")
