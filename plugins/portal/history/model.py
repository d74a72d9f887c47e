"""What the history pass produces: plain, frozen, picklable values (Pelican may cache items)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


class Person(NamedTuple):
    """A git author."""

    name: str
    email: str


@dataclass(frozen=True)
class Version:
    """What the history needs from the file's front matter as it was at one change (read from
    the blob only for files changed more than once)."""

    draft: bool = False
    minor: bool = False
    note: str = ""  # ``change_note``, trimmed


@dataclass(frozen=True)
class Change:
    """One change of one file on the first-parent line of HEAD (a merge counts once)."""

    sha: str
    date: dt.datetime  # committer date, Asia/Ho_Chi_Minh: when it reached the branch
    subject: str
    authors: tuple[Person, ...]  # a merge: the authors of the merged commits touching the file
    status: str  # A (added), M (modified), R (renamed), T (type changed)
    blob: str  # the file's blob at this change
    same_content: bool = False  # a pure rename: the blob did not change
    version: Version | None = None


@dataclass(frozen=True)
class FileLog:
    """Every change of one content file, oldest first, under its current path."""

    path: str  # absolute
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Update:
    """One public entry of an item's update history."""

    date: dt.datetime
    note: str
    sha: str = ""  # empty for the front matter's own (not yet committed) note


@dataclass(frozen=True)
class ItemHistory:
    """An item's history as the pages and the tally use it."""

    created: dt.datetime  # first change (the file keeps it across renames)
    last_commit: dt.datetime  # latest change
    authors: tuple[Person, ...]  # everyone who changed it, in order of first change
    creators: tuple[Person, ...]  # who created it (the authors of its first change)
    changes: tuple[Change, ...]  # oldest first
    published: dt.datetime | None = None  # max(date, first non-draft change); None: never
    last_update: dt.datetime | None = None  # last non-minor change after publication
    updates: tuple[Update, ...] = field(default_factory=tuple)  # oldest first
