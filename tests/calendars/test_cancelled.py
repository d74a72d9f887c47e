"""A cancelled invitation: published with a prominent notice, STATUS:CANCELLED in its calendars,
a higher SEQUENCE; the reason is required."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from meetings import meeting_files

from portal.catalog.tree import scan
from portal.errors import ErrorReport
from support import DEMO_NOW

SLUG = "hop-ban-ke-hoach-dau-tu-cong-nam-2027"
REASON = '"Trùng lịch họp của UBND tỉnh; sẽ có giấy mời mới"'
UID = "giay-moi-hop-5@huyen.example"


def test_cancelled_invitation_calendars_and_page(make_content, build_into):
    out = build_into(
        make_content(
            meeting_files(cancelled=REASON, modified="2026-11-21 10:00", change_note='"Huỷ họp"')
        ),
        search=False,
    )
    own = Calendar.from_ical((out / "huyen/giay-moi" / SLUG / "giay-moi.ics").read_bytes())
    assert str(own["METHOD"]) == "PUBLISH"
    (event,) = own.events
    assert str(event["UID"]) == UID
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "ĐÃ HUỶ: Họp bàn kế hoạch đầu tư công năm 2027"
    assert str(event["DESCRIPTION"]).startswith(
        "Cuộc họp đã bị huỷ. Lý do: Trùng lịch họp của UBND tỉnh; sẽ có giấy mời mới"
    )
    assert event["SEQUENCE"] == 2 * (26 * 60) + 1  # 26 h after date, and cancelled
    site = Calendar.from_ical((out / "huyen/lich-cong-tac/lich.ics").read_bytes())
    listed = {str(e["UID"]): e for e in site.events}[UID]
    assert str(listed["STATUS"]) == "CANCELLED" and listed["SEQUENCE"] == event["SEQUENCE"]

    page = BeautifulSoup(
        (out / "huyen/giay-moi" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.select_one(".pt-article__header .pt-badge").get_text(strip=True) == "Đã huỷ"
    notice = page.select_one(".pt-notice--warning")
    assert notice.select_one(".pt-notice__title").get_text(strip=True) == "Cuộc họp này đã bị huỷ."
    assert "Trùng lịch họp của UBND tỉnh" in notice.get_text()
    assert page.find("a", type="text/calendar") is not None  # still public: still downloadable
    listing = (out / "huyen/giay-moi/index.html").read_text(encoding="utf-8")
    assert f"/giay-moi/{SLUG}/" in listing


def test_cancellation_outranks_the_version_it_cancels(make_content, build_into):
    def sequence(**fields: str) -> int:
        out = build_into(make_content(meeting_files(**fields)), search=False)
        path = out / "huyen/giay-moi" / SLUG / "giay-moi.ics"
        return Calendar.from_ical(path.read_bytes()).events[0]["SEQUENCE"]

    moved = {"modified": "2026-11-21 10:00", "change_note": '"Đổi phòng"'}
    assert sequence(**moved) < sequence(**moved, cancelled=REASON)  # modified left as it was


@pytest.mark.parametrize(
    ("value", "errors"),
    [('""', 1), ("true", 1), ("có", 1), ("[a, b]", 1), (REASON, 0)],
)
def test_cancelled_needs_a_reason(make_content, value, errors):
    content = make_content(meeting_files(cancelled=value))
    report = ErrorReport()
    scan(content, DEMO_NOW, report)
    found = [e for e in report.sorted() if e.field == "cancelled"]
    assert len(found) == errors, found
    assert len(report) == errors
    if found:
        assert found[0].line == 12  # the `cancelled` line of the file
        assert found[0].path.endswith("hop-5.md")
