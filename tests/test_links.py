"""Every internal link of the built demo resolves: pages, images (srcset included), scripts,
stylesheets, attachments, feeds and calendars, across sites, and every same-page fragment names
an element of that page. The check is the deploy gate's own (portal.deploy.gate)."""

from __future__ import annotations

from portal.deploy.gate import check_links
from portal.errors import ErrorReport


def test_every_internal_link_resolves(demo_output):
    report = ErrorReport()
    checked = check_links(demo_output, {}, report)
    assert checked > 1000  # the demo links a lot: a parser that finds nothing must fail
    assert not report, "\n".join(str(e) for e in report.sorted()[:40])
