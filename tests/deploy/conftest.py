"""A real SSH origin on loopback for the deploy tests (portal.deploy.loopback): Debian's sshd on
an ephemeral port as the current user, key-only, in a tmp folder, shared by the session and
stopped by the fixture; one origin folder per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.build import build
from portal.deploy.loopback import LoopbackError, Sshd
from portal.deploy.origin import Origin
from support import DEMO_NOW, REPO, SITES_YML, article, write_tree

PUBLISH = REPO / "publishconf.py"


@pytest.fixture(scope="session")
def sshd(tmp_path_factory):
    """(ssh command line, user@host, folder with client_key and known_hosts)."""
    try:
        server = Sshd(tmp_path_factory.mktemp("sshd")).start()
    except LoopbackError as exc:
        pytest.fail(str(exc))
    try:
        yield server.ssh, server.host, server.home
    finally:
        server.stop()


@pytest.fixture
def origin(sshd, tmp_path) -> Origin:
    ssh, host, _ = sshd
    root = tmp_path / "srv" / "portal"
    root.mkdir(parents=True)
    return Origin(host=host, root=str(root), ssh=ssh)


@pytest.fixture(scope="session")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """Production builds before and after one article is merged (built once per session)."""
    tmp = tmp_path_factory.mktemp("builds")
    content = write_tree(
        tmp / "content",
        {"sites.yml": SITES_YML, "huyen/articles/a.md": article("Tin thứ nhất ALPHA")},
    )
    (content / "xa").mkdir()
    first = tmp / "build-a"
    build(content, first, PUBLISH, now=DEMO_NOW, search=False)
    (content / "huyen/articles/b.md").write_text(article("Tin thứ hai BRAVO"), encoding="utf-8")
    second = tmp / "build-b"
    build(content, second, PUBLISH, now=DEMO_NOW, search=False)
    return first, second
