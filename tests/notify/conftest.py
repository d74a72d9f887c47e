"""Fixtures of the e-mail tests: a real SMTP server on loopback (aiosmtpd) and the notify
command run against it."""

from __future__ import annotations

import email
import socket
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from portal.cli import main

FROM = "Cổng thông tin huyện <cong@huyen.example>"
NOW = "2026-11-22 12:00"  # support.DEMO_NOW


class Mailbox:
    """An aiosmtpd handler that keeps every accepted message, refuses the addresses in
    ``refuse`` and defers (451) each address in ``defer`` that many times."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], EmailMessage]] = []
        self.raw: list[bytes] = []  # each message as it came over the wire
        self.refuse: set[str] = set()
        self.defer: dict[str, int] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox"
        if self.defer.get(address.lower(), 0) > 0:
            self.defer[address.lower()] -= 1
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.raw.append(envelope.original_content or envelope.content)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for _, rcpts, m in self.received if rcpts == [address]]


class LoopbackController(Controller):
    """aiosmtpd's threaded controller on a port chosen by the system (port 0)."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture
def smtp_server():
    """A running SMTP server on 127.0.0.1; ``.handler`` is its Mailbox, ``.port`` its port."""
    controller = LoopbackController(Mailbox(), hostname="127.0.0.1", port=0)
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture(params=[False, True], ids=["plain", "smtputf8"])
def any_server(request):
    """A loopback SMTP server without, then with, SMTPUTF8."""
    controller = LoopbackController(
        Mailbox(), hostname="127.0.0.1", port=0, enable_SMTPUTF8=request.param
    )
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def notify(tmp_path):
    """Factory: run ``portal notify`` on a content folder against an SMTP port, with short
    retries; returns click's Result."""

    def run(content: Path, port: int, *args: str, env: dict | None = None):
        environment = {
            "PORTAL_SMTP_HOST": "127.0.0.1",
            "PORTAL_SMTP_PORT": str(port),
            "PORTAL_SMTP_SECURITY": "none",
            "PORTAL_SMTP_FROM": FROM,
            "PORTAL_SMTP_USER": None,
            "PORTAL_SMTP_PASSWORD": None,
            **(env or {}),
        }
        return CliRunner().invoke(
            main,
            [
                "notify",
                "--content",
                str(content),
                "--now",
                NOW,
                "--attempts",
                "2",
                "--retry-delay",
                "0",
                *args,
            ],
            env=environment,
        )

    return run
