"""Changes: what a pull request does to the published portal, judged against its base.

No Pelican signals, no settings of its own (``PORTAL_MAX_ATTACHMENT_MB`` is passed in). The base
is the merge-base of a ref (``origin/main``) and HEAD, read from git with GitPython into a
temporary folder and scanned by the same catalog as the head, at the same moment.

- ``portal check --base REF``: the change-note and takedown rules (``notes``)
- ``portal changes --base REF``: pages added, changed, removed; Markdown or JSON (``summary``)
- ``portal schedule``: upcoming publications and expiries (``schedule``)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from portal.catalog import SiteCatalog
from portal.changes.base import BaseError
from portal.changes.diff import compare
from portal.changes.notes import check_notes
from portal.changes.schedule import upcoming
from portal.changes.snapshot import from_scan, read_base
from portal.changes.summary import Summary, summarize
from portal.errors import ErrorReport
from portal.sites import Site


def check_against_base(
    content_dir: Path,
    ref: str,
    now: dt.datetime,
    sites: list[Site],
    catalogs: dict[str, SiteCatalog],
    report: ErrorReport,
    site_ids: list[str] | None = None,
    max_mb: int = 20,
) -> None:
    """Add the change-note and takedown errors of the head (already scanned into ``catalogs``)
    against the base of ``ref`` to ``report``; raises BaseError when the base cannot be read."""
    _, base = read_base(content_dir, ref, now, max_mb)
    head = from_scan(content_dir, sites, catalogs)
    chosen = set(site_ids) if site_ids else None
    check_notes(compare(base, head, chosen), content_dir, report)


__all__ = ["BaseError", "Summary", "check_against_base", "summarize", "upcoming"]
