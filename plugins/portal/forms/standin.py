"""A local stand-in for the GitHub REST API ("máy chủ GitHub giả lập"), for the tests and for
``make serve``: a real HTTP server on loopback implementing the few calls of
``portal.forms.github`` and recording what it received. It is never GitHub: its page says so.

- ``POST /repos/{o}/{r}/issues`` → 201 with ``number`` and ``html_url``
- ``GET`` / ``PATCH /repos/{o}/{r}/issues/{n}``, ``POST /repos/{o}/{r}/issues/{n}/comments``
- ``GET /`` an HTML list of the issues it holds, every value escaped
- ``down = True`` answers every API call 503 (GitHub unreachable, for the retry tests)
"""

from __future__ import annotations

import html
import json
import re
import threading
from http.server import BaseHTTPRequestHandler
from typing import Any

from portal.httpstandin import LoopbackServer

_ISSUES = re.compile(r"^/repos/([^/]+/[^/]+)/issues(?:/(\d+)(/comments)?)?$")
LABEL = "Máy chủ GitHub giả lập (local stand-in, not GitHub)"


class GitHubStandIn(LoopbackServer):
    thread_name = "github-standin"

    def __init__(self, host: str = "127.0.0.1", port: int = 0, token: str = ""):
        super().__init__((host, port), _Handler)
        self.token = token  # when set, calls without it are refused (401)
        self.down = False
        self.issues: dict[int, dict[str, Any]] = {}
        self.calls: list[tuple[str, str, dict[str, Any] | None]] = []
        self.lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    server: GitHubStandIn

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, body: Any, kind: str = "application/json") -> None:
        data = (
            body.encode("utf-8")
            if isinstance(body, str)
            else json.dumps(body, ensure_ascii=False).encode("utf-8")
        )
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if method == "GET" and self.path in ("/", "/index.html"):
            self._send(200, self._page(), "text/html")
            return
        server = self.server
        body = json.loads(raw) if raw else None
        with server.lock:
            server.calls.append((method, self.path, body))
        if server.down:
            self._send(503, {"message": "stand-in is down"})
            return
        if server.token and self.headers.get("Authorization") != f"Bearer {server.token}":
            self._send(401, {"message": "Bad credentials"})
            return
        match = _ISSUES.match(self.path)
        if not match:
            self._send(404, {"message": "Not Found"})
            return
        repo, number, comments = match.group(1), match.group(2), match.group(3)
        with server.lock:
            if number is None and method == "POST":
                n = len(server.issues) + 1
                issue = {
                    "number": n,
                    "html_url": f"{server.url}/{repo}/issues/{n}",
                    "state": "open",
                    "title": body.get("title", ""),
                    "body": body.get("body", ""),
                    "labels": [{"name": x} for x in body.get("labels", [])],
                    "assignees": [{"login": x} for x in body.get("assignees", [])],
                    "comments": [],
                }
                server.issues[n] = issue
                self._send(201, issue)
                return
            issue = server.issues.get(int(number or 0))
            if issue is None:
                self._send(404, {"message": "Not Found"})
            elif comments and method == "POST":
                issue["comments"].append(body.get("body", ""))
                self._send(201, {"body": body.get("body", "")})
            elif method == "PATCH":
                issue.update({k: v for k, v in body.items() if k in ("state", "state_reason")})
                self._send(200, issue)
            elif method == "GET" and not comments:
                self._send(200, issue)
            else:
                self._send(405, {"message": "Method not allowed"})

    def _page(self) -> str:
        rows = []
        with self.server.lock:
            for n, issue in sorted(self.server.issues.items(), reverse=True):
                labels = ", ".join(x["name"] for x in issue["labels"])
                people = ", ".join(x["login"] for x in issue["assignees"])
                rows.append(
                    f"<article><h2>#{n} {html.escape(issue['title'])} "
                    f"<small>({html.escape(issue['state'])})</small></h2>"
                    f"<p>Nhãn: {html.escape(labels)} · Giao cho: {html.escape(people)}</p>"
                    f"<pre>{html.escape(issue['body'])}</pre>"
                    + "".join(f"<pre>{html.escape(c)}</pre>" for c in issue["comments"])
                    + "</article>"
                )
        return (
            '<!doctype html><html lang="vi"><meta charset="utf-8">'
            f"<title>{LABEL}</title><h1>{LABEL}</h1>"
            "<p>Các issue mà máy chủ biểu mẫu sẽ mở trên GitHub; không có gì được gửi đi thật. "
            "(What the endpoint would open on GitHub; nothing leaves this machine.)</p>"
            + ("".join(rows) or "<p>Chưa có issue nào.</p>")
            + "</html>"
        )

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")
