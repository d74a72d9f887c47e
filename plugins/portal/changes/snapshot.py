"""One side of a comparison: a content folder's sites and items as the catalog reads them at a
given moment, with the git blob hash of every file (so text and attachments compare by hash).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from portal.catalog import Item, SiteCatalog
from portal.changes.base import Base, checkout_base, working_files
from portal.errors import ErrorReport
from portal.sites import Site


@dataclass
class Snapshot:
    """Items by their path inside the content folder (``<site>/<type>/<file>.md``)."""

    root: str  # real path of the folder that was read
    sites: dict[str, Site]
    items: dict[str, Item]
    files: dict[str, str]  # content-relative path → blob sha
    report: ErrorReport = field(default_factory=ErrorReport)

    def text(self, item: Item) -> str:
        """The blob hash of an item's Markdown file."""
        return self.files.get(path_of(item), "")

    def attachments(self, item: Item) -> dict[str, str]:
        """An item's attachments: content-relative path → blob hash."""
        found: dict[str, str] = {}
        for attachment in item.all_attachments:
            rel = Path(os.path.relpath(attachment.source, self.root)).as_posix()
            found[rel] = self.files.get(rel, "")
        return found

    def used_files(self) -> set[str]:
        """Every file some item is written from or attaches."""
        used = set(self.items)
        for item in self.items.values():
            used |= set(self.attachments(item))
        return used


def path_of(item: Item) -> str:
    """An item's path inside the content folder."""
    return f"{item.site}/{item.relpath}"


def from_scan(
    content_dir: Path,
    sites: list[Site],
    catalogs: dict[str, SiteCatalog],
    report: ErrorReport | None = None,
) -> Snapshot:
    """A snapshot of what ``portal.catalog.tree.scan`` read from ``content_dir``."""
    items = {path_of(i): i for catalog in catalogs.values() for i in catalog.items}
    return Snapshot(
        os.path.realpath(content_dir),
        {s.id: s for s in sites},
        items,
        working_files(content_dir),
        report or ErrorReport(),
    )


def read(content_dir: Path, now: dt.datetime, max_mb: int = 20) -> Snapshot:
    """Scan every site of ``content_dir`` at ``now`` (errors kept on the snapshot's report)."""
    from portal.catalog.tree import scan

    report = ErrorReport()
    sites, catalogs = scan(content_dir, now, report, None, max_mb)
    return from_scan(content_dir, sites, catalogs, report)


def read_base(
    content_dir: Path, ref: str, now: dt.datetime, max_mb: int = 20
) -> tuple[Base, Snapshot]:
    """The merge-base's content, read at the same ``now`` as the head (its errors are kept on
    the snapshot's report, not raised: the base was accepted by the rules of its day). The
    temporary copy is gone on return; the snapshot holds plain values only."""
    with checkout_base(content_dir, ref) as (base, folder):
        snapshot = read(folder, now, max_mb)
        snapshot.files = dict(base.files)  # git's own hashes (the same as working_files')
    return base, snapshot
