"""The demo portal and the project's own git history: the demo is built at DEMO_NOW, before
every commit of this repository, so its pages must not depend on that history (full clone,
shallow CI clone or a copy outside git alike)."""

from __future__ import annotations

from portal.catalog.tree import history_notices, scan
from portal.errors import ErrorReport
from support import DEMO_CONTENT, DEMO_NOW


def test_demo_pages_show_front_matter_dates_only():
    report = ErrorReport()
    _, catalogs = scan(DEMO_CONTENT, DEMO_NOW, report, history=True)
    assert not report
    items = [item for catalog in catalogs.values() for item in catalog.items]
    assert items
    assert len(history_notices(catalogs)) <= 1  # a shallow clone: one notice, no failure
    shown = [
        (item.relpath, item.updated, item.update_log)
        for item in items
        if item.updated != item.meta.get("modified") or item.update_log
    ]
    assert not shown, shown[:5]
