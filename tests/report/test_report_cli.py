"""``portal report``: text, JSON, CSV and the editors' HTML page (bar charts as static SVG with a
data table), and the optional public page inside a built site (PORTAL_REPORT_PUBLIC)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_report_tally import build_fixture

from portal.build import build
from portal.catalog.tree import scan
from portal.errors import ErrorReport
from portal.frontmatter.fields import TIMEZONE
from support import REPO, SETTINGS, SITES_YML, article

PORTAL = str(Path(sys.executable).with_name("portal"))
NOW = "2026-12-02 09:00"
IN_NOVEMBER = dt.datetime(2026, 11, 25, 12, 0, tzinfo=TIMEZONE)


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("report-cli") / "repo")


def portal(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([PORTAL, *args], capture_output=True, text=True, check=False, cwd=cwd)


def test_report_prints_text_and_writes_csv_and_html(content, tmp_path):
    csv_file, html_file = tmp_path / "thong-ke.csv", tmp_path / "thong-ke.html"
    done = portal(
        "report", "--month", "2026-11", "--content", str(content), "--now", NOW,
        "--csv", str(csv_file), "--html", str(html_file),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Ủy ban nhân dân huyện Thử Nghiệm (huyen): 7 mục; tháng trước 4 (+3)" in done.stdout
    assert "Traceback" not in done.stderr

    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    lan = {
        r["Loại"]: (r["Số mục"], r["Tháng trước"], r["Thay đổi"])
        for r in rows
        if r["Trang"] == "huyen" and r["Nhóm"] == "người đóng góp" and r["Tên"] == "Trần Thị Lan"
    }
    assert lan == {
        "Tin tức": ("3", "2", "+1"),
        "Thủ tục hành chính": ("1", "0", "+1"),
        "Hỏi đáp": ("0", "1", "-1"),
        "tổng": ("4", "3", "+1"),
    }
    assert {r["Tháng"] for r in rows} == {"2026-11"}

    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "vi"
    assert soup.find("script") is None
    charts = soup.select("svg.pt-chart")
    assert len(charts) == 3 + 3  # huyen: type, unit, contributor; xa: the same
    for svg in charts:
        assert svg["role"] == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
        assert title.get_text(strip=True) and desc.get_text(strip=True)
    units = soup.select_one("#pt-report-huyen-unit-chart-desc").get_text()
    assert "Văn phòng: 3, tháng trước 0" in units
    table = soup.select_one("#pt-report-huyen-unit-title-h").find_parent("section").find("table")
    cells = [
        [cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in table.select("tbody tr")
    ]
    assert cells[0] == ["Văn phòng", "3", "0", "+3", "Tin tức 2, Thủ tục hành chính 1"]
    bars = soup.select("#pt-report-huyen-type-chart-title")[0].find_parent("svg")
    widths = [float(r["width"]) for r in bars.select("rect.pt-chart__bar--current")]
    assert widths[0] == max(widths) > 0  # Tin tức, 6: the longest bar


def test_report_json(content):
    done = portal("report", "--month", "2026-11", "--content", str(content), "--now", NOW, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["month"], data["previous_month"]) == ("2026-11", "2026-10")
    huyen = data["sites"][0]
    assert (huyen["site"], huyen["total"]["count"], huyen["total"]["previous"]) == ("huyen", 7, 4)
    assert huyen["by_type"][0] == {
        "name": "Tin tức",
        "key": "articles",
        "count": 6,
        "previous": 3,
        "change": 3,
        "by_type": {"articles": 6},
        "previous_by_type": {"articles": 3},
    }


def test_report_refuses_a_bad_month_in_plain_words(content):
    done = portal("report", "--month", "11-2026", "--content", str(content))
    assert done.returncode == 2
    assert "không đúng dạng NNNN-TT" in done.stderr and "Traceback" not in done.stderr


def test_report_shows_content_errors_with_file_and_line(tmp_path):
    content = tmp_path / "content"
    (content / "huyen" / "articles").mkdir(parents=True)
    (content / "sites.yml").write_text(SITES_YML, encoding="utf-8")
    (content / "huyen" / "articles" / "x.md").write_text(article(date="hôm qua"), "utf-8")
    done = portal("report", "--month", "2026-11", "--content", str(content), cwd=tmp_path)
    assert done.returncode == 1
    assert "content/huyen/articles/x.md:3: date:" in done.stdout
    assert "Chưa lập thống kê" in done.stderr and "Traceback" not in done.stderr


def settings_with(tmp_path: Path, **values) -> Path:
    """The development settings with ``values`` added (THEME made absolute)."""
    path = tmp_path / "settings.py"
    lines = [SETTINGS.read_text(encoding="utf-8"), f"THEME = {str(REPO / 'theme')!r}"]
    lines += [f"{key} = {value!r}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_public_report_page_when_asked(content, tmp_path):
    output = tmp_path / "output"
    settings = settings_with(tmp_path, PORTAL_REPORT_PUBLIC=True)
    build(content, output, settings, now=IN_NOVEMBER, search=False)
    soup = BeautifulSoup((output / "huyen/thong-ke/index.html").read_text("utf-8"), "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert soup.h1.get_text(strip=True) == "Thống kê mục đã đăng tháng 11/2026"
    assert soup.find(attrs={"data-pagefind-body": True}) is None
    assert soup.find(style=True) is None and soup.find("style") is None
    assert len(soup.select("svg.pt-chart[role=img]")) == 3
    total = soup.select_one(".pt-report__total").get_text(" ", strip=True)
    assert total.startswith("6 mục đã đăng trong tháng 11/2026; tháng trước 4")  # B5: 28/11
    assert "thong-ke" not in (output / "huyen/sitemap.xml").read_text("utf-8")
    assert (output / "xa/thong-ke/index.html").is_file()


def test_no_public_report_page_by_default(content, tmp_path):
    build(content, tmp_path / "output", SETTINGS, now=IN_NOVEMBER, search=False)
    assert not (tmp_path / "output/huyen/thong-ke").exists()
    assert (tmp_path / "output/huyen/index.html").is_file()


def test_report_path_is_reserved(make_content):
    root = make_content({"huyen/pages/thong-ke.md": '---\ntitle: "Thống kê"\n---\nx\n'})
    report = ErrorReport()
    scan(root, IN_NOVEMBER, report)
    assert [(e.field, "thong-ke" in e.message) for e in report.errors] == [("slug", True)]
