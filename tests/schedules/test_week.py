"""Weekly schedules: sessions, days, week-to-week links, invitations, and the current week at a
stable URL."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup

from portal.frontmatter.fields import TIMEZONE
from portal.schedules.week import days, session


def test_sessions():
    assert session(dt.time(7, 30)) == "Sáng"
    assert session(dt.time(11, 59)) == "Sáng"
    assert session(dt.time(12, 0)) == "Chiều"
    assert session(dt.time(17, 59)) == "Chiều"
    assert session(dt.time(19, 0)) == "Tối"
    assert session(None) == "Cả ngày"


def test_days_cover_the_working_week_in_order():
    rows = [
        {"date": dt.date(2026, 11, 18), "time": dt.time(14), "content": "C"},
        {"date": dt.date(2026, 11, 18), "time": dt.time(8), "content": "B"},
        {"date": dt.date(2026, 11, 22), "content": "Chủ nhật"},
        {"date": dt.date(2026, 11, 16), "time": dt.time(7, 30), "content": "A", "invitation": "1"},
    ]
    result = days({"week": "2026-W47", "items": rows}, {"1": "giấy mời"})
    assert [d.date.day for d in result] == [16, 17, 18, 19, 20, 22]  # Mon–Fri always, Sun if any
    assert [e.row["content"] for e in result[2].entries] == ["B", "C"]
    assert [e.session for e in result[2].entries] == ["Sáng", "Chiều"]
    assert result[1].entries == []  # an empty working day is still shown
    assert result[0].entries[0].invitation == "giấy mời"
    assert result[-1].entries[0].session == "Cả ngày"


def schedule(week: str, monday: str, owner: str = "Thường trực UBND huyện") -> str:
    suffix = "" if owner == "Thường trực UBND huyện" else f" của {owner}"
    return f"""\
---
title: "Lịch công tác tuần {week}{suffix}"
date: 2026-11-01 08:00
week: {week}
owner: "{owner}"
items:
  - date: {monday}
    time: "08:00"
    content: "Họp giao ban tuần {week}"
    chair: "Chủ tịch UBND huyện"
    participants: ["Các Phó Chủ tịch", "Chánh Văn phòng"]
    location: "Phòng họp số 1"
    invitation: "{week}/GM-UBND"
---
"""


def invitation(week: str, start: str) -> str:
    return f"""\
---
title: "Giấy mời họp giao ban tuần {week}"
date: 2026-11-01 08:00
number: "{week}/GM-UBND"
start: {start} 08:00
end: {start} 10:00
location: "Phòng họp số 1"
---
Kính mời.
"""


def weeks_content(make_content):
    return make_content(
        {
            "huyen/schedules/w46.md": schedule("2026-W46", "2026-11-09"),
            "huyen/schedules/w47.md": schedule("2026-W47", "2026-11-16"),
            "huyen/schedules/khac.md": schedule("2026-W47", "2026-11-16", owner="Văn phòng"),
            "huyen/invitations/w46.md": invitation("2026-W46", "2026-11-09"),
            "huyen/invitations/w47.md": invitation("2026-W47", "2026-11-16"),
        }
    )


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_week_pages_link_each_other_and_their_invitations(make_content, build_into):
    out = build_into(weeks_content(make_content)) / "huyen" / "lich-cong-tac"
    w46 = soup(out / "lich-cong-tac-tuan-2026-w46/index.html")
    w47 = soup(out / "lich-cong-tac-tuan-2026-w47/index.html")
    assert (
        w46.select_one('a[rel="next"]')["href"]
        == "/huyen/lich-cong-tac/lich-cong-tac-tuan-2026-w47/"
    )
    assert w46.select_one('a[rel="prev"]') is None
    assert (
        w47.select_one('a[rel="prev"]')["href"]
        == "/huyen/lich-cong-tac/lich-cong-tac-tuan-2026-w46/"
    )
    assert w47.select_one('a[rel="next"]') is None  # the other owner's week is not "next"
    table = w47.select_one("table.pt-week")
    day_headers = [th.get_text(" ", strip=True) for th in table.select("tr.pt-week__date th")]
    assert day_headers[0] == "Thứ Hai, 16/11/2026"
    assert len(day_headers) == 5
    first = table.select("tbody tr")[1]
    assert first.th.get_text(" ", strip=True) == "Sáng 08:00"
    assert first.select_one("a.pt-week__invitation")["href"] == (
        "/huyen/giay-moi/giay-moi-hop-giao-ban-tuan-2026-w47/"
    )
    assert "Các Phó Chủ tịch; Chánh Văn phòng" in first.get_text()


def test_this_week_at_a_stable_url(make_content, build_into):
    content = weeks_content(make_content)
    now = dt.datetime(2026, 11, 18, 9, 0, tzinfo=TIMEZONE)
    page = soup(build_into(content, now=now) / "huyen/lich-cong-tac/tuan-nay/index.html")
    titles = [h.get_text(strip=True) for h in page.select("main h2")]
    # Both owners' weeks, by owner.
    assert titles == ["Lịch công tác tuần 2026-W47", "Lịch công tác tuần 2026-W47 của Văn phòng"]
    assert page.select_one(".pt-week__day--today time")["datetime"] == "2026-11-18"
    later = dt.datetime(2026, 12, 2, 9, 0, tzinfo=TIMEZONE)
    page = soup(build_into(content, now=later) / "huyen/lich-cong-tac/tuan-nay/index.html")
    assert not page.select("table.pt-week")
    assert "Chưa có lịch công tác tuần này" in page.main.get_text()
    assert page.select_one("main p a")["href"].startswith(
        "/huyen/lich-cong-tac/lich-cong-tac-tuan-"
    )
