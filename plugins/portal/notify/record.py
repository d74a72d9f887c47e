"""The record of invitation e-mails sent: what makes sending idempotent.

One entry per message accepted by the SMTP server, keyed by ``(uid, sequence, recipient)`` and
never deleted, so re-runs, redeploys and rollbacks (an older commit has an older or equal
SEQUENCE, already recorded) send nothing twice. An entry with ``"status": "unknown"`` is a
message whose connection broke after its body was sent and before the server's answer: it may
have been delivered, so it is never sent again by itself; it waits for the operator to confirm
it (``portal notify --unknown delivered``) or to ask for it again (``--unknown resend``, which
replaces it with a plain entry once accepted). A plain entry always wins over an unknown one.

The record is a small JSON document kept either in a file (``FileStore``) or on a dedicated
branch of the repository (``GitBranchStore``), so that a fresh CI checkout can read it. Both
stores write after every accepted (or perhaps delivered) message.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 1
UNKNOWN = "unknown"  # the ``status`` of a message perhaps delivered; plain entries have none
RECORD_FILE = "notify-record.json"
PUSH_ATTEMPTS = 4
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "portal notify",
    "GIT_AUTHOR_EMAIL": "portal-notify@localhost",
    "GIT_COMMITTER_NAME": "portal notify",
    "GIT_COMMITTER_EMAIL": "portal-notify@localhost",
}


class RecordError(Exception):
    """The record cannot be read or written: Vietnamese message and English twin."""

    def __init__(self, message: str, english: str):
        super().__init__(f"{message} ({english})")
        self.message = message
        self.english = english


Key = tuple[str, int, str]


@dataclass
class Record:
    """Entries ``{uid, sequence, recipient, method, site, number, sent_at}``."""

    entries: dict[Key, dict[str, Any]] = field(default_factory=dict)

    @staticmethod
    def key(uid: str, sequence: int, recipient: str) -> Key:
        return uid, int(sequence), recipient.lower()

    def has(self, uid: str, sequence: int, recipient: str) -> bool:
        return self.key(uid, sequence, recipient) in self.entries

    def sent_before(self, uid: str, recipient: str, other_than: int | None = None) -> bool:
        """Whether any version of this event (but ``other_than``) went, or perhaps went, to
        this recipient."""
        recipient = recipient.lower()
        return any(k[0] == uid and k[2] == recipient and k[1] != other_than for k in self.entries)

    def is_unknown(self, uid: str, sequence: int, recipient: str) -> bool:
        """Whether this message is recorded as perhaps delivered (not confirmed)."""
        entry = self.entries.get(self.key(uid, sequence, recipient))
        return entry is not None and entry.get("status") == UNKNOWN

    def unknown(self) -> list[dict[str, Any]]:
        """The entries perhaps delivered, in key order."""
        return [self.entries[k] for k in sorted(self.entries) if self.is_unknown(*k)]

    def add(self, entry: dict[str, Any]) -> None:
        """Record a message; a message already recorded keeps its entry, except that a plain
        (delivered) entry replaces an unknown one."""
        key = self.key(entry["uid"], entry["sequence"], entry["recipient"])
        entry = {**entry, "recipient": key[2]}
        if entry.get("status") is None:
            entry.pop("status", None)
        if key not in self.entries or (self.is_unknown(*key) and "status" not in entry):
            self.entries[key] = entry

    def confirm(self, uid: str, sequence: int, recipient: str, when: str) -> None:
        """The operator says an unknown message was delivered: it becomes a plain entry."""
        key = self.key(uid, sequence, recipient)
        entry = {k: v for k, v in self.entries[key].items() if k != "status"}
        self.entries[key] = {**entry, "confirmed_at": when}

    def merge(self, other: Record) -> None:
        """Union with another copy (a concurrent run): nothing recorded is ever dropped."""
        for entry in other.entries.values():
            self.add(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def to_json(self) -> bytes:
        rows = [self.entries[k] for k in sorted(self.entries)]
        return (
            json.dumps({"format": FORMAT, "sent": rows}, ensure_ascii=False, indent=1) + "\n"
        ).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, where: str) -> Record:
        """Parse a record; anything unexpected is an error, never an empty record (which would
        resend everything)."""
        try:
            document = json.loads(data.decode("utf-8"))
            rows = document["sent"]
            if document.get("format") != FORMAT or not isinstance(rows, list):
                raise ValueError("unknown format")
            record = cls()
            for row in rows:
                if not all(isinstance(row.get(k), str) for k in ("uid", "recipient")):
                    raise ValueError("entry without uid or recipient")
                if row.get("status", UNKNOWN) != UNKNOWN:
                    raise ValueError(f"unknown status {row['status']!r}")
                record.add({**row, "sequence": int(row["sequence"])})
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RecordError(
                f"không đọc được sổ ghi thư đã gửi {where}: {exc}",
                "the record of sent e-mail is unreadable; fix or restore it before sending",
            ) from None
        return record


class FileStore:
    """The record as a JSON file, replaced atomically on every save."""

    def __init__(self, path: Path):
        self.path = path

    def describe(self) -> str:
        return str(self.path)

    def load(self) -> Record:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return Record()
        except OSError as exc:
            raise RecordError(
                f"không đọc được {self.path} ({exc.strerror})", "cannot read the record"
            ) from None
        return Record.from_json(data, str(self.path))

    def save(self, record: Record) -> None:
        temp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
            )
            with os.fdopen(handle, "wb") as out:
                out.write(record.to_json())
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
        except OSError as exc:
            if temp and os.path.exists(temp):
                os.unlink(temp)
            raise RecordError(
                f"không ghi được {self.path} ({exc.strerror})", "cannot write the record"
            ) from None


class GitBranchStore:
    """The record as ``notify-record.json`` on its own branch of the remote repository (no
    shared history with the site): read with ``git fetch`` + ``git show``, written with git
    plumbing (hash-object, mktree, commit-tree, push) without touching the working tree, the
    index or the checked-out branch (the fetched commit is kept under ``refs/portal-notify/``).
    ``remote`` is a remote's name or a URL. A push refused because another run moved the branch is
    merged (union of entries) and pushed again."""

    def __init__(self, repo: Path, branch: str, remote: str = "origin"):
        self.repo = repo
        self.branch = branch
        self.remote = remote
        # A ref of our own, not refs/remotes/…: ``remote`` may be a URL (a token URL in CI).
        self.tracking = f"refs/portal-notify/{branch}"
        self.head: str | None = None  # the branch's commit as last fetched or pushed

    def describe(self) -> str:
        return f"{self.remote}/{self.branch}:{RECORD_FILE}"

    def _git(self, *args: str, data: bytes | None = None, check: bool = True):
        env = {**GIT_IDENTITY, **os.environ, "GIT_TERMINAL_PROMPT": "0"}
        try:
            done = subprocess.run(
                ["git", "-C", str(self.repo), *args],
                input=data,
                capture_output=True,
                env=env,
                check=False,
            )
        except OSError as exc:
            raise RecordError(f"không chạy được git ({exc})", "cannot run git") from None
        if check and done.returncode != 0:
            raise RecordError(
                f"git {args[0]} thất bại: {done.stderr.decode(errors='replace').strip()}",
                f"git {args[0]} failed while reading or writing the record",
            )
        return done

    def _fetch(self) -> str | None:
        """The remote branch's commit (fetched), or None when the branch does not exist yet."""
        found = self._git(
            "ls-remote", "--exit-code", self.remote, f"refs/heads/{self.branch}", check=False
        )
        if found.returncode == 2:
            return None
        if found.returncode != 0:
            raise RecordError(
                f"không đọc được nhánh {self.branch} từ {self.remote}: "
                f"{found.stderr.decode(errors='replace').strip()}",
                "cannot reach the remote holding the record",
            )
        self._git("fetch", "--quiet", "--no-tags", self.remote, f"+{self.branch}:{self.tracking}")
        return self._git("rev-parse", "--verify", self.tracking).stdout.decode().strip()

    def _read(self, commit: str | None) -> Record:
        if commit is None:
            return Record()
        shown = self._git("show", f"{commit}:{RECORD_FILE}", check=False)
        if shown.returncode != 0:
            raise RecordError(
                f"nhánh {self.branch} không có tệp {RECORD_FILE}",
                "the record branch holds no record file",
            )
        return Record.from_json(shown.stdout, self.describe())

    def load(self) -> Record:
        self.head = self._fetch()
        return self._read(self.head)

    def save(self, record: Record) -> None:
        for _attempt in range(PUSH_ATTEMPTS):
            blob = self._git("hash-object", "-w", "--stdin", data=record.to_json())
            tree = self._git(
                "mktree",
                data=f"100644 blob {blob.stdout.decode().strip()}\t{RECORD_FILE}\n".encode(),
            )
            parents = ["-p", self.head] if self.head else []
            commit = self._git(
                "commit-tree",
                tree.stdout.decode().strip(),
                *parents,
                "-m",
                f"portal notify: {len(record)} thư đã gửi",
            )
            sha = commit.stdout.decode().strip()
            pushed = self._git(
                "push", "--quiet", self.remote, f"{sha}:refs/heads/{self.branch}", check=False
            )
            if pushed.returncode == 0:
                self._git("update-ref", self.tracking, sha)
                self.head = sha
                return
            # Someone else moved the branch: take their entries too, then try again.
            self.head = self._fetch()
            record.merge(self._read(self.head))
        raise RecordError(
            f"không đẩy được sổ ghi lên {self.remote}/{self.branch}: "
            f"{pushed.stderr.decode(errors='replace').strip()}",
            "cannot push the record branch",
        )
