"""The demo endpoint of ``make serve`` (``portal serve --forms-demo``): the real endpoint on a
free loopback port, delivering to the local GitHub stand-in (``standin``, clearly labelled, so
a newcomer can post a question and read the issue it would open), with a throw-away store.
Only that development build posts to it (``PORTAL_FORMS_DEMO_ENDPOINT``); sites.yml and the
production build never name it. Both servers stop with ``portal serve``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from portal.errors import ErrorReport
from portal.forms.app import PATH, Config, Deliverer, create_app
from portal.forms.github import GitHub
from portal.forms.server import Background
from portal.forms.standin import GitHubStandIn
from portal.forms.store import Store
from portal.sites import load_sites

DEMO_TOKEN = "demo-token-not-a-secret"
DEMO_REPO = "demo/portal-content"


class Demo:
    def __init__(
        self, content_dir: Path, output_dir: Path, origins: list[str], port: int = 0
    ) -> None:
        self.content_dir, self.origins, self.port = content_dir, tuple(origins), port
        self.folder = Path(tempfile.mkdtemp(prefix="portal-forms-demo-"))
        self.github: GitHubStandIn | None = None
        self.server: Background | None = None
        self.store: Store | None = None

    def start(self) -> str:
        """Start both servers; the endpoint's address for the build."""
        self.github = GitHubStandIn(token=DEMO_TOKEN).start()
        self.store = Store(self.folder / "forms.sqlite3")
        client = GitHub(DEMO_REPO, DEMO_TOKEN, self.github.url)
        sites = load_sites(self.content_dir, ErrorReport())
        config = Config(self.store, sites, client, self.origins)
        app = create_app(config, Deliverer(self.store, client, poll=0.5))
        try:  # the same port every run keeps the pages (and the incremental build) the same
            server = Background(app, port=self.port)
        except OSError:
            server = Background(app)
        self.server = server.start()
        return self.endpoint_url

    @property
    def endpoint_url(self) -> str:
        return (self.server.url if self.server else "") + PATH

    @property
    def github_url(self) -> str:
        return self.github.url if self.github else ""

    def stop(self) -> None:
        if self.server:
            self.server.stop()
        if self.store:
            self.store.close()
        if self.github:
            self.github.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
