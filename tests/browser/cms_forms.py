"""Helpers shared by the form editor's browser tests (test_cms_editor.py, test_cms_workflow.py):
the demo's sites, the admin page served with the admin zone's headers (``serve_admin``), and a
form's fields by their front-matter key (``field``, ``choose``, ``save``)."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from portal.errors import ErrorReport
from portal.headers.policy import SitePolicy, common_headers, zone_headers, zone_of
from portal.sites import load_sites
from support import DEMO_CONTENT


def demo_sites():
    report = ErrorReport()
    sites = load_sites(DEMO_CONTENT, report)
    assert not report
    return sites


ADMIN_POLICY = SitePolicy(admin=True)


def serve_admin(root: Path, policy: SitePolicy = ADMIN_POLICY):

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def end_headers(self) -> None:
            zone = zone_of(self.path.split("?")[0].lstrip("/").partition("/")[2], policy)
            for name, value in [*common_headers(), *zone_headers(zone, policy)]:
                self.send_header(name, value)
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, f"http://127.0.0.1:{server.server_address[1]}"


def field(page, key: str):
    """A form field by its front-matter key, scrolled into view: the form renders its fields
    as they come into view."""
    found = page.locator(f'section[data-key-path="{key}"]')
    page.mouse.move(300, 600)
    for _ in range(40):
        if found.count():
            break
        page.mouse.wheel(0, 800)
        page.wait_for_timeout(100)
    found.first.scroll_into_view_if_needed()
    return found.first


def choose(page, key: str, option: str) -> None:
    field(page, key).get_by_role("combobox").click()
    page.get_by_role("option", name=option, exact=True).click()


def save(page) -> None:
    """Press the form's save button ("Lưu"); the editor goes back to the list once written."""
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url(lambda url: "/entries/" not in url and not url.endswith("/new"))
