"""The Q&A listing (issue 19, item 3): the question as each answer's teaser, one static listing
per field, and the question form offering the fields configured in sites.yml."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from portal.errors import ErrorReport
from portal.sections.qa import form_topics
from portal.sites import load_sites
from support import SITES_YML

PARENT = "tinh-lam-giang"


@cache
def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_question_is_the_teaser(demo_output):
    listing = parse(demo_output / PARENT / "hoi-dap" / "index.html")
    teasers = [p.get_text(strip=True) for p in listing.select(".pt-card__teaser")]
    assert teasers and not [t for t in teasers if t.startswith("Chào")], teasers
    assert any(t.startswith("Gia đình tôi sử dụng khoảng 800 m²") for t in teasers), teasers


def test_a_listing_per_field(demo_output):
    listing = parse(demo_output / PARENT / "hoi-dap" / "index.html")
    chips = listing.select_one('nav.pt-chips[aria-label="Lĩnh vực hỏi đáp"]')
    links = {a.get_text(" ", strip=True): a["href"] for a in chips.select("a")}
    assert links["Tất cả"] == f"/{PARENT}/hoi-dap/"
    assert links["Đất đai 1"] == f"/{PARENT}/hoi-dap/linh-vuc/dat-dai/"
    land = parse(demo_output / PARENT / "hoi-dap" / "linh-vuc" / "dat-dai" / "index.html")
    assert land.h1.get_text(strip=True) == "Hỏi đáp về Đất đai"
    titles = [a.get_text(strip=True) for a in land.select(".pt-card__title a")]
    assert titles == ["Đất ông bà để lại chưa có giấy tờ có được đăng ký đất đai không?"]
    assert land.select_one('nav.pt-chips a[aria-current="page"]')["href"].endswith("/dat-dai/")
    assert not land.select("main form")  # the question form stays on the section's own page


def test_the_form_offers_the_configured_fields(demo_output):
    listing = parse(demo_output / PARENT / "hoi-dap" / "index.html")
    options = [o.get_text(strip=True) for o in listing.select("select[name=topic] option")]
    # Configured in sites.yml, in that order, though no answer is filed under "Giáo dục" yet.
    assert options[1:4] == ["Đất đai", "Hộ tịch", "Xây dựng"]
    assert "Giáo dục" in options and options[-1] == "Lĩnh vực khác"


def test_form_topics_keep_the_configured_order_then_the_answered():
    assert form_topics(["B", "A", "B"], ["C", "A", ""]) == ["B", "A", "C"]
    assert form_topics([], ["C", "A"]) == ["A", "C"]


def test_qa_fields_are_checked_with_their_line(tmp_path):
    (tmp_path / "huyen").mkdir()
    (tmp_path / "xa").mkdir()
    sites = SITES_YML.replace("  categories:", "  qa_fields: {Đất: đai}\n  categories:", 1)
    (tmp_path / "sites.yml").write_text(sites, encoding="utf-8")
    report = ErrorReport()
    load_sites(tmp_path, report)
    errors = [e for e in report.errors if "qa_fields" in e.field]
    assert errors and errors[0].line == 7, [str(e) for e in report.errors]
