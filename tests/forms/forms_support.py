"""Helpers of the forms tests: what a running endpoint is, and posting to it over real HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from portal.forms.app import Deliverer
from portal.forms.standin import GitHubStandIn
from portal.forms.store import Store

ORIGIN = "https://lamgiang.example"
TOKEN = "test-token"


@dataclass
class Running:
    url: str
    store: Store
    github: GitHubStandIn
    deliverer: Deliverer
    db: Path

    @property
    def api(self) -> str:
        return self.url + "/api/v1/submissions"


def post(
    url: str,
    body: bytes | dict,
    headers: dict[str, str] | None = None,
    kind: str = "application/json",
) -> tuple[int, dict[str, str], bytes]:
    """POST over real HTTP; (status, headers, body), never raising on 4xx/5xx."""
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", kind)
    for name, value in (headers or {}).items():
        request.add_header(name, value)

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
