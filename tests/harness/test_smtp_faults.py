"""``portal notify`` against a real SMTP server (aiosmtpd on loopback) that drops the connection
at every protocol step: nothing is lost, nothing is sent twice by itself, and a drop after the
body and before the ``250`` is recorded as unknown for the operator, never resent."""

from __future__ import annotations

import email
import json
import random
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from click.testing import CliRunner

from portal.cli import main
from support import invitation

PATH = "huyen/invitations/hop-5.md"
RECIPIENTS = {"ct@huyen.example", "pct@huyen.example", "ke.toan@huyen.example"}
STEPS = ("connect", "EHLO", "MAIL", "RCPT", "DATA", "body", "QUIT")


class Faults:
    """Which step drops the connection and how many more times; a seeded random drop rate."""

    def __init__(self) -> None:
        self.left: dict[str, int] = {}
        self.rate = 0.0
        self.random = random.Random(0)
        self.received: list[str] = []  # one recipient per message taken in (before any 250)
        self.dropped: dict[str, int] = dict.fromkeys(STEPS, 0)

    def drop(self, step: str) -> bool:
        if self.left.get(step, 0) > 0:
            self.left[step] -= 1
        elif not (self.rate and self.random.random() < self.rate):
            return False
        self.dropped[step] += 1
        return True


class DroppingSMTP(SMTP):
    """aiosmtpd's server, closing the connection instead of answering when told to."""

    faults: Faults

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        if self.faults.drop("connect"):
            transport.close()

    async def _maybe(self, step: str, verb, arg: str):
        if self.faults.drop(step):
            self.transport.close()
            return None
        return await verb(arg)

    async def smtp_EHLO(self, arg):
        return await self._maybe("EHLO", super().smtp_EHLO, arg)

    async def smtp_MAIL(self, arg):
        return await self._maybe("MAIL", super().smtp_MAIL, arg)

    async def smtp_RCPT(self, arg):
        return await self._maybe("RCPT", super().smtp_RCPT, arg)

    async def smtp_DATA(self, arg):
        return await self._maybe("DATA", super().smtp_DATA, arg)

    async def smtp_QUIT(self, arg):
        return await self._maybe("QUIT", super().smtp_QUIT, arg)


class Handler:
    def __init__(self, faults: Faults) -> None:
        self.faults = faults

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        assert message["To"] is not None
        self.faults.received += list(envelope.rcpt_tos)
        if self.faults.drop("body"):  # taken in, but the client never hears the 250
            server.transport.close()
        return "250 Message accepted for delivery"


class DroppingController(Controller):
    """A loopback server on a port chosen by the system, dropping as ``faults`` says."""

    def __init__(self, faults: Faults) -> None:
        super().__init__(Handler(faults), hostname="127.0.0.1", port=0)
        self.faults = faults

    def factory(self):
        server = DroppingSMTP(self.handler, **self.SMTP_kwargs)
        server.faults = self.faults
        return server

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture
def faulty():
    """A running dropping SMTP server; ``.faults`` says where it drops and what it took in."""
    controller = DroppingController(Faults())
    controller.start()
    yield controller
    controller.stop()


def run_notify(content, port: int, record, *args: str, env: dict | None = None):
    return CliRunner().invoke(
        main,
        [
            "notify",
            *("--content", str(content), "--now", "2026-11-22 12:00"),
            *("--attempts", "2", "--retry-delay", "0", "--record", str(record), *args),
        ],
        env={
            "PORTAL_SMTP_HOST": "127.0.0.1",
            "PORTAL_SMTP_PORT": str(port),
            "PORTAL_SMTP_SECURITY": "none",
            "PORTAL_SMTP_FROM": "Cổng thông tin huyện <cong@huyen.example>",
            "PORTAL_SMTP_USER": None,
            "PORTAL_SMTP_PASSWORD": None,
            **(env or {}),
        },
    )


def statuses(record) -> dict[str, str]:
    rows = json.loads(record.read_text(encoding="utf-8"))["sent"]
    return {r["recipient"]: r.get("status", "sent") for r in rows}


@pytest.mark.parametrize("step", STEPS)
def test_one_drop_at_each_step(step, make_content, faulty, tmp_path):
    content, record = make_content({PATH: invitation()}), tmp_path / "record.json"
    faulty.faults.left[step] = 1
    result = run_notify(content, faulty.port, record)
    faults = faulty.faults
    assert faults.dropped[step] == 1
    # Per step: every message taken in exactly once, whatever the step.
    assert sorted(faults.received) == sorted(RECIPIENTS), (step, faults.received)
    if step == "body":  # perhaps delivered: recorded as unknown, the other two still go
        assert result.exit_code == 1, result.output
        assert sorted(statuses(record).values()) == ["sent", "sent", "unknown"]
        assert "Chưa rõ đã tới chưa (unknown)" in result.output
        assert "--unknown delivered" in result.output
    else:  # dropped before the body ended (retried) or after the 250 (already recorded)
        assert result.exit_code == 0, result.output
        assert statuses(record) == dict.fromkeys(RECIPIENTS, "sent")
    again = run_notify(content, faulty.port, record)  # the server is well: nothing resent
    assert sorted(faults.received) == sorted(RECIPIENTS)
    assert again.exit_code == (1 if step == "body" else 0), again.output


def test_an_unknown_message_is_settled_by_the_operator(make_content, faulty, tmp_path):
    content, record = make_content({PATH: invitation()}), tmp_path / "record.json"
    faulty.faults.left["body"] = 1
    assert run_notify(content, faulty.port, record).exit_code == 1
    (lost,) = [r for r, s in statuses(record).items() if s == "unknown"]
    dry = run_notify(content, faulty.port, record, "--dry-run")
    assert dry.exit_code == 1 and f"→ {lost}" in dry.output and "sẽ gửi 0 thư" in dry.output
    resent = run_notify(content, faulty.port, record, "--unknown", "resend")
    assert resent.exit_code == 0, resent.output
    assert faulty.faults.received.count(lost) == 2  # the operator asked for it
    assert statuses(record) == dict.fromkeys(RECIPIENTS, "sent")


def test_an_unknown_message_confirmed_delivered(make_content, faulty, tmp_path):
    content, record = make_content({PATH: invitation()}), tmp_path / "record.json"
    faulty.faults.left["body"] = 1
    assert run_notify(content, faulty.port, record).exit_code == 1
    # The operator settles it from a machine without the mail server's secrets.
    confirmed = run_notify(
        content, faulty.port, record, "--unknown", "delivered", env={"PORTAL_SMTP_HOST": None}
    )
    assert confirmed.exit_code == 0, confirmed.output
    assert "Ghi nhận đã tới (confirmed delivered)" in confirmed.output
    assert len(faulty.faults.received) == 3
    assert statuses(record) == dict.fromkeys(RECIPIENTS, "sent")
    assert run_notify(content, faulty.port, record).exit_code == 0
    assert len(faulty.faults.received) == 3


@pytest.mark.parametrize("step", ["connect", "EHLO"])
def test_a_server_that_always_drops_before_mail_stops_the_run(step, make_content, faulty, tmp_path):
    content, record = make_content({PATH: invitation()}), tmp_path / "record.json"
    faulty.faults.left[step] = 10**6
    result = run_notify(content, faulty.port, record)
    assert result.exit_code == 1
    assert "không nhận thư sau 2 lần thử" in result.output
    assert "3 thư chưa gửi" in result.output
    assert faulty.faults.received == [] and not record.exists()


def test_one_recipient_whose_transaction_always_breaks_does_not_block_the_others(
    make_content, faulty, tmp_path
):
    content, record = make_content({PATH: invitation()}), tmp_path / "record.json"
    faulty.faults.left["RCPT"] = 2  # both attempts of the first message
    result = run_notify(content, faulty.port, record)
    assert result.exit_code == 1
    assert "Không gửi được (failed)" in result.output
    assert len(faulty.faults.received) == 2 and len(statuses(record)) == 2
    again = run_notify(content, faulty.port, record)  # the next run sends only that one
    assert again.exit_code == 0, again.output
    assert sorted(faulty.faults.received) == sorted(RECIPIENTS)


@pytest.mark.slow
def test_random_drops_never_duplicate(make_content, faulty, tmp_path):
    """Seeded: 12 invitations × 3 recipients, every step dropping at 15 %, runs until nothing
    is due. Every message is taken in at most once unless the operator resends it."""
    seed = 20261207
    files = {
        f"huyen/invitations/hop-{n}.md": invitation(number=f'"{n}/GM-UBND"', title=f'"Họp {n}"')
        for n in range(1, 13)
    }
    content, record = make_content(files), tmp_path / "record.json"
    faults = faulty.faults
    faults.random, faults.rate = random.Random(seed), 0.15
    runs = 0
    while runs < 40:
        runs += 1
        result = run_notify(content, faulty.port, record)
        if "sẽ gửi 0 thư" in run_notify(content, faulty.port, record, "--dry-run").output:
            break
        assert result.exception is None or isinstance(result.exception, SystemExit)
    rows = json.loads(record.read_text(encoding="utf-8"))["sent"]
    per_message: dict[tuple[str, str], int] = {}
    for row in rows:
        per_message[(row["uid"], row["recipient"])] = row.get("status", "sent")
    unknown = sum(1 for s in per_message.values() if s == "unknown")
    print(
        f"seed {seed}: {runs} runs, {len(faults.received)} taken in for {len(per_message)} "
        f"messages, {unknown} unknown, drops {faults.dropped}"
    )
    assert len(per_message) == 36
    assert len(faults.received) == 36  # each message taken in exactly once


def test_a_server_that_always_drops_at_mail_stops_after_three_messages(
    make_content, faulty, tmp_path
):
    files = {
        PATH: invitation(),
        "huyen/invitations/hop-6.md": invitation(number='"6/GM-UBND"', title='"Họp lần hai"'),
    }
    content, record = make_content(files), tmp_path / "record.json"
    faulty.faults.left["MAIL"] = 10**6
    result = run_notify(content, faulty.port, record)
    assert result.exit_code == 1
    assert result.output.count("Không gửi được (failed)") == 2 * 3  # live, then in the summary
    assert "3 thư liên tiếp không gửi được" in result.output
    assert "6 thư chưa gửi" in result.output  # 3 failed + 3 never tried
    assert faulty.faults.dropped["MAIL"] == 3 * 2  # two attempts each, then the run stopped
    assert faulty.faults.received == [] and not record.exists()
