"""Calendars: the subscribable ICS of a site and the ICS of each invitation, parsed back with
icalendar and checked field by field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from meetings import meeting_files

from portal.build import build
from portal.calendars.ics import sequence
from portal.errors import ContentErrors
from support import DEMO_CONTENT, DEMO_NOW, SETTINGS

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SLUG = "hop-ban-ke-hoach-dau-tu-cong-nam-2027"
ROOT = "http://localhost:8000/huyen"


def parse(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def built(make_content, build_into):
    """Factory: build the meeting content (with invitation fields overridden) without search."""

    def run(**fields: str) -> Path:
        return build_into(make_content(meeting_files(**fields)), search=False)

    return run


def test_invitation_ics_field_by_field(built):
    out = built()
    calendar = parse(out / "huyen/giay-moi" / SLUG / "giay-moi.ics")
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//portal//")
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Ho_Chi_Minh"]
    (event,) = calendar.events
    assert str(event["UID"]) == "giay-moi-hop-5@huyen.example"
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert event["DTEND"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert event.start == dt.datetime(2026, 12, 1, 8, 0, tzinfo=VN)
    assert event.end == dt.datetime(2026, 12, 1, 10, 30, tzinfo=VN)
    assert event.start.utcoffset() == dt.timedelta(hours=7)
    assert str(event["SUMMARY"]) == "Họp bàn kế hoạch đầu tư công năm 2027"
    assert str(event["LOCATION"]) == "Phòng họp số 1, UBND huyện"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == f"{ROOT}/giay-moi/{SLUG}/"
    assert event["DTSTAMP"].dt == dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)
    description = str(event["DESCRIPTION"])
    assert "Giấy mời số 5/GM-UBND" in description
    assert "Chủ trì: Ông Nguyễn Văn Một, Chủ tịch UBND huyện" in description
    assert "Thành phần: Phòng Tài chính - Kế hoạch; Phòng Kinh tế" in description
    assert str(event["ATTACH"]) == f"{ROOT}/giay-moi/{SLUG}/gm-5.pdf"
    assert event["ATTACH"].params["FMTTYPE"] == "application/pdf"
    assert (out / "huyen/giay-moi" / SLUG / "gm-5.pdf").is_file()


def test_the_invitation_page_links_its_ics(built):
    out = built()
    page = BeautifulSoup(
        (out / "huyen/giay-moi" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    link = page.find("a", type="text/calendar")
    assert link is not None and link.get_text(strip=True) == "Thêm vào lịch (.ics)"
    assert link["href"] == f"/huyen/giay-moi/{SLUG}/giay-moi.ics"
    assert (out / link["href"].lstrip("/")).is_file()


def test_site_calendar_holds_schedule_rows_and_invitations(built):
    out = built()
    calendar = parse(out / "huyen/lich-cong-tac/lich.ics")
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Lịch công tác – Ủy ban nhân dân huyện Thử Nghiệm"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Ho_Chi_Minh"
    assert str(calendar["SOURCE"]) == f"{ROOT}/lich-cong-tac/lich.ics"
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Ho_Chi_Minh"]
    found = events(calendar)
    stem = "lich-cong-tac-tuan-49"
    assert sorted(found) == sorted(
        [
            "giay-moi-hop-5@huyen.example",
            f"{stem}-20261130T0730-1@huyen.example",
            f"{stem}-20261130T0730-2@huyen.example",  # same date and time: ranked
            f"{stem}-20261201-ca-ngay-1@huyen.example",
            # the 08:00 row names the invitation, whose own event stands for it
        ]
    )
    timed = found[f"{stem}-20261130T0730-1@huyen.example"]
    assert timed.start == dt.datetime(2026, 11, 30, 7, 30, tzinfo=VN)
    assert timed["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert "DTEND" not in timed  # a schedule gives no end: the event ends when it starts
    assert str(timed["SUMMARY"]) == "Họp giao ban Thường trực UBND huyện"
    assert str(timed["LOCATION"]) == "Phòng họp số 2"
    assert "Chủ trì: Chủ tịch UBND huyện" in str(timed["DESCRIPTION"])
    assert "Thành phần: Các Phó Chủ tịch; Chánh Văn phòng" in str(timed["DESCRIPTION"])
    assert str(timed["URL"]) == f"{ROOT}/lich-cong-tac/lich-cong-tac-tuan-49-nam-2026/"
    all_day = found[f"{stem}-20261201-ca-ngay-1@huyen.example"]
    assert all_day.start == dt.date(2026, 12, 1)
    assert all_day.end == dt.date(2026, 12, 2)
    assert all_day["DTSTART"].params.get("VALUE") == "DATE"
    starts = [e.start for e in calendar.events]
    as_time = [
        s if isinstance(s, dt.datetime) else dt.datetime.combine(s, dt.time(), VN) for s in starts
    ]
    assert as_time == sorted(as_time)


def test_a_later_modified_gives_a_higher_sequence(built):
    uid = "giay-moi-hop-5@huyen.example"

    def version(**fields: str):
        out = built(**fields)
        listed = events(parse(out / "huyen/lich-cong-tac/lich.ics"))[uid]
        own = parse(out / "huyen/giay-moi" / SLUG / "giay-moi.ics").events[0]
        assert own["SEQUENCE"] == listed["SEQUENCE"]
        return own

    first = version()
    changed = version(modified="2026-11-21 09:15", change_note='"Đổi phòng"', location="Hội trường")
    later = version(modified="2026-11-21 09:16", change_note='"Đổi giờ"', start="2026-12-01 08:30")
    assert first["SEQUENCE"] == 0 < changed["SEQUENCE"] < later["SEQUENCE"]
    assert "LAST-MODIFIED" not in first
    assert later["LAST-MODIFIED"].dt == dt.datetime(2026, 11, 21, 2, 16, tzinfo=dt.UTC)
    assert later["DTSTAMP"].dt == later["LAST-MODIFIED"].dt
    assert "Thay đổi: Đổi giờ" in str(later["DESCRIPTION"])
    assert str(changed["LOCATION"]) == "Hội trường"


def test_sequence_rule():
    date = dt.datetime(2026, 11, 20, 8, 0, tzinfo=VN)
    assert sequence({"date": date}) == 0
    assert sequence({"date": date, "cancelled": "Hoãn"}) == 1
    one = sequence({"date": date, "modified": date + dt.timedelta(minutes=90)})
    cancelled = sequence(
        {"date": date, "modified": date + dt.timedelta(minutes=90), "cancelled": "Hoãn"}
    )
    reopened = sequence({"date": date, "modified": date + dt.timedelta(minutes=91)})
    assert one < cancelled < reopened


def test_time_zone_offsets_are_written_in_vietnam_time(built):
    out = built(start="2026-12-01T01:00:00Z", end='"2026-12-01 10:30 +07:00"')
    event = parse(out / "huyen/giay-moi" / SLUG / "giay-moi.ics").events[0]
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert event.start == dt.datetime(2026, 12, 1, 8, 0, tzinfo=VN)
    assert event.start.tzinfo == VN


def test_private_invitations_have_no_calendar_entry(make_content, build_into):
    files = meeting_files()
    files["huyen/invitations/nhap.md"] = (
        files["huyen/invitations/hop-5.md"]
        .replace('"5/GM-UBND"', '"6/GM-UBND"\nstatus: draft')
        .replace("Họp bàn", "Nháp họp bàn")
    )
    files["huyen/invitations/sau.md"] = (
        files["huyen/invitations/hop-5.md"]
        .replace('"5/GM-UBND"', '"7/GM-UBND"')
        .replace("2026-11-20 08:00", "2026-11-30 08:00")
        .replace("Họp bàn", "Sắp họp bàn")
    )
    out = build_into(make_content(files), search=False)
    assert sorted(p.parent.name for p in (out / "huyen/giay-moi").glob("*/giay-moi.ics")) == [SLUG]
    uids = set(events(parse(out / "huyen/lich-cong-tac/lich.ics")))
    assert not {u for u in uids if "nhap" in u or "sau" in u}


def test_two_builds_are_byte_identical(make_content, tmp_path):
    content = make_content(meeting_files())
    outputs = [tmp_path / "one", tmp_path / "two"]
    for output in outputs:
        build(content, output, SETTINGS, now=DEMO_NOW, search=False)
    files = sorted(p.relative_to(outputs[0]) for p in outputs[0].rglob("*.ics"))
    assert len(files) == 3  # both sites' calendars (the member's is empty) and the invitation's
    for rel in files:
        assert (outputs[0] / rel).read_bytes() == (outputs[1] / rel).read_bytes()
    assert b"\r\n" in (outputs[0] / files[0]).read_bytes()


def test_demo_calendars_parse(demo_output):
    calendars = sorted(demo_output.rglob("*.ics"))
    sites = {p.name for p in DEMO_CONTENT.iterdir() if p.is_dir()}
    assert {p.relative_to(demo_output).parts[0] for p in calendars if p.name == "lich.ics"} == sites
    assert all(p.parent.name == "lich-cong-tac" for p in calendars if p.name == "lich.ics")
    invitations = list(DEMO_CONTENT.glob("*/invitations/*.md"))
    assert len([p for p in calendars if p.name == "giay-moi.ics"]) == len(invitations)
    for path in calendars:
        calendar = parse(path)
        assert calendar.timezones[0].tz_name == "Asia/Ho_Chi_Minh", path
        uids = [str(e["UID"]) for e in calendar.events]
        assert len(uids) == len(set(uids)), path
        for event in calendar.events:
            assert event.start and event["DTSTAMP"] and "SEQUENCE" in event, path
            if isinstance(event.start, dt.datetime):
                assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh", path
    parent = parse(demo_output / "tinh-lam-giang/lich-cong-tac/lich.ics")
    numbers = {"112/GM-UBND", "118/GM-UBND"}
    summaries = {str(e["SUMMARY"]) for e in parent.events}
    assert any("sơ kết đợt cao điểm đăng ký đất đai" in s for s in summaries)
    assert all(str(e["UID"]).endswith("@lamgiang.example") for e in parent.events)
    assert len([e for e in parent.events if "giay-moi" in str(e["UID"])]) == len(numbers)


def test_two_files_folding_to_one_uid_fail_the_build(make_content, build_into):
    files = meeting_files()
    files["huyen/invitations/Họp 5.md"] = (
        files["huyen/invitations/hop-5.md"]
        .replace('"5/GM-UBND"', '"8/GM-UBND"')
        .replace("Họp bàn", "Họp lại bàn")
    )
    # The second file's name is refused by the check now (lower case, words joined by '-'), so
    # the two never reach the calendars; the calendars' own refusal stays behind it.
    with pytest.raises(ContentErrors) as caught:
        build_into(make_content(files), search=False)
    errors = caught.value.report.sorted()
    assert [(Path(e.path).name, e.field) for e in errors] == [("Họp 5.md", "file")]
    assert "'hop-5.md'" in errors[0].message
