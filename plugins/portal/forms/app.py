"""The readers' forms endpoint: a Starlette (ASGI) app, one process, SQLite (``forms.store``).

``POST /api/v1/submissions`` takes the JSON contract of docs/forms.md (version 1; a rating
carries ``score`` 1–5) or the same names posted as a plain form. In order, a request is refused
with: 403 when its ``Origin`` is not one of the sites' (strict CORS: the answer names that one
origin, never ``*``); 413 past ``max_body`` bytes (counted while reading, whatever
``Content-Length`` says); 415 for another content type; 429 past ``rate`` posts per address in
``window`` seconds (kept in memory only); 400 for JSON that does not parse; 422 with errors by
field. A filled ``website`` (the robots' trap) is answered as a success and dropped.

A question or feedback is stored first (queued, with its private contact) and the reader gets
its reference at once; the delivery thread (``Deliverer``) opens the GitHub issue, retrying with
a growing delay while GitHub is unreachable. A rating is counted (once per reader, item and day)
and its comment, if any, queued like feedback. Without script the reader is sent back with 303
to ``return_to``, only when it lies on the site's own origin (no open redirect); errors are then
a small page, every value escaped.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import html
import json
import logging
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from portal.forms import submission as sub
from portal.forms.github import GitHub, GitHubError
from portal.forms.store import Store
from portal.frontmatter.fields import TIMEZONE
from portal.sites.config import Site

log = logging.getLogger(__name__)

PATH = "/api/v1/submissions"
MAX_BODY = 16 * 1024
RATE = 10  # posts per address …
WINDOW = 60.0  # … per this many seconds
# Whole-request refusals: Vietnamese for the reader, the English twin after " / ".
REFUSED = {
    400: "Yêu cầu không đúng định dạng. / Malformed request.",
    403: "Không nhận biểu mẫu gửi từ trang này. / Origin not allowed.",
    413: "Nội dung gửi quá dài. / Request too large.",
    415: "Định dạng gửi không được nhận. / Unsupported content type.",
    429: "Bạn gửi quá nhiều lần, vui lòng thử lại sau ít phút. / Too many requests.",
}


def origin_of(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def assignees(site: Site) -> list[str]:
    """The site's editors that GitHub can assign: users (``@org/team`` entries cannot be)."""
    return [e.lstrip("@") for e in site.editors if "/" not in e and e.strip("@")]


@dataclass
class Config:
    store: Store
    sites: list[Site]
    github: GitHub | None = None
    extra_origins: tuple[str, ...] = ()  # development: the sites as `portal serve` shows them
    max_body: int = MAX_BODY
    rate: int = RATE
    window: float = WINDOW
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(TIMEZONE))

    def origins(self, site: Site) -> set[str]:
        return {origin_of(site.base_url), *self.extra_origins}

    def all_origins(self) -> set[str]:
        return {o for s in self.sites for o in self.origins(s)}


class Limiter:
    """Posts per address in a sliding window, in memory (never written anywhere)."""

    def __init__(self, rate: int, window: float):
        self.rate, self.window = rate, window
        self.seen: dict[str, collections.deque[float]] = {}
        self.lock = threading.Lock()

    def allow(self, address: str, now: float) -> bool:
        with self.lock:
            if len(self.seen) > 10000:  # forget idle addresses
                self.seen = {a: q for a, q in self.seen.items() if q and q[-1] > now - self.window}
            queue = self.seen.setdefault(address, collections.deque())
            while queue and queue[0] <= now - self.window:
                queue.popleft()
            if len(queue) >= self.rate:
                return False
            queue.append(now)
            return True


class Deliverer:
    """Opens the issues of queued submissions; retries with a growing delay (``Store.failed``)."""

    def __init__(self, store: Store, github: GitHub | None, poll: float = 1.0):
        self.store, self.github, self.poll = store, github, poll
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="forms-deliver", daemon=True)

    def start(self) -> None:
        if self.github is not None:
            self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        if self.thread.is_alive():
            self.thread.join(timeout=15)

    def run_once(self) -> int:
        """Deliver what is due now; how many were delivered."""
        if self.github is None:
            return 0
        done = 0
        for pending in self.store.due(time.time()):
            if self.stopping.is_set():
                break
            try:
                number, url = self.github.create_issue(pending.issue)
            except GitHubError as error:
                self.store.failed(pending.id, time.time(), str(error))
                log.warning("forms: %s not delivered yet: %s", pending.reference, error)
                continue
            self.store.delivered(pending.id, number, url)
            done += 1
        return done

    def _run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.run_once()
            except Exception:  # a broken row must not stop the thread
                log.exception("forms: delivery failed")
            self.wake.wait(self.poll)
            self.wake.clear()


def _cors(response: Response, origin: str) -> Response:
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Vary"] = "Origin"
    return response


def _error_page(errors: dict[str, str], back: str, status: int) -> HTMLResponse:
    items = "".join(f"<li>{html.escape(text)}</li>" for text in errors.values())
    link = f'<p><a href="{html.escape(back)}">Quay lại trang trước</a></p>' if back else ""
    page = (
        '<!doctype html><html lang="vi"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Chưa gửi được</title><h1>Chưa gửi được</h1>"
        f"<p>Vui lòng sửa các mục sau và gửi lại:</p><ul>{items}</ul>{link}</html>"
    )
    return HTMLResponse(page, status_code=status)


class _TooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(config: Config, deliverer: Deliverer | None = None) -> Starlette:
    sites = {s.id: s for s in config.sites}
    limiter = Limiter(config.rate, config.window)
    deliverer = deliverer or Deliverer(config.store, config.github)

    async def preflight(request: Request) -> Response:
        origin = request.headers.get("origin", "")
        if origin not in config.all_origins():
            return Response(status_code=403)
        response = Response(status_code=204)
        response.headers["Access-Control-Allow-Methods"] = "POST"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = "600"
        return _cors(response, origin)

    async def submit(request: Request) -> Response:
        origin = request.headers.get("origin", "")
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        is_json = kind == "application/json"
        allowed = config.all_origins()

        def answer(status: int, body: dict, back: str = "") -> Response:
            if is_json:  # the script reads JSON; a reader without it gets a page
                response: Response = JSONResponse(body, status_code=status)
            else:
                response = _error_page(body.get("errors", {}), back, status)
            if status == 429:
                response.headers["Retry-After"] = str(int(config.window))
            return _cors(response, origin if origin in allowed else "")

        def refuse(status: int) -> Response:
            return answer(status, {"ok": False, "errors": {"_": REFUSED[status]}})

        if origin and origin not in allowed:
            return refuse(403)
        try:
            raw = await _read_body(request, config.max_body)
        except _TooLarge:
            return refuse(413)
        if kind not in ("application/json", "application/x-www-form-urlencoded"):
            return refuse(415)
        address = request.client.host if request.client else ""
        if not limiter.allow(address, time.monotonic()):
            return refuse(429)
        try:
            text = raw.decode("utf-8")
            if is_json:
                data = json.loads(text)
                trap = data.get("fields", {}).get("website", "") if isinstance(data, dict) else ""
                trap = trap or (data.get("website", "") if isinstance(data, dict) else "")
            else:
                form = dict(urllib.parse.parse_qsl(text, keep_blank_values=True, max_num_fields=40))
                trap = form.get("website", "")
                data = sub.from_form(form)
        except (UnicodeDecodeError, ValueError, AttributeError):
            return refuse(400)
        parsed = sub.parse(data, set(sites))
        back = ""
        if not is_json and isinstance(data, dict):
            site = sites.get(str(data.get("site")))
            target = str(data.get("return_to") or "")
            if site and origin_of(target) in config.origins(site):
                back = target
        if isinstance(parsed, dict):
            return answer(422, {"ok": False, "errors": parsed}, back.split("#")[0])
        if trap:  # a robot: looks accepted, is dropped
            return RedirectResponse(back, 303) if back else answer(201, {"ok": True})
        site = sites[parsed.site]
        if origin and origin not in config.origins(site):
            return refuse(403)
        now = config.clock()
        reference = ""
        if parsed.kind == "rating":
            counted = config.store.rate(
                parsed.site, parsed.item_id, parsed.page, parsed.score, address, now
            )
            if counted and parsed.fields.get("comment"):
                reference = _queue(config, parsed, site, now)
        else:
            reference = _queue(config, parsed, site, now)
        deliverer.wake.set()
        if not is_json:
            if back:
                return RedirectResponse(back, 303)
            return HTMLResponse(
                "<!doctype html><html lang='vi'><meta charset='utf-8'><title>Đã gửi</title>"
                "<h1>Đã gửi. Xin cảm ơn!</h1></html>",
                status_code=201,
            )
        body = {"ok": True}
        if reference:
            body["reference"] = reference
        return answer(201, body)

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        deliverer.start()
        try:
            yield
        finally:
            deliverer.stop()

    app = Starlette(
        routes=[
            Route(PATH, submit, methods=["POST"]),
            Route(PATH, preflight, methods=["OPTIONS"]),
            Route("/healthz", health, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.deliverer = deliverer
    app.state.config = config
    return app


def _queue(config: Config, parsed: sub.Submission, site: Site, now: dt.datetime) -> str:
    return config.store.add_submission(
        parsed.kind,
        parsed.site,
        parsed.fields.get("topic", ""),
        now,
        lambda reference: sub.issue(parsed, reference, now, assignees(site)),
        parsed.fields.get("email", ""),
        parsed.fields.get("phone", ""),
        sub.PREFIX[parsed.kind],
    )
