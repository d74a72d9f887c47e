"""A real SSH origin on loopback for the deploy tests (portal.deploy.loopback): Debian's sshd on
an ephemeral port as the current user, key-only, in a tmp folder, shared by the session and
stopped by the fixture; one origin folder per test."""

from __future__ import annotations

import pytest

from portal.deploy.loopback import LoopbackError, OriginNginx, Sshd
from portal.deploy.origin import Origin

__all__ = ["OriginNginx"]


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
