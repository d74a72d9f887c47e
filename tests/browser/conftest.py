"""Browser fixtures: Debian's Chromium driven by Playwright, and a throw-away local HTTP server.

Chromium comes from the Debian package (``make system-deps``); Playwright's own browser
downloads are never used. If Chromium is missing the tests fail loudly instead of skipping.
Each test module here sets ``pytestmark = pytest.mark.browser``.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from portal.headers.policy import SitePolicy, common_headers, content_security_policy, zone_of

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Debian's Chromium, or a failure that says how to install it."""
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None
    )
    if not found:
        pytest.fail(
            "Chromium is not installed: the browser tests need Debian's 'chromium' package. "
            "Run `make system-deps` (apt-get install chromium); never `playwright install`.",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # stdlib's signature
        pass


class _StrictHandler(_QuietHandler):
    """Serves a folder (sites under ``/<site-id>/``) with the headers the site is published
    with (``portal.headers.policy``: CSP by zone, the common ones), unless the server was given
    another policy."""

    policy: str | None = None
    site_policy: SitePolicy = SitePolicy()

    def end_headers(self) -> None:
        path = self.path.split("?")[0]
        zone = zone_of(path.lstrip("/").partition("/")[2], self.site_policy)
        csp = self.policy or content_security_policy(zone, self.site_policy)
        self.send_header("Content-Security-Policy", csp)
        for name, value in common_headers():
            self.send_header(name, value)
        super().end_headers()


def _start_server(
    directory: Path, csp: bool | str | SitePolicy = True
) -> tuple[ThreadingHTTPServer, threading.Thread, str]:
    if isinstance(csp, SitePolicy):
        handler_class = type("_SiteHandler", (_StrictHandler,), {"site_policy": csp})
    elif isinstance(csp, str):
        handler_class = type("_PolicyHandler", (_StrictHandler,), {"policy": csp})
    else:
        handler_class = _StrictHandler if csp else _QuietHandler
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="test-http", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    return server, thread, f"http://{host}:{port}"


def _stop_server(server: ThreadingHTTPServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """Factory: serve a folder on 127.0.0.1 (a free port) until the test ends; returns the
    base URL without a trailing slash, e.g. ``http://127.0.0.1:40123``. Answers carry the
    strict CSP unless ``csp=False`` (for tests of a defence that must hold without it) or
    ``csp`` is another policy (a CSP string, or a site's ``SitePolicy`` applied by path)."""
    servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start(directory: Path, csp: bool | str | SitePolicy = True) -> str:
        server, thread, url = _start_server(directory, csp)
        servers.append((server, thread))
        return url

    yield start
    for server, thread in servers:
        _stop_server(server, thread)


@pytest.fixture(scope="session")
def demo_site(demo_output) -> Iterator[str]:
    """The built demo served for the whole session; its base URL."""
    server, thread, url = _start_server(demo_output)
    yield url
    _stop_server(server, thread)
