"""Pair the base's items with the head's and say what became of each page.

Pairs, in this order: the same path; then, in the same site, the same URL (a file renamed or
moved, edited or not: the URL comes from the title or ``slug``, not the file name). What is
left is new (head only) or removed (base only). Both sides are read at the same moment, so a
state differs only because the text did.

A text changed when its meaning did (``same_meaning``), not its bytes: the form editor (Sveltia
CMS, portal.cms) saves an item opened and saved untouched in its own YAML (quotes dropped,
``[a, b]`` written as a block list, keys in the form's order, ``false`` written for an unset
yes/no field, a blank line before the body), and that save must not count as a change that
needs a ``change_note``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from portal.catalog import Item
from portal.catalog.publication import PRIVATE, TAKEN_DOWN
from portal.changes.snapshot import Snapshot, path_of

ADDED = "added"  # a page the public can now see
CHANGED = "changed"  # a page (or takedown) whose text, attachments, file or URL changed
REMOVED = "removed"  # a page or takedown rule that disappears without a takedown
STATE = "state"  # public ⇄ withdrawn, gone, redirected
SCHEDULED = "scheduled"  # will go live later
NO_PAGE = "no_page"  # a draft or expired item whose file changed: nothing public changes
ACTIONS = (ADDED, CHANGED, REMOVED, STATE, SCHEDULED, NO_PAGE)


@dataclass
class Change:
    """One item on either side, and what changed about it."""

    before: Item | None
    after: Item | None
    text_changed: bool = False
    files_changed: bool = False
    moved: bool = False
    unreadable: bool = False  # no item at the head, yet its file is still there (an error)
    action: str | None = None  # None: nothing a reader or an editor needs to see

    @property
    def item(self) -> Item:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def site(self) -> str:
        return self.item.site

    @property
    def content_changed(self) -> bool:
        return self.text_changed or self.files_changed

    @property
    def url_changed(self) -> bool:
        return bool(self.before and self.after and self.before.url != self.after.url)


# Values that mean "not set": the form editor writes an unset yes/no field as ``false`` and
# leaves out empty ones.
_UNSET = (None, False, "", [], {})


def _meaning(item: Item) -> tuple[dict, str]:
    meta = {key: value for key, value in item.meta.items() if value not in _UNSET}
    return meta, item.html


def same_meaning(before: Item, after: Item) -> bool:
    """Whether two versions of an item say the same: the same converted front-matter values
    (whatever the YAML quoting, list style or key order; an unset field as absent) and the
    same body once rendered."""
    return _meaning(before) == _meaning(after)


def pair(base: Snapshot, head: Snapshot) -> list[tuple[Item | None, Item | None]]:
    """Every item of either side, matched with its counterpart when it has one."""
    left, right = dict(base.items), dict(head.items)
    pairs: list[tuple[Item | None, Item | None]] = []
    for path in sorted(set(left) & set(right)):
        pairs.append((left.pop(path), right.pop(path)))
    by_url = {(i.site, i.url): p for p, i in sorted(right.items()) if i.slug}
    for path in sorted(left):
        other = by_url.pop((left[path].site, left[path].url), None) if left[path].slug else None
        if other is not None:
            pairs.append((left.pop(path), right.pop(other)))
    pairs += [(left[p], None) for p in sorted(left)]
    pairs += [(None, right[p]) for p in sorted(right)]
    return pairs


def _files(snapshot: Snapshot, item: Item) -> list[tuple[str, str]]:
    """(published name, blob hash) of each attachment."""
    return sorted(
        (a.name, snapshot.files.get(Path(os.path.relpath(a.source, snapshot.root)).as_posix(), ""))
        for a in item.all_attachments
    )


def _action(change: Change) -> str | None:
    before, after = change.before, change.after
    touched = change.content_changed or change.moved
    if before is None or before.state in PRIVATE:  # nothing public before
        if after is None:
            return NO_PAGE  # a draft (or expired item) deleted
        if after.state == "public":
            return ADDED
        if after.state == "scheduled":
            unchanged = before is not None and before.state == "scheduled" and not touched
            return None if unchanged else SCHEDULED
        if after.state in TAKEN_DOWN:
            return STATE
        same = before is not None and before.state == after.state and not touched
        return None if same else NO_PAGE
    if change.unreadable:
        return CHANGED  # the check says why; nothing is built until it is fixed
    if after is None or after.state in PRIVATE:
        return REMOVED
    if after.state != before.state:
        return STATE
    return CHANGED if touched or change.url_changed else None


def compare(base: Snapshot, head: Snapshot, sites: set[str] | None = None) -> list[Change]:
    """Every pair (of the given sites), with what changed and the action it amounts to."""
    changes = []
    for before, after in pair(base, head):
        change = Change(before, after)
        if sites is not None and change.site not in sites:
            continue
        if before is not None and after is not None:
            change.text_changed = base.text(before) != head.text(after) and not same_meaning(
                before, after
            )
            change.files_changed = _files(base, before) != _files(head, after)
            change.moved = path_of(before) != path_of(after)
        elif before is not None:
            change.unreadable = path_of(before) in head.files
        change.action = _action(change)
        changes.append(change)
    return changes


def other_files(base: Snapshot, head: Snapshot) -> list[tuple[str, str]]:
    """Files added, modified or removed that are no item's text or attachment on either side
    (``sites.yml``, a stray file): (content-relative path, ``added|modified|removed``)."""
    used = base.used_files() | head.used_files()
    found = []
    for path in sorted(set(base.files) | set(head.files)):
        if path in used or base.files.get(path) == head.files.get(path):
            continue
        if path not in base.files:
            found.append((path, "added"))
        elif path not in head.files:
            found.append((path, "removed"))
        else:
            found.append((path, "modified"))
    return found
