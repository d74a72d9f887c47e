"""One notify run: read the content as the build does, work out what is due, and send it one
message at a time, recording each accepted (or perhaps delivered) message before the next one
is sent. One message's failure is reported and the rest still go."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from portal.catalog import SiteCatalog, tree
from portal.errors import ContentErrors, ErrorReport
from portal.frontmatter.fields import TIMEZONE
from portal.notify.message import compose, subject, wire_bytes
from portal.notify.plan import Outgoing, Plan, due
from portal.notify.record import UNKNOWN, FileStore, GitBranchStore, Record, RecordError
from portal.notify.smtp import Ambiguous, Failed, Refused, Sender, SmtpSettings, Unavailable

Say = Callable[[str], None]
STOP_AFTER = 3  # messages in a row whose transaction broke: the server is not working
Store = FileStore | GitBranchStore


@dataclass
class Outcome:
    plan: Plan
    sent: list[Outgoing] = field(default_factory=list)
    refused: list[tuple[Outgoing, Refused]] = field(default_factory=list)
    failed: list[tuple[Outgoing, str]] = field(default_factory=list)  # not sent, not recorded
    unknown: list[Outgoing] = field(default_factory=list)  # perhaps delivered, recorded so
    confirmed: list[dict] = field(default_factory=list)  # unknown entries said delivered
    unsent: list[Outgoing] = field(default_factory=list)  # left when the run stopped
    error: str = ""  # why the run stopped early (Vietnamese and English)

    @property
    def ok(self) -> bool:
        return not (
            self.refused
            or self.failed
            or self.unknown
            or self.plan.waiting
            or self.unsent
            or self.error
            or self.plan.problems
        )


def describe(out: Outgoing) -> str:
    """One line per message, for the dry run and the log."""
    return (
        f"{out.method:<7} {out.site.id}  {out.number}  SEQUENCE {out.sequence}  → "
        f"{out.recipient}  «{subject(out)}»"
    )


def _catalogs(
    content_dir: Path, now: dt.datetime, site_ids: list[str] | None, max_mb: int
) -> dict[str, SiteCatalog]:
    """The same scan as the build; any content error stops the run before anything is sent."""
    report = ErrorReport()
    _, catalogs = tree.scan(content_dir, now, report, site_ids, max_mb)
    if report:
        raise ContentErrors(report)
    return catalogs


def plan(
    content_dir: Path,
    now: dt.datetime,
    store: Store | None,
    site_ids: list[str] | None = None,
    max_mb: int = 20,
    resend_unknown: bool = False,
) -> Plan:
    """What is due (for ``--dry-run``; nothing is written). Raises ContentErrors on any
    content error, RecordError when the record cannot be read."""
    catalogs = _catalogs(content_dir, now, site_ids, max_mb)
    record = store.load() if store is not None else Record()
    return due(catalogs, now, record, site_ids, resend_unknown)


def confirm_unknown(store: Store, when: dt.datetime) -> list[dict]:
    """Mark every message recorded as unknown as delivered (the operator checked); the entries
    confirmed. Raises RecordError."""
    record = store.load()
    waiting = record.unknown()
    for entry in waiting:
        record.confirm(
            entry["uid"], entry["sequence"], entry["recipient"], when.isoformat(timespec="seconds")
        )
    if waiting:
        store.save(record)
    return waiting


def send(
    content_dir: Path,
    now: dt.datetime,
    store: Store,
    settings: SmtpSettings,
    site_ids: list[str] | None = None,
    max_mb: int = 20,
    attempts: int = 3,
    delay: float = 5.0,
    say: Say = lambda _line: None,
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(TIMEZONE),
    resend_unknown: bool = False,
) -> Outcome:
    """Send what is due, each message on its own: each accepted message is recorded (and the
    record saved) before the next is sent; one that fails (compose error, refused, transaction
    broken) is reported and left unrecorded, so the next run tries it again, and the run goes on;
    one perhaps delivered is recorded as unknown and never sent again by itself. The run stops
    only when the server cannot be reached (or the record cannot be saved), or after
    ``STOP_AFTER`` messages in a row failed: then the rest is left unsent."""
    catalogs = _catalogs(content_dir, now, site_ids, max_mb)
    record = store.load()
    outcome = Outcome(due(catalogs, now, record, site_ids, resend_unknown))
    sender = Sender(settings, attempts=attempts, delay=delay)
    try:
        deliver(outcome, sender, store, record, settings, say, clock)
    finally:
        sender.close()
    return outcome


def deliver(
    outcome: Outcome,
    sender: Sender,
    store: Store,
    record: Record,
    settings: SmtpSettings,
    say: Say = lambda _line: None,
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(TIMEZONE),
) -> None:
    """Send ``outcome.plan.outgoing`` one message at a time, filling ``outcome``."""
    pending = list(outcome.plan.outgoing)
    in_a_row = 0
    while pending:
        if in_a_row >= STOP_AFTER:
            outcome.error = (
                f"{STOP_AFTER} thư liên tiếp không gửi được; dừng để không làm phiền máy chủ "
                f"thư ({STOP_AFTER} messages in a row failed; stopping)"
            )
            break
        out = pending.pop(0)
        try:
            data = wire_bytes(compose(out, settings.from_name, settings.from_address, clock()))
        except Exception as exc:  # one bad message must never stop the others
            outcome.failed.append((out, f"không soạn được thư (cannot compose): {exc}"))
            say(f"Lỗi soạn thư (compose error): {describe(out)}: {exc}")
            continue
        try:
            sender.send(data, out.recipient)
        except Refused as exc:
            outcome.refused.append((out, exc))
            say(f"Bị từ chối (refused): {describe(out)}: {exc.code} {exc.reason}")
            in_a_row = 0  # the server answered: it works
            continue
        except Failed as exc:
            outcome.failed.append((out, f"{exc.message} ({exc.english})"))
            say(f"Không gửi được (failed): {describe(out)}: {exc.message}")
            in_a_row += 1
            continue
        except Unavailable as exc:
            pending.insert(0, out)
            outcome.error = f"{exc.message} ({exc.english})"
            break
        except Ambiguous as exc:
            status = UNKNOWN
            outcome.unknown.append(out)
            say(f"Chưa rõ đã tới chưa (unknown): {describe(out)}: {exc.message}")
        else:
            status = None
            outcome.sent.append(out)
            say(f"Đã gửi (sent): {describe(out)}")
        in_a_row = 0
        record.add(
            {
                "uid": out.uid,
                "sequence": out.sequence,
                "recipient": out.recipient,
                "method": out.method,
                "site": out.site.id,
                "number": out.number,
                "sent_at": clock().isoformat(timespec="seconds"),
                "status": status,
            }
        )
        try:
            store.save(record)
        except RecordError as exc:
            outcome.error = (
                f"thư vừa gửi tới {out.recipient} chưa được ghi vào sổ nên có thể bị gửi "
                f"lại: {exc.message} (the message just sent could not be recorded and may "
                f"be sent again: {exc.english})"
            )
            break
    outcome.unsent = pending
