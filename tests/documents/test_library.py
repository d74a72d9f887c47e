"""The documents library: validity, facets, facet pages and the JSON index for instant filtering."""

from __future__ import annotations

import datetime as dt
import json

from bs4 import BeautifulSoup

from portal.documents.library import facet_values
from portal.frontmatter.fields import TIMEZONE
from portal.types import get
from support import PDF

TODAY = dt.date(2026, 11, 22)


def validity(meta: dict, today: dt.date, replaced: set[str]) -> str:
    """A document's phase (portal.types.documents) at noon of ``today`` in Vietnam."""
    noon = dt.datetime.combine(today, dt.time(12), TIMEZONE)
    return get("documents").phase(meta, noon, frozenset(replaced))


def doc(number: str, **extra) -> dict:
    return {"number": number, **extra}


def test_validity_follows_dates_and_replacement():
    assert validity(doc("1/QĐ"), TODAY, set()) == "in-force"
    assert validity(doc("1/QĐ", effective=dt.date(2026, 12, 1)), TODAY, set()) == "pending"
    assert validity(doc("1/QĐ", effective=TODAY), TODAY, set()) == "in-force"
    assert validity(doc("1/QĐ", expires_on=TODAY), TODAY, set()) == "expired"
    assert validity(doc("1/QĐ", expires_on=dt.date(2027, 1, 1)), TODAY, set()) == "in-force"
    # Replaced wins over dates; numbers compare without case.
    assert validity(doc("5/qđ-ubnd"), TODAY, {"5/QĐ-UBND".casefold()}) == "replaced"


def test_facet_values():
    meta = {
        "doc_type": "Quyết định",
        "issuer": "UBND huyện",
        "fields": ["Đất đai", "Xây dựng"],
        "issued": dt.date(2025, 3, 1),
    }
    assert facet_values(meta) == {
        "type": ["Quyết định"],
        "issuer": ["UBND huyện"],
        "field": ["Đất đai", "Xây dựng"],
        "year": ["2025"],
    }


def document(title, number, doc_type, issued, fields="", extra=""):
    return f"""\
---
title: "{title}"
date: {issued} 08:00
number: "{number}"
doc_type: {doc_type}
issuer: "UBND huyện Thử Nghiệm"
issued: {issued}
summary: "Trích yếu {title}"
files: [vb.pdf]
{fields}
{extra}
---
Nội dung.
"""


def library_content(make_content):
    return make_content(
        {
            "huyen/documents/a/a.md": document(
                "Quy định đất đai",
                "10/2026/QĐ-UBND",
                "Quyết định",
                "2026-10-01",
                "fields: [Đất đai]",
                "replaces: [05/2024/QĐ-UBND]",
            ),
            "huyen/documents/a/vb.pdf": PDF,
            "huyen/documents/b/b.md": document(
                "Quy định cũ", "05/2024/QĐ-UBND", "Quyết định", "2024-02-01", "fields: [Đất đai]"
            ),
            "huyen/documents/b/vb.pdf": PDF,
            "huyen/documents/c/c.md": document(
                "Kế hoạch năm sau",
                "99/KH-UBND",
                "Kế hoạch",
                "2026-11-01",
                "fields: [Giáo dục]",
                "effective: 2027-01-01",
            ),
            "huyen/documents/c/vb.pdf": PDF,
        }
    )


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def table_numbers(page) -> list[str]:
    return [a.get_text() for a in page.select(".pt-doctable tbody a")]


def test_facet_pages_list_exactly_their_documents(make_content, build_into):
    library = build_into(library_content(make_content)) / "huyen" / "van-ban"
    assert table_numbers(soup(library / "index.html")) == [
        "99/KH-UBND",
        "10/2026/QĐ-UBND",
        "05/2024/QĐ-UBND",
    ]  # newest issued first
    decisions = soup(library / "loai/quyet-dinh/index.html")
    assert table_numbers(decisions) == ["10/2026/QĐ-UBND", "05/2024/QĐ-UBND"]
    assert decisions.h1.get_text() == "Loại văn bản: Quyết định"
    assert table_numbers(soup(library / "linh-vuc/dat-dai/index.html")) == [
        "10/2026/QĐ-UBND",
        "05/2024/QĐ-UBND",
    ]
    assert table_numbers(soup(library / "nam/2024/index.html")) == ["05/2024/QĐ-UBND"]
    assert table_numbers(soup(library / "co-quan/ubnd-huyen-thu-nghiem/index.html")) == [
        "99/KH-UBND",
        "10/2026/QĐ-UBND",
        "05/2024/QĐ-UBND",
    ]
    # Every library page offers every facet as a link with its count, and marks the current one.
    current = decisions.select_one('.pt-facets a[aria-current="page"]')
    assert current.get_text() == "Quyết định"
    links = {
        a["href"]: a.find_next_sibling(class_="pt-count").get_text()
        for a in decisions.select(".pt-facets a.pt-facets__link")
    }
    assert links["/huyen/van-ban/loai/ke-hoach/"] == "1"
    assert links["/huyen/van-ban/nam/2026/"] == "2"


def test_validity_shown_and_indexed(make_content, build_into):
    library = build_into(library_content(make_content)) / "huyen" / "van-ban"
    rows = {
        tr.a.get_text(): tr.select_one(".pt-validity").get_text()
        for tr in soup(library / "index.html").select(".pt-doctable tbody tr")
    }
    assert rows == {
        "10/2026/QĐ-UBND": "Còn hiệu lực",
        "05/2024/QĐ-UBND": "Đã bị thay thế",
        "99/KH-UBND": "Chưa có hiệu lực",
    }
    records = json.loads((library / "du-lieu.json").read_text(encoding="utf-8"))
    assert [r["number"] for r in records] == ["99/KH-UBND", "10/2026/QĐ-UBND", "05/2024/QĐ-UBND"]
    first = records[1]
    assert first["href"] == "/huyen/van-ban/quy-dinh-dat-dai/"
    assert (first["type"], first["typeLabel"]) == ("quyet-dinh", "Quyết định")
    assert first["fields"] == ["dat-dai"] and first["year"] == "2026"
    assert first["validity"] == "in-force" and first["validityLabel"] == "Còn hiệu lực"
    # The filter form offers exactly the values the index uses.
    form = soup(library / "index.html").select_one("form[data-pt-filter]")
    assert form.has_attr("hidden")  # shown by JavaScript only
    options = {o["value"] for o in form.select("select[name=type] option")}
    assert options == {"", "quyet-dinh", "ke-hoach"}
    assert form["data-index"] == "/huyen/van-ban/du-lieu.json"


def test_document_page_links_its_facets(make_content, build_into):
    page = soup(
        build_into(library_content(make_content)) / "huyen/van-ban/quy-dinh-dat-dai/index.html"
    )
    hrefs = {a.get_text(): a["href"] for a in page.select(".pt-details a")}
    assert hrefs["Quyết định"] == "/huyen/van-ban/loai/quyet-dinh/"
    assert hrefs["UBND huyện Thử Nghiệm"] == "/huyen/van-ban/co-quan/ubnd-huyen-thu-nghiem/"
    details = {
        row.dt.get_text(): row.dd.get_text() for row in page.select(".pt-details .pt-details__row")
    }
    assert details["Thay thế văn bản"] == "05/2024/QĐ-UBND"
    assert details["Ngày ban hành"] == "01/10/2026"
    assert page.select_one(".pt-files__link")["href"] == "/huyen/van-ban/quy-dinh-dat-dai/vb.pdf"
