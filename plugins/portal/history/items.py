"""From a file's changes to what its page and the tally show: when it was created and published,
who wrote it, when it was last updated and its public update history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from portal.history.model import Change, FileLog, ItemHistory, Person, Update


def _people(changes: Iterable[Change]) -> tuple[Person, ...]:
    return tuple(dict.fromkeys(person for change in changes for person in change.authors))


def item_history(log: FileLog, meta: dict[str, Any], now: dt.datetime) -> ItemHistory | None:
    """The history of an item with front matter ``meta`` as seen at ``now`` (later changes are
    ignored, as a build at ``now`` would not know them); None when nothing is left.

    - Published: the later of the front matter's ``date`` and the first change in which the file
      was not a draft. Changes up to that moment are the item's preparation, not updates.
    - Update history: the changes after publication in which ``change_note`` took a new,
      non-empty value, each with its date and note.
    - Last update: the latest change after publication that changed the file's content and was
      not marked ``minor: true`` (a change that brings a new note is never minor).
    """
    changes = tuple(change for change in log.changes if change.date <= now)
    if not changes:
        return None
    published: dt.datetime | None = None
    last_update: dt.datetime | None = None
    updates: list[Update] = []
    first = next(
        (i for i, c in enumerate(changes) if not (c.version and c.version.draft)),
        None,
    )
    if first is not None:
        published = changes[first].date
        date = meta.get("date")
        if isinstance(date, dt.datetime) and date > published:
            published = date
        previous = changes[first].version.note if changes[first].version else ""
        for change in changes[first + 1 :]:
            version = change.version
            note = version.note if version else ""
            noted = bool(note) and note != previous
            previous = note
            if change.date <= published:
                continue
            if noted:
                updates.append(Update(change.date, note, change.sha))
            if not change.same_content and (noted or not (version and version.minor)):
                last_update = change.date
    return ItemHistory(
        created=changes[0].date,
        last_commit=changes[-1].date,
        authors=_people(changes),
        creators=changes[0].authors,
        changes=changes,
        published=published,
        last_update=last_update,
        updates=tuple(updates),
    )


def attach(files: dict[str, FileLog], catalogs: dict[str, Any], now: dt.datetime) -> int:
    """Set ``item.history`` on every item of ``catalogs`` (None without git history); returns
    how many items have one."""
    found = 0
    for catalog in catalogs.values():
        for item in catalog.items:
            log = files.get(item.source)
            item.history = item_history(log, item.meta, now) if log else None
            found += item.history is not None
    return found
