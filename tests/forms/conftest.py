"""One running endpoint (uvicorn on a loopback port) and one GitHub stand-in per module."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from portal.errors import ErrorReport
from portal.forms.app import Config, Deliverer, create_app
from portal.forms.github import GitHub
from portal.forms.server import Background
from portal.forms.standin import GitHubStandIn
from portal.forms.store import Store
from portal.sites import load_sites
from support import DEMO_CONTENT

ORIGIN = "https://binhlang.example"
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


@pytest.fixture(scope="module")
def github():
    server = GitHubStandIn(token=TOKEN).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, github):
    """The endpoint for the demo's sites, delivering to the stand-in; polls every 0.05 s."""
    db = tmp_path_factory.mktemp("forms") / "forms.sqlite3"
    store = Store(db)
    sites = load_sites(DEMO_CONTENT, ErrorReport())
    client = GitHub("binhlang/portal", TOKEN, github.url)
    config = Config(store, sites, client, rate=30, window=60.0)
    deliverer = Deliverer(store, client, poll=0.05)
    server = Background(create_app(config, deliverer)).start()
    try:
        yield Running(server.url, store, github, deliverer, db)
    finally:
        server.stop()
        store.close()
