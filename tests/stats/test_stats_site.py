"""What a built site shows of its visit statistics, from a fixture aggregate: the counters by
Vietnam calendar, view counts, "Xem nhiều nhất" (30 days ending at the data), the statistics
page with its static SVG chart; nothing without an aggregate; a broken one stops the build."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal.build import build
from portal.errors import ContentErrors
from portal.frontmatter.fields import TIMEZONE
from portal.stats import view
from portal.stats.aggregate import from_json
from support import REPO, SETTINGS, article

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=TIMEZONE)
A, B, C = "tin-tuc/mua-lua-boi-thu/", "tin-tuc/khanh-thanh-cau-moi/", "tin-tuc/tiem-chung/"

AGGREGATE = {
    "format": 1,
    "site": "huyen",
    "newest": "2026-11-22T11:58:07+07:00",
    "days": {
        "2025-03-04": 100,  # last year
        "2026-01-15": 40,  # this year, not this month
        "2026-10-31": 7,  # last month
        "2026-11-01": 11,
        "2026-11-21": 25,  # yesterday
        "2026-11-22": 9,  # today
    },
    "years": {"2024": 1000},
    "pages": {"": 500, A: 1234, B: 56, C: 3, "tin-tuc/": 80, "tin-tuc/da-go/": 999},
    "recent": {
        "2026-10-20": {C: 500},  # 33 days before the newest day: outside the 30 days
        "2026-11-01": {A: 4, B: 7},
        "2026-11-21": {A: 10, B: 9, C: 1, "": 5, "tin-tuc/": 3, "tin-tuc/da-go/": 50},
        "2026-11-22": {A: 2, B: 1},
    },
    "sources": [],
}


PARSED = from_json(Path("huyen.json"), "huyen", AGGREGATE)  # as the build reads it


def content(make_content) -> Path:
    return make_content(
        {
            "huyen/articles/a.md": article("Mùa lúa bội thu", date="2026-11-01 08:00"),
            "huyen/articles/b.md": article("Khánh thành cầu mới", date="2026-11-02 08:00"),
            "huyen/articles/c.md": article("Tiêm chủng", date="2026-10-01 08:00"),
        }
    )


def settings(tmp_path: Path, stats: Path) -> Path:
    path = tmp_path / "settings.py"
    path.write_text(
        SETTINGS.read_text(encoding="utf-8")
        + f"\nTHEME = {str(REPO / 'theme')!r}\nPORTAL_STATS_PATH = {str(stats)!r}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def built(tmp_path, make_content) -> Path:
    stats = tmp_path / "stats"
    stats.mkdir()
    (stats / "huyen.json").write_text(json.dumps(AGGREGATE), encoding="utf-8")
    output = tmp_path / "output"
    build(content(make_content), output, settings(tmp_path, stats), now=NOW, search=False)
    return output


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_counters_by_vietnam_calendar():
    values = {c.key: c.value for c in view.counters(PARSED, NOW)}
    assert values == {
        "today": 9,
        "yesterday": 25,
        "month": 11 + 25 + 9,
        "last_month": 7,
        "year": 40 + 7 + 11 + 25 + 9,
        "last_year": 100,
        "total": 1000 + 100 + 40 + 7 + 11 + 25 + 9,
    }
    # 23:30 UTC on the 21st is already the 22nd in Vietnam.
    late = dt.datetime(2026, 11, 21, 23, 30, tzinfo=dt.UTC)
    assert {c.key: c.value for c in view.counters(PARSED, late)}["today"] == 9
    # On 1 January, last year is the year just ended, and the folded years count.
    new_year = dt.datetime(2027, 1, 1, 8, 0, tzinfo=TIMEZONE)
    values = {c.key: c.value for c in view.counters(PARSED, new_year)}
    assert values["today"] == 0 and values["year"] == 0
    assert values["last_month"] == 0  # December 2026
    assert values["last_year"] == 40 + 7 + 11 + 25 + 9


def test_most_viewed_counts_thirty_days_of_data_and_only_items():
    known = {A: "a", B: "b", C: "c"}
    ranked = view.most_viewed(PARSED, dt.date(2026, 11, 22), known.get)
    assert [(r.item, r.views) for r in ranked] == [("b", 17), ("a", 16), ("c", 1)]
    assert [r.item for r in view.most_viewed(PARSED, dt.date(2026, 11, 22), known.get, 2)] == [
        "b",
        "a",
    ]


def test_home_shows_counters_and_most_viewed(built):
    page = soup(built / "huyen/index.html")
    counters = {dd["data-pt-visits"]: dd.get_text() for dd in page.select("[data-pt-visits]")}
    assert counters == {
        "today": "9",
        "yesterday": "25",
        "month": "45",
        "last_month": "7",
        "year": "92",
        "last_year": "100",
        "total": "1.192",
    }
    assert "Số liệu đến 11:58, 22/11/2026." in page.select_one(".pt-visits__note").get_text()
    items = page.select(".pt-home__most-viewed .pt-most-viewed__item")
    assert [li.a["href"] for li in items] == [f"/huyen/{B}", f"/huyen/{A}", f"/huyen/{C}"]
    assert items[0].select_one(".pt-most-viewed__views").get_text() == "Lượt xem: 17"
    note = page.select_one(".pt-home__most-viewed .pt-most-viewed__note").get_text()
    assert note == "Trong 30 ngày, từ 24/10/2026 đến 22/11/2026."
    footer = page.select_one(".pt-footer")
    assert footer.find("a", href="/huyen/thong-ke-truy-cap/").get_text() == "Thống kê truy cập"


def test_articles_show_their_view_count_outside_the_search_index(built):
    page = soup(built / "huyen" / A / "index.html")
    count = page.select_one(".pt-article__meta .pt-views")
    assert count.get_text() == "Lượt xem: 1.234"
    assert count.find_parent(attrs={"data-pagefind-ignore": True}) is not None
    aside = page.select(".pt-aside .pt-most-viewed__item a")  # the news aside on listings
    listing = soup(built / "huyen/tin-tuc/index.html")
    assert [a["href"] for a in listing.select(".pt-aside .pt-most-viewed__item a")][:1] == [
        f"/huyen/{B}"
    ]
    assert aside == []  # an article page has no aside of its own
    assert soup(built / "huyen" / C / "index.html").select_one(".pt-views").get_text() == (
        "Lượt xem: 3"
    )


def test_statistics_page_with_a_static_chart(built):
    page = soup(built / "huyen/thong-ke-truy-cap/index.html")
    assert page.h1.get_text() == "Thống kê truy cập"
    assert page.find("script", src=False) is None and page.find(style=True) is None
    svg = page.select_one("svg[role=img]")
    assert svg is not None and svg.find("title") and svg.find("desc")
    rows = page.select(".pt-stats__table tbody tr")
    assert len(rows) == view.CHART_DAYS
    first = rows[0].get_text(" ", strip=True)
    assert first.endswith("22/11/2026 9")  # newest first
    assert rows[1].get_text(" ", strip=True).endswith("21/11/2026 25")
    assert rows[-1].get_text(" ", strip=True).endswith("25/08/2026 0")  # 90 days, both ends counted
    assert len(page.select(".pt-stats .pt-most-viewed__item")) == 3
    assert page.find(attrs={"data-pagefind-body": True}) is None


def test_no_aggregate_no_statistics(tmp_path, make_content):
    output = tmp_path / "output"
    empty = tmp_path / "none"
    build(content(make_content), output, settings(tmp_path, empty), now=NOW, search=False)
    home = (output / "huyen/index.html").read_text(encoding="utf-8")
    assert "pt-visits" not in home and "pt-most-viewed" not in home
    assert "Lượt xem" not in (output / "huyen" / A / "index.html").read_text(encoding="utf-8")
    assert not (output / "huyen/thong-ke-truy-cap").exists()


def test_a_broken_aggregate_stops_the_build_and_names_the_file(tmp_path, make_content):
    stats = tmp_path / "stats"
    stats.mkdir()
    (stats / "huyen.json").write_text('{"format": 1, "days": ', encoding="utf-8")
    output = tmp_path / "output"
    with pytest.raises(ContentErrors) as caught:
        build(content(make_content), output, settings(tmp_path, stats), now=NOW, search=False)
    [error] = caught.value.report.errors
    assert error.path == str(stats / "huyen.json") and error.field == "stats"
    assert "hỏng" in error.message
    assert not output.exists() or not any(output.iterdir())


def test_stale_statistics_are_a_notice(tmp_path, make_content):
    stats = tmp_path / "stats"
    stats.mkdir()
    (stats / "huyen.json").write_text(json.dumps(AGGREGATE), encoding="utf-8")
    later = NOW + dt.timedelta(days=5)
    result = build(
        content(make_content), tmp_path / "o", settings(tmp_path, stats), now=later, search=False
    )
    assert len(result.notices) == 1 and "huyen" in result.notices[0]
    assert "11:58 22/11/2026" in result.notices[0]


def test_new_statistics_rebuild_the_site_even_when_nothing_else_changed(tmp_path, make_content):
    stats = tmp_path / "stats"
    stats.mkdir()
    target = stats / "huyen.json"
    target.write_text(json.dumps(AGGREGATE), encoding="utf-8")
    source, output, conf = content(make_content), tmp_path / "output", settings(tmp_path, stats)
    build(source, output, conf, now=NOW, search=False)
    kept = build(source, output, conf, now=NOW, search=False)
    assert all(s.kept for s in kept.sites)
    newer = {**AGGREGATE, "pages": {**AGGREGATE["pages"], A: 1300}}
    target.write_text(json.dumps(newer), encoding="utf-8")
    again = build(source, output, conf, now=NOW, search=False)
    assert {s.site: s.kept for s in again.sites} == {"huyen": False, "xa": True}
    page = soup(output / "huyen" / A / "index.html")
    assert page.select_one(".pt-views").get_text() == "Lượt xem: 1.300"


def test_build_output_is_vietnamese_without_doubled_warnings(tmp_path, make_content):
    """The CLI's build output: the stale-statistics warning once prefixed, no Pelican English."""
    from click.testing import CliRunner

    from portal.cli import main

    stats = tmp_path / "stats"
    stats.mkdir()
    (stats / "huyen.json").write_text(json.dumps(AGGREGATE), encoding="utf-8")
    args = ["build", "--content", str(content(make_content)), "--output", str(tmp_path / "o")]
    args += ["--settings", str(settings(tmp_path, stats)), "--now", "2026-11-27 12:00"]
    result = CliRunner().invoke(main, [*args, "--no-search", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "huyen mới đến" in line]
    assert len(warnings) == 1 and warnings[0].startswith("Cảnh báo: số liệu"), result.output
    assert "Cảnh báo: Cảnh báo:" not in result.output
    assert "Done: Processed" not in result.output and "Processed" not in result.output
