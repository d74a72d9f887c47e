"""The few GitHub REST calls the endpoint and ``portal forms close`` make, with the stdlib's
``urllib`` (a dozen lines do not justify an HTTP client dependency; the calls are blocking and
run in the delivery thread or the command line, never in a request).

- ``POST /repos/{owner}/{repo}/issues`` (title, body, labels, assignees)
- ``GET /repos/{owner}/{repo}/issues/{n}``, ``PATCH`` it (state closed)
- ``POST /repos/{owner}/{repo}/issues/{n}/comments``

The API base is configurable (``--api-url``; GitHub Enterprise Server uses
``https://HOST/api/v3``; the tests and ``make serve`` use the local stand-in of
``portal.forms.standin``). The token comes from the environment (``PORTAL_FORMS_GITHUB_TOKEN``),
never from a file of the repository.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

DEFAULT_API = "https://api.github.com"
TOKEN_VARIABLE = "PORTAL_FORMS_GITHUB_TOKEN"
TIMEOUT = 10.0


class GitHubError(Exception):
    """GitHub could not be reached or refused the call (the submission stays queued)."""


@dataclass(frozen=True)
class GitHub:
    repo: str  # owner/name of the content repository
    token: str
    api: str = DEFAULT_API

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        url = f"{self.api.rstrip('/')}/repos/{self.repo}{path}"
        data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", "portal-forms")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
                text = answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            raise GitHubError(f"{method} {path}: HTTP {error.code}") from None
        except (OSError, ValueError) as error:  # refused, timed out, DNS, TLS
            raise GitHubError(f"{method} {path}: {error}") from None
        try:
            return json.loads(text) if text else {}
        except ValueError:
            raise GitHubError(f"{method} {path}: not JSON") from None

    def create_issue(self, issue: dict[str, Any]) -> tuple[int, str]:
        """Open the issue; its number and web address."""
        answer = self._call("POST", "/issues", issue)
        try:
            return int(answer["number"]), str(answer.get("html_url", ""))
        except (KeyError, TypeError, ValueError):
            raise GitHubError("POST /issues: no issue number in the answer") from None

    def issue(self, number: int) -> dict[str, Any]:
        return self._call("GET", f"/issues/{number}")

    def comment(self, number: int, body: str) -> None:
        self._call("POST", f"/issues/{number}/comments", {"body": body})

    def close(self, number: int) -> None:
        self._call("PATCH", f"/issues/{number}", {"state": "closed", "state_reason": "completed"})
