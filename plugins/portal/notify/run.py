"""One notify run: read the content as the build does, work out what is due, and send it,
recording each accepted message before the next one is sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from portal import build as builder
from portal.catalog import SiteCatalog
from portal.errors import ContentErrors, ErrorReport
from portal.frontmatter.fields import TIMEZONE
from portal.notify.message import compose, subject
from portal.notify.plan import Outgoing, Plan, due
from portal.notify.record import FileStore, GitBranchStore, Record, RecordError
from portal.notify.smtp import Refused, Sender, SmtpSettings, Unavailable

Say = Callable[[str], None]
Store = FileStore | GitBranchStore


@dataclass
class Outcome:
    plan: Plan
    sent: list[Outgoing] = field(default_factory=list)
    refused: list[tuple[Outgoing, Refused]] = field(default_factory=list)
    unsent: list[Outgoing] = field(default_factory=list)  # left when the run stopped
    error: str = ""  # why the run stopped early (Vietnamese and English)

    @property
    def ok(self) -> bool:
        return not (self.refused or self.unsent or self.error or self.plan.problems)


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
    _, catalogs = builder.scan(content_dir, now, report, site_ids, max_mb)
    if report:
        raise ContentErrors(report)
    return catalogs


def plan(
    content_dir: Path,
    now: dt.datetime,
    store: Store | None,
    site_ids: list[str] | None = None,
    max_mb: int = 20,
) -> Plan:
    """What is due (for ``--dry-run``; nothing is written). Raises ContentErrors on any
    content error, RecordError when the record cannot be read."""
    catalogs = _catalogs(content_dir, now, site_ids, max_mb)
    return due(catalogs, now, store.load() if store is not None else Record(), site_ids)


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
) -> Outcome:
    """Send what is due; each accepted message is recorded (and the record saved) before the
    next is sent. A refused recipient is reported and left unrecorded; a server that cannot
    be reached stops the run with nothing more recorded."""
    catalogs = _catalogs(content_dir, now, site_ids, max_mb)
    store_record = store.load()
    outcome = Outcome(due(catalogs, now, store_record, site_ids))
    sender = Sender(settings, attempts=attempts, delay=delay)
    pending = list(outcome.plan.outgoing)
    try:
        while pending:
            out = pending[0]
            message = compose(out, settings.from_name, settings.from_address, clock())
            try:
                sender.send(message, out.recipient)
            except Refused as exc:
                pending.pop(0)
                outcome.refused.append((out, exc))
                say(f"Bị từ chối (refused): {describe(out)}: {exc.code} {exc.reason}")
                continue
            except Unavailable as exc:
                outcome.error = f"{exc.message} ({exc.english})"
                break
            pending.pop(0)
            store_record.add(
                {
                    "uid": out.uid,
                    "sequence": out.sequence,
                    "recipient": out.recipient,
                    "method": out.method,
                    "site": out.site.id,
                    "number": out.number,
                    "sent_at": clock().isoformat(timespec="seconds"),
                }
            )
            outcome.sent.append(out)
            say(f"Đã gửi (sent): {describe(out)}")
            try:
                store.save(store_record)
            except RecordError as exc:
                outcome.error = (
                    f"thư vừa gửi tới {out.recipient} chưa được ghi vào sổ nên có thể bị gửi "
                    f"lại: {exc.message} (the message just sent could not be recorded and may "
                    f"be sent again: {exc.english})"
                )
                break
    finally:
        sender.close()
    outcome.unsent = pending
    return outcome
