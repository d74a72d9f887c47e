"""One running endpoint (uvicorn on a loopback port) and one GitHub stand-in per module."""

from __future__ import annotations

import pytest
from forms_support import TOKEN, Running

from portal.errors import ErrorReport
from portal.forms.app import Config, Deliverer, create_app
from portal.forms.github import GitHub
from portal.forms.server import Background
from portal.forms.standin import GitHubStandIn
from portal.forms.store import Store
from portal.sites import load_sites
from support import DEMO_CONTENT


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
    client = GitHub("lamgiang/portal", TOKEN, github.url)
    config = Config(store, sites, client, rate=30, window=60.0)
    deliverer = Deliverer(store, client, poll=0.05)
    server = Background(create_app(config, deliverer)).start()
    try:
        yield Running(server.url, store, github, deliverer, db)
    finally:
        server.stop()
        store.close()
