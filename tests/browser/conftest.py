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
from urllib.parse import urlsplit

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


class PagePool:
    """Browser pages kept for the whole session and handed to one test at a time: a new
    context and page start a renderer process (measured: about as long as axe-core's run on a
    page), a reused page keeps its renderer, its HTTP cache and V8's compiled axe-core.

    ``take(width, height, javascript, only)`` gives a free page of the context with that
    JavaScript setting, at that viewport, the mouse at the corner, no media emulation, and
    fresh records: ``page.console`` ((type, text) of every console message),
    ``page.page_errors`` (uncaught exceptions) and ``page.problems`` (console errors,
    ``page error: …`` and, with ``only`` a base URL, ``request to another host: …`` for every
    request elsewhere, which is aborted). ``give_back(page)`` returns it at the test's end.
    Tests that need a context of their own (init scripts, downloads) still make one.
    Pages share their context's cookies and storage (the theme keeps none)."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts: dict[bool, object] = {}
        self.free: dict[tuple[bool, bool], list] = {}

    def _new_page(self, javascript: bool, guarded: bool):
        if javascript not in self.contexts:
            self.contexts[javascript] = self.browser.new_context(java_script_enabled=javascript)
        page = self.contexts[javascript].new_page()
        page.pool_key = (javascript, guarded)

        def console(message) -> None:
            page.console.append((message.type, message.text))
            if message.type == "error":
                page.problems.append(message.text)

        def page_error(exc) -> None:
            page.page_errors.append(str(exc))
            page.problems.append(f"page error: {exc}")

        def route(r) -> None:
            if page.only and urlsplit(r.request.url).netloc != page.only:
                page.problems.append(f"request to another host: {r.request.url}")
                r.abort()
            else:
                r.continue_()

        page.on("console", console)
        page.on("pageerror", page_error)
        if guarded:  # routing turns Chromium's HTTP cache off: only where it is asked for
            page.route("**/*", route)
        return page

    def take(self, width: int = 1280, height: int = 900, javascript: bool = True, only=None):
        free = self.free.setdefault((javascript, bool(only)), [])
        while free and free[-1].is_closed():
            free.pop()
        page = free.pop() if free else self._new_page(javascript, bool(only))
        page.console, page.page_errors, page.problems = [], [], []
        page.only = urlsplit(only).netloc if only else None
        page.set_viewport_size({"width": width, "height": height})
        page.mouse.move(0, 0)
        return page

    def give_back(self, page) -> None:
        if not page.is_closed():
            page.emulate_media(media="null")
            self.free[page.pool_key].append(page)

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="session")
def page_pool(browser) -> Iterator[PagePool]:
    """The session's reused pages (``PagePool``); tests use ``pooled_page``."""
    pool = PagePool(browser)
    try:
        yield pool
    finally:
        pool.close()


@pytest.fixture
def pooled_page(page_pool) -> Iterator[Callable[..., object]]:
    """Factory: ``take(width, height, javascript, only)`` a reused page (``PagePool``), given
    back when the test ends."""
    taken: list = []

    def take(width: int = 1280, height: int = 900, javascript: bool = True, only=None):
        page = page_pool.take(width, height, javascript, only)
        taken.append(page)
        return page

    yield take
    for page in taken:
        page_pool.give_back(page)


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
def shared_server() -> Iterator[Callable[[Path], str]]:
    """Factory like ``serve``, for module- or session-scoped fixtures: one server per folder
    and policy for the whole session (started on first use), stopped at its end."""
    servers: dict[tuple, tuple[ThreadingHTTPServer, threading.Thread, str]] = {}

    def start(directory: Path, csp: bool | str | SitePolicy = True) -> str:
        key = (str(directory), repr(csp))
        if key not in servers:
            servers[key] = _start_server(directory, csp)
        return servers[key][2]

    yield start
    for server, thread, _ in servers.values():
        _stop_server(server, thread)


@pytest.fixture(scope="session")
def demo_site(demo_output) -> Iterator[str]:
    """The built demo served for the whole session; its base URL."""
    server, thread, url = _start_server(demo_output)
    yield url
    _stop_server(server, thread)
