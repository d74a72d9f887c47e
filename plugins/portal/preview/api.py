"""The few GitHub REST calls of the preview publisher and of ``portal approval``, with the
one shared client (``portal.githubapi``, as ``portal.forms.github``):

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

import urllib.parse
from dataclasses import dataclass
from typing import Any

from portal import githubapi

DEFAULT_API = githubapi.DEFAULT_API
TOKEN_VARIABLE = "GITHUB_TOKEN"
TIMEOUT = 20.0
MAX_PAGES = 50


ApiError = githubapi.ApiError


@dataclass(frozen=True)
class Api:
    repo: str  # owner/name
    token: str = ""
    api: str = DEFAULT_API

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """One call; ``path`` below the API root (``/repos/…``, ``/orgs/…``)."""
        return githubapi.call(
            self.api, method, path, body, token=self.token, agent="portal-preview", timeout=TIMEOUT
        )

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
