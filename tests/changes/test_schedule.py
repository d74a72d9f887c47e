"""Scheduled publishing: an item goes live on the first build at or after its ``date`` and leaves
on the first build at or after its ``expires`` (Asia/Ho_Chi_Minh, to the second);
``portal schedule`` lists what is coming."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from portal.build import build
from portal.catalog.tree import scan
from portal.changes.schedule import upcoming
from portal.errors import ErrorReport
from support import SETTINGS, article

UTC = dt.UTC
SCHEDULED = article("Tin hẹn giờ", "Sẽ đăng.", date="2026-12-01 08:00")  # 01:00 UTC
EXPIRING = article("Tin có hạn", "Sẽ gỡ.", expires="2026-12-10 17:00")  # 10:00 UTC
SECOND = dt.timedelta(seconds=1)


@pytest.mark.parametrize(
    ("moment", "scheduled", "expiring"),
    [
        (dt.datetime(2026, 12, 1, 1, 0, tzinfo=UTC) - SECOND, False, True),
        (dt.datetime(2026, 12, 1, 1, 0, tzinfo=UTC), True, True),
        (dt.datetime(2026, 12, 1, 1, 0, tzinfo=UTC) + SECOND, True, True),
        (dt.datetime(2026, 12, 10, 10, 0, tzinfo=UTC) - SECOND, True, True),
        (dt.datetime(2026, 12, 10, 10, 0, tzinfo=UTC), True, False),
        (dt.datetime(2026, 12, 10, 10, 0, tzinfo=UTC) + SECOND, True, False),
    ],
    ids=["date-1s", "date", "date+1s", "expires-1s", "expires", "expires+1s"],
)
def test_build_at_the_exact_boundary(make_content, tmp_path, moment, scheduled, expiring):
    content = make_content({"huyen/articles/hen.md": SCHEDULED, "huyen/articles/han.md": EXPIRING})
    output = tmp_path / "output"
    build(content, output, SETTINGS, site_ids=["huyen"], now=moment, search=False)
    assert (output / "huyen/tin-tuc/tin-hen-gio/index.html").is_file() is scheduled
    assert (output / "huyen/tin-tuc/tin-co-han/index.html").is_file() is expiring
    _, catalogs = scan(content, moment, ErrorReport())
    listed = {(e.event, e.title) for e in upcoming(catalogs, moment, days=30)}
    assert (("publish", "Tin hẹn giờ") in listed) is not scheduled
    assert (("expire", "Tin có hạn") in listed) is expiring


QA = """\
    ---
    title: "Hỏi về thủ tục cấp đổi giấy chứng nhận"
    question: "Thủ tục cấp đổi cần giấy tờ gì?"
    date: 2026-11-24 14:00
    ---
    Cần đơn đề nghị và bản gốc giấy chứng nhận.
    """
CONTENT = {
    "huyen/articles/hen.md": article("Tin hẹn ngày 25", date="2026-11-25 08:00"),
    "huyen/articles/utc.md": article("Tin giờ quốc tế", date="2026-11-23T01:00Z"),
    "huyen/articles/han.md": article("Tin hết hạn cuối tháng", expires="2026-11-30 17:00"),
    "huyen/articles/nhap.md": article("Bản nháp hẹn giờ", date="2026-11-26 08:00", status="draft"),
    "huyen/articles/xa-xoi.md": article("Tin năm sau", date="2027-01-10 08:00"),
    "huyen/articles/cu.md": article("Tin đã hết hạn", expires="2026-11-21 00:00"),
    "xa/qa/hoi.md": QA,
}


def test_schedule_lists_publications_and_expiries_in_time_order(portal, make_content):
    content = make_content(CONTENT)
    result = portal("schedule", "--content", str(content))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "30 ngày từ 2026-11-22 12:00" in lines[0]
    rows = [re.split(r"\s{2,}", line) for line in lines[1:]]
    assert [tuple(r[:5]) for r in rows] == [
        ("2026-11-23 08:00", "đăng", "huyen", "Tin tức", "Tin giờ quốc tế"),
        ("2026-11-24 14:00", "đăng", "xa", "Hỏi đáp", "Hỏi về thủ tục cấp đổi giấy chứng nhận"),
        ("2026-11-25 08:00", "đăng", "huyen", "Tin tức", "Tin hẹn ngày 25"),
        ("2026-11-30 17:00", "hết hạn", "huyen", "Tin tức", "Tin hết hạn cuối tháng"),
    ]
    assert rows[1][5] == f"{content}/xa/qa/hoi.md"


def test_schedule_window_site_and_json(portal, make_content):
    content = make_content(CONTENT)
    result = portal("schedule", "--content", str(content), "--days", "60", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["days"] == 60
    events = data["events"]
    assert [e["title"] for e in events][-1] == "Tin năm sau"
    assert events[0] == {
        "when": "2026-11-23T08:00:00+07:00",
        "event": "publish",
        "site": "huyen",
        "type": "articles",
        "title": "Tin giờ quốc tế",
        "path": f"{content}/huyen/articles/utc.md",
        "url": "/huyen/tin-tuc/tin-gio-quoc-te/",
    }
    only_xa = json.loads(
        portal("schedule", "--content", str(content), "--site", "xa", "--json").output
    )
    assert [e["site"] for e in only_xa["events"]] == ["xa"]
    empty = portal("schedule", "--content", str(content), "--days", "0")
    assert empty.exit_code == 0 and "Không có mục nào" in empty.output
