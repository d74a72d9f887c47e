"""``portal notify`` against a real SMTP server on loopback: delivery with the .ics attached,
no resend, changed and cancelled invitations, a dead server, a refused address."""

from __future__ import annotations

import json

from icalendar import Calendar
from letters import GROUP, PATH, SLUG, UID, invitation

RECIPIENTS = [*GROUP, "ke.toan@huyen.example"]


def calendar_of(message) -> tuple[Calendar, object]:
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_content()), part


def recorded(path) -> set[tuple[str, int, str]]:
    rows = json.loads(path.read_text(encoding="utf-8"))["sent"]
    return {(r["uid"], r["sequence"], r["recipient"]) for r in rows}


def test_delivery_with_the_ics_attached(make_content, smtp_server, notify, tmp_path):
    content = make_content({PATH: invitation()})
    record = tmp_path / "record.json"
    result = notify(content, smtp_server.port, "--record", str(record))
    assert result.exit_code == 0, result.output
    box = smtp_server.handler
    assert sorted(r for _, rcpts, _ in box.received for r in rcpts) == sorted(RECIPIENTS)
    assert all(sender == "cong@huyen.example" for sender, _, _ in box.received)

    (message,) = box.to("ct@huyen.example")  # one recipient per message: no one sees the others
    assert message["To"] == "ct@huyen.example"
    assert message["From"].addresses[0].display_name == "Cổng thông tin huyện"
    assert message["Subject"] == "Giấy mời họp số 5/GM-UBND: Họp bàn kế hoạch đầu tư công năm 2027"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Reply-To"].addresses[0].addr_spec == "vp@huyen.example"
    text = message.get_body(("plain",)).get_content()
    assert "trân trọng kính mời" in text
    assert "Thời gian: Thứ Ba, 08:00 ngày 01/12/2026 – 10:30" in text
    assert "Địa điểm: Phòng họp số 1, UBND huyện" in text
    assert f"https://huyen.example/giay-moi/{SLUG}/" in text

    calendar, part = calendar_of(message)
    assert part.get_filename() == "giay-moi-5-gm-ubnd.ics"
    assert part.get_param("method") == "REQUEST"
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.events
    assert str(event["UID"]) == UID
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == f"https://huyen.example/giay-moi/{SLUG}/"
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(event["ORGANIZER"]) == "mailto:cong@huyen.example"
    assert str(event["ATTENDEE"]) == "mailto:ct@huyen.example"  # only this recipient
    assert calendar.timezones[0].tz_name == "Asia/Ho_Chi_Minh"

    assert recorded(record) == {(UID, 0, r) for r in RECIPIENTS}
    assert "Đã gửi 3 thư" in result.output


def test_no_resend_on_a_second_run(make_content, smtp_server, notify, tmp_path):
    content = make_content({PATH: invitation()})
    record = tmp_path / "record.json"
    assert notify(content, smtp_server.port, "--record", str(record)).exit_code == 0
    before = record.read_bytes()
    again = notify(content, smtp_server.port, "--record", str(record))
    assert again.exit_code == 0, again.output
    assert len(smtp_server.handler.received) == 3
    assert "Đã gửi 0 thư; 3 thư đã gửi trước đó" in again.output
    assert record.read_bytes() == before


def test_a_changed_invitation_is_sent_again_with_a_higher_sequence(
    make_content, smtp_server, notify, tmp_path
):
    content = make_content({PATH: invitation()})
    record = tmp_path / "record.json"
    assert notify(content, smtp_server.port, "--record", str(record)).exit_code == 0
    (content / PATH).write_text(
        invitation(
            modified="2026-11-21 09:00",
            change_note='"Chuyển sang Hội trường"',
            location='"Hội trường UBND huyện"',
        ),
        encoding="utf-8",
    )
    result = notify(content, smtp_server.port, "--record", str(record))
    assert result.exit_code == 0, result.output
    (first, second) = smtp_server.handler.to("ke.toan@huyen.example")
    assert second["Subject"].startswith("Thay đổi giấy mời họp số 5/GM-UBND")
    assert "Nội dung thay đổi: Chuyển sang Hội trường" in second.get_body(("plain",)).get_content()
    old, new = calendar_of(first)[0].events[0], calendar_of(second)[0].events[0]
    assert new["SEQUENCE"] > old["SEQUENCE"] == 0
    assert str(new["LOCATION"]) == "Hội trường UBND huyện"
    assert len(smtp_server.handler.received) == 6
    assert {s for _, s, _ in recorded(record)} == {0, new["SEQUENCE"]}


def test_a_cancellation_goes_to_those_who_were_invited(make_content, smtp_server, notify, tmp_path):
    content = make_content({PATH: invitation(notify="[Ke.Toan@huyen.example]")})
    record = tmp_path / "record.json"
    assert notify(content, smtp_server.port, "--record", str(record)).exit_code == 0
    (content / PATH).write_text(
        invitation(
            notify="[ke.toan@huyen.example, moi@huyen.example]",
            cancelled='"Trùng lịch họp của UBND tỉnh"',
            modified="2026-11-21 09:00",
            change_note='"Huỷ cuộc họp"',
        ),
        encoding="utf-8",
    )
    result = notify(content, smtp_server.port, "--record", str(record))
    assert result.exit_code == 0, result.output
    box = smtp_server.handler
    assert box.to("moi@huyen.example") == []  # never invited: not told of the cancellation
    _, cancel = box.to("ke.toan@huyen.example")
    assert cancel["Subject"].startswith("Huỷ cuộc họp – giấy mời số 5/GM-UBND")
    assert "Lý do huỷ: Trùng lịch họp của UBND tỉnh" in cancel.get_body(("plain",)).get_content()
    calendar, part = calendar_of(cancel)
    assert part.get_param("method") == "CANCEL"
    assert str(calendar["METHOD"]) == "CANCEL"
    event = calendar.events[0]
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] % 2 == 1
    again = notify(content, smtp_server.port, "--record", str(record))
    assert again.exit_code == 0 and len(box.received) == 2


def test_a_dead_server_marks_nothing_sent(make_content, smtp_server, notify, closed_port, tmp_path):
    content = make_content({PATH: invitation()})
    record = tmp_path / "record.json"
    assert notify(content, smtp_server.port, "--record", str(record)).exit_code == 0
    before = record.read_bytes()
    (content / PATH).write_text(
        invitation(modified="2026-11-21 09:00", change_note='"Đổi giờ"', start="2026-12-01 08:30"),
        encoding="utf-8",
    )
    result = notify(content, closed_port, "--record", str(record))
    assert result.exit_code == 1
    assert f"máy chủ thư 127.0.0.1:{closed_port} không nhận thư sau 2 lần thử" in result.output
    assert "the SMTP server did not take the message after 2 attempts" in result.output
    assert "3 thư chưa gửi và không được ghi là đã gửi" in result.output
    assert record.read_bytes() == before
    # The server is back: the next run sends the change, and only the change.
    later = notify(content, smtp_server.port, "--record", str(record))
    assert later.exit_code == 0, later.output
    assert len(smtp_server.handler.received) == 6


def test_a_dead_server_on_the_first_run_creates_no_record(
    make_content, notify, closed_port, tmp_path
):
    record = tmp_path / "record.json"
    result = notify(make_content({PATH: invitation()}), closed_port, "--record", str(record))
    assert result.exit_code == 1
    assert not record.exists()


def test_a_refused_address_is_reported_and_not_recorded(
    make_content, smtp_server, notify, tmp_path
):
    content = make_content({PATH: invitation()})
    record = tmp_path / "record.json"
    smtp_server.handler.refuse.add("pct@huyen.example")
    result = notify(content, smtp_server.port, "--record", str(record))
    assert result.exit_code == 1
    assert "Bị từ chối (refused)" in result.output and "pct@huyen.example" in result.output
    assert "550 5.1.1 No such mailbox" in result.output
    delivered = {r for _, rcpts, _ in smtp_server.handler.received for r in rcpts}
    assert delivered == {"ct@huyen.example", "ke.toan@huyen.example"}
    assert recorded(record) == {(UID, 0, "ct@huyen.example"), (UID, 0, "ke.toan@huyen.example")}
    smtp_server.handler.refuse.clear()  # the mailbox is fixed: the next run sends only that one
    again = notify(content, smtp_server.port, "--record", str(record))
    assert again.exit_code == 0, again.output
    assert [rcpts for _, rcpts, _ in smtp_server.handler.received][-1] == ["pct@huyen.example"]
    assert len(smtp_server.handler.received) == 3


def test_a_deferred_address_is_retried(make_content, smtp_server, notify, tmp_path):
    content = make_content({PATH: invitation(notify="[ct@huyen.example]")})
    smtp_server.handler.defer["ct@huyen.example"] = 1
    result = notify(content, smtp_server.port, "--record", str(tmp_path / "record.json"))
    assert result.exit_code == 0, result.output
    assert len(smtp_server.handler.to("ct@huyen.example")) == 1
    smtp_server.handler.defer["pct@huyen.example"] = 5  # still deferred after every attempt
    (content / PATH).write_text(invitation(notify="[pct@huyen.example]"), encoding="utf-8")
    again = notify(content, smtp_server.port, "--record", str(tmp_path / "record.json"))
    assert again.exit_code == 1
    assert "451 4.3.0 Try again later" in again.output
    assert smtp_server.handler.to("pct@huyen.example") == []


def test_dry_run_sends_and_records_nothing(make_content, smtp_server, notify, tmp_path):
    record = tmp_path / "record.json"
    result = notify(
        make_content({PATH: invitation()}), smtp_server.port, "--dry-run", "--record", str(record)
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("REQUEST")]
    assert len(lines) == 3
    assert all("huyen  5/GM-UBND  SEQUENCE 0" in line for line in lines)
    subject = "Giấy mời họp số 5/GM-UBND: Họp bàn kế hoạch đầu tư công năm 2027"
    assert any(line.endswith(f"→ ke.toan@huyen.example  «{subject}»") for line in lines)
    assert "Chạy thử: sẽ gửi 3 thư" in result.output
    assert smtp_server.handler.received == []
    assert not record.exists()


def test_missing_smtp_settings_stop_before_sending(make_content, notify, closed_port, tmp_path):
    result = notify(
        make_content({PATH: invitation()}),
        closed_port,
        "--record",
        str(tmp_path / "record.json"),
        env={"PORTAL_SMTP_HOST": None},
    )
    assert result.exit_code == 1
    assert "Chưa gửi thư nào: thiếu biến môi trường PORTAL_SMTP_HOST" in result.output


def test_a_record_is_required_to_send(make_content, notify, closed_port):
    result = notify(make_content({PATH: invitation()}), closed_port)
    assert result.exit_code == 2
    assert "--record FILE hoặc --record-branch BRANCH" in result.output
