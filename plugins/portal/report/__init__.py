"""The monthly tally for the editors: per site, per unit and per contributor, the items
published in a month by type, against the previous month (``portal report``; rules in
``portal.report.tally``). Text, CSV, JSON and a self-contained HTML file with bar charts as
static SVG; optionally a page inside each built site.

Signals: ``get_generators`` (``ReportGenerator``; loaded by the build only when
``PORTAL_REPORT_PUBLIC`` is True). Settings read: ``PORTAL_REPORT_PUBLIC`` (default False),
``PORTAL_NOW``, ``PORTAL_SITE``, ``PORTAL_CATALOG``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pelican import signals

from portal.errors import ContentErrors, ErrorReport
from portal.report.output import as_csv, as_data, as_json, as_text
from portal.report.page import REPORT_URL, ReportGenerator, render_file
from portal.report.tally import Month, Quarter, Row, SiteTally, Tally, Year, tally

__all__ = [
    "REPORT_URL",
    "Month",
    "Quarter",
    "Row",
    "SiteTally",
    "Tally",
    "Year",
    "as_csv",
    "as_data",
    "as_json",
    "as_text",
    "render_file",
    "run",
    "tally",
]


def run(
    content_dir: Path,
    month: Month | Quarter | Year,
    now: dt.datetime,
    site_ids: list[str] | None = None,
    max_mb: int = 20,
    ratings_dir: Path | None = None,
) -> tuple[Tally, list[str]]:
    """Scan the content with its git history and tally ``month`` (or a quarter, a year) for
    the sites (every site, or ``site_ids``), with the Q&A figures of ``ratings_dir``'s files
    (``portal forms export``); returns the tally and the history notices. Raises
    ContentErrors (a broken ratings file too)."""
    from portal.catalog.tree import history_notices, scan
    from portal.forms.ratings import load_all

    report = ErrorReport()
    _, catalogs = scan(content_dir, now, report, site_ids, max_mb, history=True)
    if report:
        raise ContentErrors(report)
    ratings = load_all(ratings_dir, catalogs)[0] if ratings_dir is not None else None
    return tally(catalogs, month, now, site_ids, ratings), history_notices(catalogs)


def get_generators(_pelican):
    return ReportGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
