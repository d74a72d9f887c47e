"""Invitation e-mail: after a deploy, every newly published or changed public invitation whose
meeting has not ended goes to its ``notify`` list (addresses, or group names from sites.yml),
one message per recipient with the meeting's ``.ics`` attached (``portal notify``).

Sending is idempotent: a record keyed by ``(uid, sequence, recipient)`` (``portal.notify.record``,
a JSON file or a data branch of the repository) is written after every accepted message, so
re-runs, redeploys and rollbacks send nothing twice. Each message goes on its own: a refused
address, a compose error or a broken transaction is reported, never recorded, and the rest still
go; an unreachable server stops the run. A message whose connection broke after its body and
before the server's answer is recorded as unknown (at most once) for the operator to settle.
Addresses follow ``portal.mail`` (the check's rule). See docs/calendars-and-email.md.

No Pelican signals (a command, not a plugin). Environment read: ``PORTAL_SMTP_*``
(``portal.notify.smtp``).
"""

from portal.notify.plan import Outgoing, Plan, due, recipients
from portal.notify.record import FileStore, GitBranchStore, Record, RecordError
from portal.notify.run import Outcome, confirm_unknown, describe, plan, send
from portal.notify.smtp import ConfigError, SmtpSettings

__all__ = [
    "ConfigError",
    "FileStore",
    "GitBranchStore",
    "Outcome",
    "Outgoing",
    "Plan",
    "Record",
    "RecordError",
    "SmtpSettings",
    "confirm_unknown",
    "describe",
    "due",
    "plan",
    "recipients",
    "send",
]
