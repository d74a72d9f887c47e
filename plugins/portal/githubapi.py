"""One JSON call to GitHub's REST API, or to a stand-in at another root (tests, demo).

Shared by the readers' endpoint (``portal.forms.github``: issues for questions) and the
pull-request previews (``portal.preview.api``: comments, reviews). The standard library's
``urllib`` is enough for JSON over HTTPS with a bearer token, and the runtime has no HTTP
client of its own (boto3 brings only urllib3's lower layer): no dependency for this.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

DEFAULT_API = "https://api.github.com"
VERSION = "2022-11-28"


class ApiError(Exception):
    """GitHub could not be reached, refused the call (``status``: its HTTP code) or did not
    answer JSON."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


def call(
    api: str,
    method: str,
    path: str,
    body: dict[str, Any] | None = None,
    *,
    token: str = "",
    agent: str = "portal",
    timeout: float = 20.0,
) -> Any:
    """``method`` on ``api`` + ``path``; the decoded JSON answer (``{}`` when empty)."""
    url = api.rstrip("/") + path
    data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/vnd.github+json")
    request.add_header("X-GitHub-Api-Version", VERSION)
    request.add_header("User-Agent", agent)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json; charset=utf-8")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            text = answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        raise ApiError(f"{method} {path}: HTTP {error.code}", error.code) from None
    except (OSError, ValueError) as error:  # refused, timed out, DNS, TLS
        raise ApiError(f"{method} {path}: {error}") from None
    try:
        return json.loads(text) if text else {}
    except ValueError:
        raise ApiError(f"{method} {path}: not JSON") from None
