"""A local stand-in for the GitHub REST API calls of ``portal.preview.api`` ("máy chủ GitHub
giả lập"), for the tests: a real HTTP server on loopback (port 0), recording every call. It is
never GitHub.

- ``GET /repos/{o}/{r}/pulls/{n}`` from ``pulls`` (``{"state", "head": {"sha"}}``)
- ``GET /repos/{o}/{r}/pulls/{n}/reviews`` from ``reviews[n]`` (paged by ``per_page``/``page``)
- ``GET`` / ``POST /repos/{o}/{r}/issues/{n}/comments``, ``PATCH
  /repos/{o}/{r}/issues/comments/{id}``: comments kept in ``comments`` (id → record), the
  author of new ones is ``login``
- ``GET /orgs/{org}/teams/{team}/memberships/{user}`` from ``teams`` (``"org/team"`` → users);
  ``teams_readable = False`` answers 404 as GitHub does to a token that may not read teams
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from portal.httpstandin import LoopbackServer

_PULL = re.compile(r"^/repos/([^/]+/[^/]+)/pulls/(\d+)(/reviews)?$")
_COMMENTS = re.compile(r"^/repos/([^/]+/[^/]+)/issues/(\d+)/comments$")
_COMMENT = re.compile(r"^/repos/([^/]+/[^/]+)/issues/comments/(\d+)$")
_TEAM = re.compile(r"^/orgs/([^/]+)/teams/([^/]+)/memberships/([^/]+)$")


class PreviewStandIn(LoopbackServer):
    thread_name = "preview-standin"

    def __init__(self, token: str = "", login: str = "github-actions[bot]"):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.token = token
        self.login = login
        self.pulls: dict[int, dict[str, Any]] = {}
        self.reviews: dict[int, list[dict[str, Any]]] = {}
        self.comments: dict[int, dict[str, Any]] = {}
        self.teams: dict[str, list[str]] = {}
        self.teams_readable = True
        self.calls: list[tuple[str, str, Any]] = []
        self.lock = threading.Lock()

    def comments_on(self, number: int) -> list[dict[str, Any]]:
        with self.lock:
            return [c for c in self.comments.values() if c["issue"] == number]


class _Handler(BaseHTTPRequestHandler):
    server: PreviewStandIn

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _page(self, items: list, query: dict) -> list:
        size = int((query.get("per_page") or ["30"])[0])
        page = int((query.get("page") or ["1"])[0])
        return items[(page - 1) * size : page * size]

    def _handle(self, method: str) -> None:
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        with server.lock:
            server.calls.append((method, self.path, body))
        if server.token and self.headers.get("Authorization") != f"Bearer {server.token}":
            self._send(401, {"message": "Bad credentials"})
            return
        with server.lock:
            if (m := _PULL.match(path)) and method == "GET":
                number = int(m.group(2))
                if m.group(3):
                    self._send(200, self._page(server.reviews.get(number, []), query))
                elif number in server.pulls:
                    self._send(200, {"number": number, **server.pulls[number]})
                else:
                    self._send(404, {"message": "Not Found"})
            elif m := _COMMENTS.match(path):
                number = int(m.group(2))
                if method == "GET":
                    mine = [c for c in server.comments.values() if c["issue"] == number]
                    self._send(200, self._page(mine, query))
                elif method == "POST":
                    new_id = 1000 + len(server.comments)
                    record = {
                        "id": new_id,
                        "issue": number,
                        "body": body["body"],
                        "user": {"login": server.login},
                    }
                    server.comments[new_id] = record
                    self._send(201, record)
                else:
                    self._send(405, {"message": "Method not allowed"})
            elif (m := _COMMENT.match(path)) and method == "PATCH":
                record = server.comments.get(int(m.group(2)))
                if record is None or record["user"]["login"] != server.login:
                    self._send(404 if record is None else 403, {"message": "Forbidden"})
                else:
                    record["body"] = body["body"]
                    self._send(200, record)
            elif (m := _TEAM.match(path)) and method == "GET":
                team, user = f"{m.group(1)}/{m.group(2)}", m.group(3)
                if server.teams_readable and user in server.teams.get(team, []):
                    self._send(200, {"state": "active", "role": "member"})
                else:
                    self._send(404, {"message": "Not Found"})
            else:
                self._send(404, {"message": "Not Found"})

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")
