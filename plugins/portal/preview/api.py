"""The few GitHub REST calls of the preview publisher and of ``portal approval``, with the
stdlib's ``urllib`` (as ``portal.forms.github``):

- ``GET /repos/{o}/{r}/pulls/{n}`` (state, head commit)
- ``GET /repos/{o}/{r}/pulls/{n}/reviews`` (every page)
- ``GET /repos/{o}/{r}/issues/{n}/comments`` (every page), ``POST`` one,
  ``PATCH /repos/{o}/{r}/issues/comments/{id}``
- ``GET /orgs/{org}/teams/{team}/memberships/{user}`` (a team's editors; needs a token that may
  read the organisation's teams, else the team is reported as unreadable)

The API base is configurable (``--api-url``; the tests use ``portal.preview.standin``); the token
comes from the environment (``GITHUB_TOKEN``), never from a file or an argument.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

DEFAULT_API = "https://api.github.com"
TOKEN_VARIABLE = "GITHUB_TOKEN"
TIMEOUT = 20.0
MAX_PAGES = 50


class ApiError(Exception):
    """GitHub could not be reached or refused the call."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Api:
    repo: str  # owner/name
    token: str = ""
    api: str = DEFAULT_API

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """One call; ``path`` below the API root (``/repos/…``, ``/orgs/…``)."""
        url = self.api.rstrip("/") + path
        data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", "portal-preview")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
                text = answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            raise ApiError(f"{method} {path}: HTTP {error.code}", error.code) from None
        except (OSError, ValueError) as error:
            raise ApiError(f"{method} {path}: {error}") from None
        try:
            return json.loads(text) if text else {}
        except ValueError:
            raise ApiError(f"{method} {path}: not JSON") from None

    def _all(self, path: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for page in range(1, MAX_PAGES + 1):
            batch = self.call("GET", f"{path}?per_page=100&page={page}")
            if not isinstance(batch, list):
                raise ApiError(f"GET {path}: not a list")
            found += [x for x in batch if isinstance(x, dict)]
            if len(batch) < 100:
                break
        return found

    def _repo(self, rest: str) -> str:
        return f"/repos/{self.repo}{rest}"

    def pull(self, number: int) -> dict[str, Any]:
        return self.call("GET", self._repo(f"/pulls/{number}"))

    def reviews(self, number: int) -> list[dict[str, Any]]:
        return self._all(self._repo(f"/pulls/{number}/reviews"))

    def comments(self, number: int) -> list[dict[str, Any]]:
        return self._all(self._repo(f"/issues/{number}/comments"))

    def create_comment(self, number: int, body: str) -> dict[str, Any]:
        return self.call("POST", self._repo(f"/issues/{number}/comments"), {"body": body})

    def update_comment(self, comment_id: int, body: str) -> dict[str, Any]:
        return self.call("PATCH", self._repo(f"/issues/comments/{comment_id}"), {"body": body})

    def in_team(self, org: str, team: str, user: str) -> bool | None:
        """Whether ``user`` is an active member of ``org/team``; None when the token may not
        read it (GitHub answers 404 or 403: a workflow's own token cannot read teams)."""
        quote = urllib.parse.quote
        path = f"/orgs/{quote(org)}/teams/{quote(team)}/memberships/{quote(user)}"
        try:
            answer = self.call("GET", path)
        except ApiError as error:
            if error.status in (403, 404):
                return None
            raise
        return isinstance(answer, dict) and answer.get("state") == "active"
