"""A real SSH origin on loopback for the deploy tests: Debian's sshd on an ephemeral port as the
current user (generated host and client keys, key-only, in a tmp folder), and nginx serving
the origin's ``current`` link by host name. Both are stopped by the fixtures."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from portal.deploy.origin import Origin, nginx_config
from portal.headers.server import Nginx, free_port

SSHD = "/usr/sbin/sshd"


def _wait_for(port: int, process: subprocess.Popen, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited: {process.stderr.read() if process.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)


@pytest.fixture(scope="session")
def sshd(tmp_path_factory):
    """(ssh command line, user@host, folder with client_key and known_hosts) of a running
    key-only sshd on 127.0.0.1."""
    if not (os.access(SSHD, os.X_OK) and shutil.which("rsync")):
        pytest.fail("sshd or rsync missing: run 'make system-deps'")
    home = tmp_path_factory.mktemp("sshd")
    _keygen(home / "host_key")
    _keygen(home / "client_key")
    (home / "authorized_keys").write_text((home / "client_key.pub").read_text())
    port = free_port()
    user = getpass.getuser()
    (home / "sshd_config").write_text(
        f"""Port {port}
ListenAddress 127.0.0.1
HostKey {home / "host_key"}
PidFile {home / "sshd.pid"}
AuthorizedKeysFile {home / "authorized_keys"}
AllowUsers {user}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
""",
        encoding="utf-8",
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation
    host_key = (home / "host_key.pub").read_text().split()
    (home / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n")
    process = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(home / "sshd_config")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(port, process)
        ssh = [
            "ssh",
            "-F",
            "/dev/null",
            "-p",
            str(port),
            "-i",
            str(home / "client_key"),
            "-o",
            f"UserKnownHostsFile={home / 'known_hosts'}",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "BatchMode=yes",
        ]
        # One connection shared by every command (as the workflow does with ControlMaster):
        # an SSH handshake costs about half a second on a loaded runner.
        control = home / "control"
        master = subprocess.Popen(
            [*ssh, "-M", "-N", "-S", str(control), f"{user}@127.0.0.1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not control.exists() and time.monotonic() < deadline and master.poll() is None:
            time.sleep(0.05)
        try:
            yield [*ssh, "-S", str(control)], f"{user}@127.0.0.1", home
        finally:
            master.terminate()
            master.wait(timeout=10)
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


@pytest.fixture
def origin(sshd, tmp_path) -> Origin:
    ssh, host, _ = sshd
    root = tmp_path / "srv" / "portal"
    root.mkdir(parents=True)
    return Origin(host=host, root=str(root), ssh=ssh)


class OriginNginx(Nginx):
    """nginx serving an origin's live release, one server per site by host name."""

    def __init__(self, root: str, hosts: dict[str, str]):
        super().__init__(Path(root), list(hosts))
        self.root_dir = root
        self.hosts = hosts

    def write_config(self) -> Path:
        text = nginx_config(self.root_dir, self.hosts, self.port, self.runtime)
        if os.geteuid() == 0:
            text = "user root;\n" + text
        self.config.write_text(text, encoding="utf-8")
        return self.config

    def reload_command(self) -> str:
        return " ".join([*self._command("-s", "reload")])
