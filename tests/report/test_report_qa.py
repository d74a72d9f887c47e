"""Citizens' questions in the tally: received (the endpoint's export), answered, median time to
answer and satisfaction, per site and per unit; and the quarter and year periods."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from portal.catalog.tree import scan
from portal.cli import main
from portal.errors import ErrorReport
from portal.frontmatter.fields import TIMEZONE, Invalid
from portal.report import Month, Quarter, Year, as_data, as_text, tally
from support import SETTINGS

NOW = dt.datetime(2026, 12, 5, 12, 0, tzinfo=TIMEZONE)


def qa(date: str, asked: str, unit: str) -> str:
    return (
        f'---\ntitle: "Câu hỏi {date}"\ndate: {date} 09:00\nquestion: "Xin hỏi…"\n'
        f'asked: {asked}\nunit: "{unit}"\n---\nTrả lời.\n'
    )


FILES = {
    "huyen/qa/a.md": qa("2026-11-03", "2026-10-30", "Phòng Tư pháp"),  # 4 days
    "huyen/qa/b.md": qa("2026-11-20", "2026-11-10", "Phòng Tư pháp"),  # 10 days
    "huyen/qa/c.md": qa("2026-11-21", "2026-11-20", "Phòng Nội vụ"),  # 1 day
    "huyen/qa/d.md": qa("2026-10-05", "2026-09-01", "Phòng Nội vụ"),  # October: not in November
}
A = "tag:huyen.example,2026:huyen/qa/a"
C = "tag:huyen.example,2026:huyen/qa/c"
RATINGS = {
    "huyen": {
        "format": 1,
        "site": "huyen",
        "ratings": {
            A: {"url": "", "days": {"2026-11-04": [0, 0, 1, 2, 3], "2026-10-31": [5, 0, 0, 0, 0]}},
            C: {"url": "", "days": {"2026-11-22": [1, 1, 0, 0, 2]}},
        },
        "received": {
            "question": {"2026-11-01": 3, "2026-11-30": 2, "2026-12-01": 9},
            "feedback": {},
        },
    }
}


@pytest.fixture
def catalogs(make_content):
    report = ErrorReport()
    _, found = scan(make_content(FILES), NOW, report)
    assert not report, report.sorted()
    return found


def test_month_figures_per_site_and_unit(catalogs):
    result = tally(catalogs, Month(2026, 11), NOW, ["huyen"], RATINGS)
    (site,) = result.sites
    qa = site.qa
    assert (qa.received, qa.answered, qa.median_days) == (5, 3, 4.0)
    # November's ratings: 6 of A (5 satisfied) and 4 of C (2 satisfied); A's October ones not.
    assert (qa.ratings, qa.satisfied, qa.satisfied_percent) == (10, 7, 70)
    units = {u.name: u for u in site.qa_units}
    assert (units["Phòng Tư pháp"].answered, units["Phòng Tư pháp"].median_days) == (2, 7.0)
    assert units["Phòng Tư pháp"].satisfied_percent == 83
    assert (units["Phòng Nội vụ"].answered, units["Phòng Nội vụ"].ratings) == (1, 4)
    text = as_text(result)
    assert "Hỏi đáp: câu hỏi nhận được 5, đã trả lời 3" in text
    assert "thời gian trả lời (trung vị) 4 ngày, hài lòng 70% trên 10 lượt đánh giá" in text
    data = as_data(result)["sites"][0]["questions"]
    assert data == {
        "name": "Ủy ban nhân dân huyện Thử Nghiệm",
        "received": 5,
        "answered": 3,
        "median_days_to_answer": 4.0,
        "ratings": 10,
        "satisfied": 7,
        "satisfied_percent": 70,
    }


def test_quarter_and_year(catalogs):
    quarter = tally(catalogs, Quarter.parse("2026-Q4"), NOW, ["huyen"], RATINGS).sites[0]
    assert (quarter.qa.answered, quarter.qa.received, quarter.qa.ratings) == (4, 14, 15)
    assert quarter.total.total == 4 and quarter.total.previous == 0
    year = tally(catalogs, Year.parse("2026"), NOW, ["huyen"], None).sites[0]
    assert year.qa.received is None and year.qa.answered == 4
    assert year.qa.median_days == 7.0  # 1, 4, 10, 34
    assert Quarter(2026, 1).previous == Quarter(2025, 4)
    assert (Quarter(2026, 4).first, Quarter(2026, 4).last) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
    )
    with pytest.raises(Invalid):
        Quarter.parse("2026-Q5")
    text = as_text(tally(catalogs, Quarter(2026, 4), NOW, ["huyen"], RATINGS))
    assert text.startswith("Thống kê mục đã đăng quý 4/2026 (so với quý 3/2026)")
    assert "quý trước 0" in text


def test_report_command_takes_one_period(make_content, tmp_path):
    content = make_content(FILES)
    ratings = tmp_path / "ratings"
    ratings.mkdir()
    (ratings / "huyen.json").write_text(json.dumps(RATINGS["huyen"]), encoding="utf-8")
    run = ["report", "--content", str(content), "--settings", str(SETTINGS)]
    run += ["--now", "2026-12-05 12:00", "--ratings", str(ratings), "--site", "huyen"]
    done = CliRunner().invoke(main, [*run, "--quarter", "2026-Q4", "--json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert (data["period"], data["month"], data["previous_month"]) == (
        "quarter",
        "2026-Q4",
        "2026-Q3",
    )
    assert data["sites"][0]["questions"]["received"] == 14
    both = CliRunner().invoke(main, [*run, "--year", "2026", "--month", "2026-11"])
    assert both.exit_code == 2 and "đúng một trong --month, --quarter, --year" in both.output


def test_html_report_shows_the_questions(catalogs):
    from bs4 import BeautifulSoup

    from portal.report import render_file
    from support import REPO

    page = render_file(tally(catalogs, Quarter(2026, 4), NOW, ["huyen"], RATINGS), REPO / "theme")
    soup = BeautifulSoup(page, "html.parser")
    table = soup.select_one("#pt-report-huyen-qa").find_parent("section").select_one("table")
    cells = [td.get_text(strip=True) for td in table.select("tbody tr")[0].select("th, td")]
    assert cells == ["Ủy ban nhân dân huyện Thử Nghiệm", "14", "4", "7 ngày", "15", "47%"]
    assert "Quý 4/2026" in soup.get_text()


def test_csv_has_the_question_figures(catalogs):
    from portal.report import as_csv

    text = as_csv(tally(catalogs, Month(2026, 11), NOW, ["huyen"], RATINGS))
    lines = [line for line in text.splitlines() if ",hỏi đáp," in line]
    assert "huyen,hỏi đáp,Ủy ban nhân dân huyện Thử Nghiệm,câu hỏi nhận được,2026-11,5,," in lines
    assert "huyen,hỏi đáp,Phòng Tư pháp,số ngày trả lời (trung vị),2026-11,7,," in lines
    assert "huyen,hỏi đáp,Ủy ban nhân dân huyện Thử Nghiệm,tỷ lệ hài lòng (%),2026-11,70,," in lines
