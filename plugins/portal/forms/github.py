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

from dataclasses import dataclass
from typing import Any

from portal import githubapi

DEFAULT_API = githubapi.DEFAULT_API
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
        try:
            return githubapi.call(
                self.api,
                method,
                f"/repos/{self.repo}{path}",
                body,
                token=self.token,
                agent="portal-forms",
                timeout=TIMEOUT,
            )
        except githubapi.ApiError as error:
            raise GitHubError(str(error).replace(f"/repos/{self.repo}", "", 1)) from None

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
