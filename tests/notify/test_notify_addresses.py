"""Addresses and titles: ``portal check`` refuses what ``portal notify`` could not send (one
function, ``portal.mail``), IDN domains go out in ASCII to servers with or without SMTPUTF8,
and one message that cannot be composed or sent never stops the others."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner
from letters import PATH, invitation

from portal.catalog.tree import scan
from portal.cli import main
from portal.errors import ErrorReport
from portal.notify.message import compose, wire_bytes
from portal.notify.plan import due
from portal.notify.record import FileStore, Record
from portal.notify.run import Outcome, deliver
from portal.notify.smtp import Sender, SmtpSettings
from support import DEMO_NOW, SITES_YML

IDN = "ke.toan@bưuđiện.vn"
IDN_WIRE = "ke.toan@xn--buin-1ua66gr30m.vn"


def check(content):
    return CliRunner().invoke(main, ["check", "--content", str(content)])


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("nguyễn.văn.a@huyen.vn", "có chữ có dấu ở phần trước dấu @"),
        ("a..b@huyen.vn", "không phải địa chỉ thư điện tử hợp lệ"),
        ('a\\"b@huyen.vn', "không phải địa chỉ thư điện tử hợp lệ"),
        (".a@huyen.vn", "không phải địa chỉ thư điện tử hợp lệ"),
        ("a@-huyen.vn", "không phải địa chỉ thư điện tử hợp lệ"),
    ],
)
def test_the_check_refuses_addresses_notify_cannot_send(make_content, address, message):
    result = check(make_content({PATH: invitation(notify=f'["{address}"]')}))
    assert result.exit_code == 1
    assert "hop-5.md:10: notify[1]: " in result.output
    assert message in result.output


def test_the_check_refuses_a_bad_address_in_a_group(make_content):
    sites = SITES_YML.replace("pct@huyen.example]", "pct..x@huyen.example]")
    result = check(make_content({PATH: invitation()}, sites=sites))
    assert result.exit_code == 1
    assert "sites.yml:9: huyen.groups.lanh-dao[2]: " in result.output


@pytest.mark.parametrize(
    "title", ['"Họp\\r\\nBcc: ai@ngoai.example"', '"Họp\\nbàn"', '"Họp\\u2028bàn"']
)
def test_the_check_refuses_a_title_with_a_line_break(make_content, title):
    result = check(make_content({PATH: invitation(title=title)}))
    assert result.exit_code == 1
    assert "hop-5.md:2: title: phải viết trên một dòng" in result.output


def test_an_idn_domain_goes_out_in_ascii(make_content, any_server, notify, tmp_path):
    content = make_content({PATH: invitation(notify=f"[{IDN}]")})
    assert check(content).exit_code == 0
    record = tmp_path / "record.json"
    result = notify(content, any_server.port, "--record", str(record))
    assert result.exit_code == 0, result.output
    ((_sender, rcpts, message),) = any_server.handler.received
    assert rcpts == [IDN_WIRE] and message["To"] == IDN_WIRE
    (raw,) = any_server.handler.raw
    assert raw.isascii()  # headers and body 7-bit: no SMTPUTF8 or 8BITMIME needed
    rows = json.loads(record.read_text(encoding="utf-8"))["sent"]
    assert [r["recipient"] for r in rows] == [IDN_WIRE]


def test_a_non_ascii_local_part_is_refused_even_where_the_server_could(
    make_content, any_server, notify, tmp_path
):
    content = make_content({PATH: invitation(notify="[nguyễn.văn.a@huyen.vn, ct@huyen.example]")})
    result = notify(content, any_server.port, "--record", str(tmp_path / "record.json"))
    assert result.exit_code == 1
    assert "cần SMTPUTF8" in result.output
    assert any_server.handler.received == []


def test_one_bad_message_never_stops_the_others(make_content, smtp_server, tmp_path):
    """A recipient no SMTP server without SMTPUTF8 takes, and a title carrying a header
    injection (both refused by the check; here forced past it): the bad one is reported, the
    others go, and the injected text stays inside the Subject."""
    report = ErrorReport()
    _, catalogs = scan(make_content({PATH: invitation()}), DEMO_NOW, report)
    assert not report
    plan = due(catalogs, DEMO_NOW, Record())
    first, second, third = plan.outgoing
    plan.outgoing[0] = dataclasses.replace(first, recipient="nguyễn@huyen.example")
    second.item.meta["title"] = "Họp\r\nBcc: ai@ngoai.example"
    settings = SmtpSettings.from_env(
        {
            "PORTAL_SMTP_HOST": "127.0.0.1",
            "PORTAL_SMTP_PORT": str(smtp_server.port),
            "PORTAL_SMTP_SECURITY": "none",
            "PORTAL_SMTP_FROM": "cong@huyen.example",
        }
    )
    outcome, store = Outcome(plan), FileStore(tmp_path / "record.json")
    sender = Sender(settings, attempts=1, delay=0)
    try:
        deliver(outcome, sender, store, Record(), settings)
    finally:
        sender.close()
    assert [o.recipient for o, _ in outcome.failed] == ["nguyễn@huyen.example"]
    assert [o.recipient for o in outcome.sent] == [second.recipient, third.recipient]
    assert not outcome.ok
    for *_, message in smtp_server.handler.received:
        assert message["Bcc"] is None
        assert message["Subject"] == "Giấy mời họp số 5/GM-UBND: Họp  Bcc: ai@ngoai.example"
    assert len(store.load()) == 2
    wire = wire_bytes(compose(second, "", "cong@huyen.example", DEMO_NOW))
    headers = wire.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in headers
