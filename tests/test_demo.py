"""The demo portal: four sites with the content the foundation issue asks for, built cleanly."""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup

from portal.catalog.tree import scan
from portal.errors import ErrorReport
from support import DEMO_CONTENT, DEMO_NOW

MINIMUM = {  # content the demo must carry, all sites together, published
    "articles": 40,
    "documents": 15,
    "schedules": 4,
    "invitations": 3,
    "procedures": 6,
    "qa": 6,
    "consultations": 2,
}
STANDING_PAGES = {"gioi-thieu", "co-cau-to-chuc", "lien-he", "danh-muc-thong-tin-phai-cong-khai"}


def demo_catalogs():
    report = ErrorReport()
    sites, catalogs = scan(DEMO_CONTENT, DEMO_NOW, report)
    assert not report, "\n".join(map(str, report.sorted()))
    return sites, catalogs


def test_demo_sites():
    sites, _ = demo_catalogs()
    roles = Counter(s.role for s in sites)
    assert roles == {"parent": 1, "member": 3}


def test_demo_quantities():
    _, catalogs = demo_catalogs()
    listed = Counter(i.kind for c in catalogs.values() for i in c.items if i.listed)
    for kind, minimum in MINIMUM.items():
        assert listed[kind] >= minimum, f"{kind}: {listed[kind]} < {minimum}"
    for site_id, catalog in catalogs.items():
        pages = {i.slug for i in catalog.items if i.kind == "pages"}
        assert pages >= STANDING_PAGES, f"{site_id} lacks {STANDING_PAGES - pages}"
    pdfs = [
        a
        for c in catalogs.values()
        for i in c.items
        if i.kind == "documents"
        for a in i.files
        if a.extension == "pdf"
    ]
    assert len(pdfs) >= 15


def test_demo_shows_publication_rules():
    """The demo carries one item in each non-public state, so the rules are visible."""
    _, catalogs = demo_catalogs()
    states = Counter(i.state for c in catalogs.values() for i in c.items)
    for state in ("draft", "scheduled", "expired", "withdrawn", "redirected"):
        assert states[state] >= 1, state


def test_demo_builds_every_site(demo_output):
    sites, _ = demo_catalogs()
    ids = sorted(s.id for s in sites)
    assert sorted(p.name for p in demo_output.iterdir() if p.is_dir()) == ids
    index = BeautifulSoup((demo_output / "index.html").read_text(), "html.parser")
    assert len(index.find_all("a")) == 4
    for site in ids:
        home = BeautifulSoup((demo_output / site / "index.html").read_text(), "html.parser")
        assert len(home.find_all("h1")) == 1
        assert home.find("footer").find("a", href=lambda h: h and h.startswith("mailto:"))


def test_demo_is_a_province_with_communes_and_wards():
    """Today's two-tier administration (since 1 July 2025): the parent is a province's portal,
    its members communes and wards; the tiers come from sites.yml."""
    sites, _ = demo_catalogs()
    assert {s.tier for s in sites if s.is_parent} == {"tỉnh"}
    assert {s.tier for s in sites if not s.is_parent} == {"xã", "phường"}
    text = " ".join(p.read_text(encoding="utf-8") for p in DEMO_CONTENT.rglob("*.md"))
    assert "thị trấn" not in text.replace("thị trấn Cầu Mới", "")  # only the former town


def test_demo_members_show_their_history(demo_output):
    """Each member's home page carries a banner saying which former units it was formed from,
    linked to its standing page on that history (content: sites.yml banners + pages/)."""
    sites, _ = demo_catalogs()
    for site in (s for s in sites if not s.is_parent):
        home = BeautifulSoup((demo_output / site.id / "index.html").read_text(), "html.parser")
        image = home.select_one(".pt-campaign img")
        assert "01/7/2025" in image["alt"] and "(huyện Bình Lãng cũ)" in image["alt"], site.id
        link = image.find_parent("a")["href"]
        assert link == f"/{site.id}/lich-su-hinh-thanh/", link
        page = demo_output / site.id / "lich-su-hinh-thanh" / "index.html"
        history = BeautifulSoup(page.read_text(), "html.parser").select_one("main").get_text()
        assert "01/7/2025" in history and "cũ" in history, site.id


def test_demo_illustrates_its_featured_articles():
    """The seven featured articles each have a lead image with alt text and a credited caption;
    one article also shows an image in its body."""
    _, catalogs = demo_catalogs()
    items = [i for c in catalogs.values() for i in c.items]
    featured = [i for i in items if i.meta.get("featured")]
    assert len(featured) == 7
    for item in featured:
        assert item.picture is not None, item.relpath
        assert item.meta["image_alt"], item.relpath
        assert "Đồ họa:" in item.meta["image_caption"], item.relpath
    assert sum(len(i.inline_pictures) for i in items) == 1


def test_demo_has_english_standing_pages():
    sites, catalogs = demo_catalogs()
    for site in sites:
        assert site.lang == ["vi", "en"], site.id
        english = {
            i.meta["translation_of"]: i.slug
            for i in catalogs[site.id].items
            if i.meta.get("lang") == "en"
        }
        assert english == {"co-cau-to-chuc": "organisation", "lien-he": "contact"}, site.id


def test_demo_publishes_image_variants(demo_output):
    """8 pictures (7 lead images, 1 in a body), each 1600 px wide, the campaign banner showing
    on the parent's home page and each member's history banner (1200 px wide): three WebP
    widths each."""
    variants = sorted(p.name for p in demo_output.rglob("*.webp"))
    assert len(variants) == 36
    assert {name.rsplit("-", 1)[1] for name in variants} == {"480w.webp", "800w.webp", "1200w.webp"}
