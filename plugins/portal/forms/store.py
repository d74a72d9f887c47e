"""The endpoint's private store: one SQLite file (stdlib ``sqlite3``, WAL, one process).

What it keeps, and what it never keeps:

- ``submissions``: each question or feedback as the public issue it becomes (title, body,
  labels, assignees: no e-mail, no telephone), with its delivery state. A submission is
  written here *before* the reader is answered, so GitHub being down loses nothing: it stays
  ``queued`` and ``due()`` offers it again with a growing delay.
- ``contacts``: e-mail and telephone for the reply, by submission, never in the issue;
  ``purge()`` removes them once the issue is closed and the retention period is over.
- ``ratings``: counts per site, item, Vietnam day and score (1–5). Never an address.
- ``seen``: one row per (reader, item, day) as HMAC-SHA256 under the day's key; the key is
  random, kept for its day only and replaced the next day (old keys and rows deleted), so a
  stored token can never be recomputed or linked to an address afterwards. The raw address is
  never written anywhere.

Every function takes the connection; times are passed in (tests set the clock).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.frontmatter.fields import TIMEZONE

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  site TEXT NOT NULL,
  topic TEXT NOT NULL DEFAULT '',
  received TEXT NOT NULL,           -- ISO 8601, Asia/Ho_Chi_Minh
  issue TEXT NOT NULL,              -- JSON: title, body, labels, assignees (public)
  state TEXT NOT NULL DEFAULT 'queued',   -- queued | delivered | closed
  attempts INTEGER NOT NULL DEFAULT 0,
  next_try REAL NOT NULL DEFAULT 0, -- epoch seconds
  last_error TEXT NOT NULL DEFAULT '',
  issue_number INTEGER,
  issue_url TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS contacts (
  submission INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS ratings (
  site TEXT NOT NULL, item TEXT NOT NULL, url TEXT NOT NULL DEFAULT '',
  day TEXT NOT NULL, score INTEGER NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (site, item, day, score)
);
CREATE TABLE IF NOT EXISTS day_key (day TEXT PRIMARY KEY, key BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS seen (token TEXT PRIMARY KEY, day TEXT NOT NULL);
"""

RETRY_FIRST = 5.0  # seconds before the first retry; doubled each time
RETRY_MAX = 900.0


@dataclass(frozen=True)
class Pending:
    id: int
    reference: str
    kind: str
    site: str
    issue: dict[str, Any]
    attempts: int


class Store:
    """One SQLite file shared by the request handlers and the delivery thread."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self.lock = threading.Lock()
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # -- questions and feedback -------------------------------------------------------------

    def add_submission(
        self,
        kind: str,
        site: str,
        topic: str,
        received: dt.datetime,
        issue: Callable[[str], dict[str, Any]],
        email: str,
        phone: str,
        prefix: str,
    ) -> str:
        """Keep a submission (queued) and its private contact; its reference (``HD-2026-00001``).
        ``issue`` makes the public issue from the reference, inside the same transaction."""
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                year = received.astimezone(TIMEZONE).year
                like = f"{prefix}-{year}-%"
                (n,) = self.db.execute(
                    "SELECT COUNT(*) FROM submissions WHERE reference LIKE ?", (like,)
                ).fetchone()
                reference = f"{prefix}-{year}-{n + 1:05d}"
                cur = self.db.execute(
                    "INSERT INTO submissions (reference, kind, site, topic, received, issue)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        reference,
                        kind,
                        site,
                        topic,
                        received.astimezone(TIMEZONE).isoformat(timespec="seconds"),
                        json.dumps(issue(reference), ensure_ascii=False),
                    ),
                )
                if email or phone:
                    self.db.execute(
                        "INSERT INTO contacts (submission, email, phone) VALUES (?, ?, ?)",
                        (cur.lastrowid, email, phone),
                    )
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return reference

    def due(self, now: float, limit: int = 20) -> list[Pending]:
        """Queued submissions whose next try has come, oldest first."""
        with self.lock:
            rows = self.db.execute(
                "SELECT id, reference, kind, site, issue, attempts FROM submissions"
                " WHERE state = 'queued' AND next_try <= ? ORDER BY id LIMIT ?",
                (now, limit),
            ).fetchall()
        return [Pending(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5]) for r in rows]

    def delivered(self, sid: int, number: int, url: str) -> None:
        with self.lock:
            self.db.execute(
                "UPDATE submissions SET state = 'delivered', issue_number = ?, issue_url = ?,"
                " attempts = attempts + 1, last_error = '' WHERE id = ?",
                (number, url, sid),
            )

    def failed(self, sid: int, now: float, error: str) -> float:
        """Record a failed try; the time of the next one (exponential back-off)."""
        with self.lock:
            (attempts,) = self.db.execute(
                "SELECT attempts FROM submissions WHERE id = ?", (sid,)
            ).fetchone()
            wait = min(RETRY_FIRST * 2**attempts, RETRY_MAX)
            self.db.execute(
                "UPDATE submissions SET attempts = attempts + 1, next_try = ?, last_error = ?"
                " WHERE id = ?",
                (now + wait, error[:500], sid),
            )
        return now + wait

    def retry_now(self) -> None:
        """Make every queued submission due (``portal forms deliver``)."""
        with self.lock:
            self.db.execute("UPDATE submissions SET next_try = 0 WHERE state = 'queued'")

    def submissions(self) -> list[dict[str, Any]]:
        """Every submission without its contact (for the tally and the operator)."""
        with self.lock:
            rows = self.db.execute(
                "SELECT reference, kind, site, topic, received, state, attempts, issue_number,"
                " issue_url, last_error FROM submissions ORDER BY id"
            ).fetchall()
        keys = [
            "reference",
            "kind",
            "site",
            "topic",
            "received",
            "state",
            "attempts",
            "issue_number",
            "issue_url",
            "last_error",
        ]
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def contact(self, reference: str) -> dict[str, str] | None:
        """The reader's e-mail and telephone, for the reply (never published)."""
        with self.lock:
            row = self.db.execute(
                "SELECT c.email, c.phone FROM contacts c JOIN submissions s"
                " ON s.id = c.submission WHERE s.reference = ?",
                (reference,),
            ).fetchone()
        return {"email": row[0], "phone": row[1]} if row else None

    def closed(self, number: int) -> None:
        with self.lock:
            self.db.execute(
                "UPDATE submissions SET state = 'closed' WHERE issue_number = ?", (number,)
            )

    def purge(self, before: dt.datetime) -> int:
        """Forget the contacts of closed submissions received before ``before``; how many."""
        with self.lock:
            cur = self.db.execute(
                "DELETE FROM contacts WHERE submission IN (SELECT id FROM submissions"
                " WHERE state = 'closed' AND received < ?)",
                (before.astimezone(TIMEZONE).isoformat(timespec="seconds"),),
            )
        return cur.rowcount

    # -- ratings ----------------------------------------------------------------------------

    def _day_key(self, day: str) -> bytes:
        """The day's random key; older keys (and the tokens made with them) are deleted."""
        row = self.db.execute("SELECT key FROM day_key WHERE day = ?", (day,)).fetchone()
        if row:
            return row[0]
        key = secrets.token_bytes(32)
        self.db.execute("DELETE FROM day_key WHERE day <> ?", (day,))
        self.db.execute("DELETE FROM seen WHERE day <> ?", (day,))
        self.db.execute("INSERT INTO day_key (day, key) VALUES (?, ?)", (day, key))
        return key

    def rate(
        self, site: str, item: str, url: str, score: int, address: str, when: dt.datetime
    ) -> bool:
        """Count one rating unless this address rated this item today; True when counted."""
        day = when.astimezone(TIMEZONE).date().isoformat()
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                key = self._day_key(day)
                message = "\0".join((address, site, item, day)).encode("utf-8")
                token = hmac.new(key, message, hashlib.sha256).hexdigest()
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO seen (token, day) VALUES (?, ?)", (token, day)
                )
                counted = cur.rowcount == 1
                if counted:
                    self.db.execute(
                        "INSERT INTO ratings (site, item, url, day, score, count)"
                        " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (site, item, day, score)"
                        " DO UPDATE SET count = count + 1, url = excluded.url",
                        (site, item, url, day, score),
                    )
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return counted

    def ratings(self, site: str | None = None) -> list[tuple[str, str, str, str, int, int]]:
        """(site, item, url, day, score, count) rows, sorted."""
        query = "SELECT site, item, url, day, score, count FROM ratings"
        args: tuple = ()
        if site:
            query += " WHERE site = ?"
            args = (site,)
        with self.lock:
            return sorted(self.db.execute(query + " ORDER BY site, item, day, score", args))
