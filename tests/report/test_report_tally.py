"""The monthly tally on a fixture repository with known counts: per site, type, unit and
contributor (front-matter authors, else the git author who created the file), November against
October, with the Vietnam-time month boundary, drafts and scheduled items left out."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from history.gitrepo import EDITOR, GitRepo

from portal.errors import ContentErrors
from portal.frontmatter.fields import TIMEZONE, Invalid
from portal.report import Month, as_text, run
from portal.report.chart import layout
from portal.report.tally import NO_CONTRIBUTOR, NO_UNIT, Row
from support import SITES_YML, article

LAN = ("Trần Thị Lan", "lan@huyen.example")
MINH = ("Lê Văn Minh", "minh@huyen.example")
TAI = ("Quách Văn Tài", "tai@xa.example")
AFTER_NOVEMBER = dt.datetime(2026, 12, 2, 9, 0, tzinfo=TIMEZONE)
NOVEMBER = Month(2026, 11)
PROCEDURE = """\
---
title: "Đăng ký khai sinh"
date: 2026-11-10 08:00
code: "1.001193"
field: "Hộ tịch"
agency: "UBND huyện"
unit: "Văn phòng"
---
1. Nộp tờ khai.
"""
QA = """\
---
title: "Hỏi về cấp giấy phép"
date: 2026-10-20 08:00
question: "Bao lâu?"
---
15 ngày.
"""


NOI_VU, VP = '"Phòng Nội vụ"', '"Văn phòng"'


def art(title: str, date: str, **fields: str) -> str:
    return article(title, date=date, **fields)


H = "content/huyen"
OCTOBER_FILES = {
    "content/sites.yml": SITES_YML,
    f"{H}/articles/a1.md": art("A1", "2026-10-05 08:00", unit=NOI_VU, authors="[Trần Thị Lan]"),
    # 23:30 on 31 October in Vietnam: October.
    f"{H}/articles/e0.md": art("E0", "2026-10-31 23:30", unit=NOI_VU, authors="[Trần Thị Lan]"),
}
NOVEMBER_FILES = {
    f"{H}/articles/b1.md": art(
        "B1", "2026-11-02 08:00", unit=NOI_VU, authors="[Trần Thị Lan, Lê Văn Minh]"
    ),
    f"{H}/articles/b2.md": art("B2", "2026-11-03 08:00", unit=VP, authors="[Trần Thị Lan]"),
    f"{H}/articles/b4.md": art("B4", "2026-11-04 08:00", status="draft", authors="[Trần Thị Lan]"),
    f"{H}/articles/b5.md": art("B5", "2026-11-28 08:00", unit=NOI_VU, authors="[Trần Thị Lan]"),
    # 2026-10-31 20:00 UTC is 03:00 on 1 November in Vietnam: November.
    f"{H}/articles/e1.md": art("E1", "2026-10-31T20:00Z", authors="[Lê Văn Minh]"),
    # 2026-11-30 17:30 UTC is 00:30 on 1 December in Vietnam: not November.
    f"{H}/articles/e2.md": art("E2", "2026-11-30T17:30Z", authors="[Lê Văn Minh]"),
    f"{H}/pages/gioi-thieu.md": '---\ntitle: "Giới thiệu"\n---\nTrang.\n',
}
WITHDRAWN = art(
    "B6", "2026-11-05 08:00", unit=VP, unpublished='{reason: withdrawn, note: "Sai số liệu"}'
)
MEMBER = art(
    "X1",
    "2026-11-15 08:00",
    unit='"UBND xã"',
    authors="[Quách Văn Tài]",
    category='"Tin tức - Sự kiện"',
)


def build_fixture(root: Path) -> Path:
    """The fixture repository; returns its content folder."""
    repo = GitRepo(root)
    repo.commit("Tháng 10", "2026-10-20T09:00:00+07:00", OCTOBER_FILES)
    a2 = {f"{H}/articles/a2.md": art("A2", "2026-10-21 08:00", unit=NOI_VU)}
    repo.commit("A2", "2026-10-21T09:00:00+07:00", a2, author=MINH)
    repo.commit("Hỏi đáp", "2026-10-22T09:00:00+07:00", {f"{H}/qa/q1.md": QA}, author=LAN)
    repo.commit("Tháng 11", "2026-11-03T09:00:00+07:00", NOVEMBER_FILES)
    repo.commit("Thu hồi", "2026-11-05T09:00:00+07:00", {f"{H}/articles/b6.md": WITHDRAWN})
    repo.commit("Thủ tục", "2026-11-10T09:00:00+07:00", {f"{H}/procedures/p1.md": PROCEDURE}, LAN)
    # A pull request by Minh, merged by the editors: B3 is credited to Minh.
    repo.git("checkout", "-q", "-b", "pr-b3")
    b3 = {f"{H}/articles/b3.md": art("B3", "2026-11-12 08:00")}
    repo.commit("Thêm B3", "2026-11-11T09:00:00+07:00", b3, author=MINH)
    repo.git("checkout", "-q", "main")
    repo.merge("pr-b3", "Merge pull request #3", "2026-11-12T09:00:00+07:00", author=EDITOR)
    repo.commit("Xã", "2026-11-15T09:00:00+07:00", {"content/xa/articles/x1.md": MEMBER}, TAI)
    repo.close()
    return root / "content"


@pytest.fixture(scope="module")
def fixture_content(tmp_path_factory) -> Path:
    """Content of a git repository with October and November items."""
    return build_fixture(tmp_path_factory.mktemp("report") / "repo")


def table(rows: tuple[Row, ...]) -> dict[str, tuple[int, int, dict[str, int]]]:
    return {row.name: (row.total, row.previous, row.counts) for row in rows}


def test_site_totals_and_types(fixture_content):
    tally, notices = run(fixture_content, NOVEMBER, AFTER_NOVEMBER)
    assert notices == []
    assert (tally.month, tally.previous) == (Month(2026, 11), Month(2026, 10))
    huyen, xa = tally.sites
    assert (huyen.site, xa.site) == ("huyen", "xa")
    # November: B1 B2 B3 B5 B6 (withdrawn since: still published in November) E1, and P1.
    # October: A1 A2 E0 (23:30 on 31 October) and Q1. Not: B4 (draft), E2 (December), pages.
    assert (huyen.total.total, huyen.total.previous, huyen.total.change) == (7, 4, 3)
    assert table(huyen.groups["type"]) == {
        "Tin tức": (6, 3, {"articles": 6}),
        "Thủ tục hành chính": (1, 0, {"procedures": 1}),
        "Hỏi đáp": (0, 1, {}),
    }
    assert [row.key for row in huyen.groups["type"]] == ["articles", "procedures", "qa"]
    assert (xa.total.total, xa.total.previous) == (1, 0)


def test_units(fixture_content):
    huyen = run(fixture_content, NOVEMBER, AFTER_NOVEMBER)[0].sites[0]
    assert table(huyen.groups["unit"]) == {
        "Văn phòng": (3, 0, {"articles": 2, "procedures": 1}),
        "Phòng Nội vụ": (2, 3, {"articles": 2}),
        NO_UNIT: (2, 1, {"articles": 2}),
    }
    assert [row.name for row in huyen.groups["unit"]] == ["Văn phòng", "Phòng Nội vụ", NO_UNIT]


def test_contributors_from_front_matter_else_git(fixture_content):
    huyen = run(fixture_content, NOVEMBER, AFTER_NOVEMBER)[0].sites[0]
    # Lan: B1 B2 B5 (authors) and P1 (git); Minh: B1 E1 (authors) and B3 (his merged pull
    # request); the editors: B6, committed by them. October: Lan A1 E0 Q1 (git), Minh A2 (git).
    assert table(huyen.groups["contributor"]) == {
        "Trần Thị Lan": (4, 3, {"articles": 3, "procedures": 1}),
        "Lê Văn Minh": (3, 1, {"articles": 3}),
        "Ban biên tập": (1, 0, {"articles": 1}),
    }


def test_scheduled_items_are_not_counted_yet(fixture_content):
    moment = dt.datetime(2026, 11, 20, 12, 0, tzinfo=TIMEZONE)
    huyen = run(fixture_content, NOVEMBER, moment)[0].sites[0]
    assert huyen.total.total == 6  # B5 (28 November) is still scheduled
    assert table(huyen.groups["unit"])["Phòng Nội vụ"][0] == 1


def test_outside_git_contributors_come_from_front_matter_only(fixture_content, tmp_path):
    plain = tmp_path / "content"
    shutil.copytree(fixture_content, plain)
    tally, notices = run(plain, NOVEMBER, AFTER_NOVEMBER)
    assert notices == []
    contributors = table(tally.sites[0].groups["contributor"])
    assert contributors[NO_CONTRIBUTOR] == (3, 2, {"articles": 2, "procedures": 1})
    assert contributors["Trần Thị Lan"] == (3, 2, {"articles": 3})


def test_only_the_chosen_site(fixture_content):
    tally, _ = run(fixture_content, NOVEMBER, AFTER_NOVEMBER, ["xa"])
    assert [site.site for site in tally.sites] == ["xa"]


def test_content_errors_stop_the_tally(tmp_path):
    content = tmp_path / "content"
    (content / "huyen" / "articles").mkdir(parents=True)
    (content / "sites.yml").write_text(SITES_YML, encoding="utf-8")
    (content / "huyen" / "articles" / "x.md").write_text(article(date="hôm qua"), "utf-8")
    with pytest.raises(ContentErrors) as caught:
        run(content, NOVEMBER, AFTER_NOVEMBER)
    assert any(e.field == "date" for e in caught.value.report.errors)


def test_text_output_names_every_row(fixture_content):
    text = as_text(run(fixture_content, NOVEMBER, AFTER_NOVEMBER)[0])
    assert text.startswith("Thống kê mục đã đăng tháng 11/2026 (so với tháng 10/2026)\n")
    assert "Ủy ban nhân dân huyện Thử Nghiệm (huyen): 7 mục; tháng trước 4 (+3)" in text
    line = next(line for line in text.splitlines() if line.strip().startswith("Văn phòng "))
    assert line.split()[2:] == [
        "3",
        "0",
        "+3",
        "tin",
        "tức",
        "2,",
        "thủ",
        "tục",
        "hành",
        "chính",
        "1",
    ]


@pytest.mark.parametrize(
    ("text", "month", "previous"),
    [("2026-11", Month(2026, 11), Month(2026, 10)), ("2026-01", Month(2026, 1), Month(2025, 12))],
)
def test_month_and_the_month_before(text, month, previous):
    assert Month.parse(text) == month
    assert month.previous == previous


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "11/2026", "", "2026-00"])
def test_bad_month_is_explained(text):
    with pytest.raises(Invalid) as caught:
        Month.parse(text)
    assert "NNNN-TT" in caught.value.message and caught.value.english == "month must be YYYY-MM"


def test_chart_bars_are_proportional():
    rows = [Row("a", "A", {"articles": 6}, {"articles": 3}), Row("b", "B", {}, {"qa": 2})]
    chart = layout(rows)
    first, second = chart.bars
    assert first.current_width == chart.plot_width  # the largest value spans the plot
    assert first.previous_width == chart.plot_width / 2
    assert second.current_width == 0
    assert second.previous_width == pytest.approx(chart.plot_width / 3, abs=0.1)
    assert second.top > first.previous_y  # rows do not overlap
    assert chart.height >= second.previous_y + chart.bar_height
