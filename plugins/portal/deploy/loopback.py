"""A throwaway SSH origin on 127.0.0.1, for ``make deploy-dry-run`` and the deploy tests.

``Sshd``: Debian's sshd on an ephemeral port as the current user, with a generated host key and
client key, key-only, everything in a temporary folder; one multiplexed client connection that
the ``ssh`` command line reuses. ``OriginNginx``: nginx serving an origin's live release by host
name (``portal.deploy.origin.nginx_config``). Both stop with ``stop()`` (or ``with``), and die
with the process that started them.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from portal.deploy.origin import nginx_config
from portal.headers.server import Nginx, free_port
from portal.workers import dies_with_this_process

SSHD = "/usr/sbin/sshd"


class LoopbackError(Exception):
    """sshd or rsync is missing, or sshd did not start."""


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)


class Sshd:
    """A running key-only sshd: ``ssh`` (command line), ``host`` (user@127.0.0.1), ``home``
    (client_key, known_hosts)."""

    def __init__(self, home: Path | None = None):
        if not (os.access(SSHD, os.X_OK) and shutil.which("rsync")):
            raise LoopbackError("sshd or rsync missing: run 'make system-deps'")
        self.home = home or Path(tempfile.mkdtemp(prefix="portal-sshd-"))
        self.port = free_port()
        self.user = getpass.getuser()
        self.host = f"{self.user}@127.0.0.1"
        self.process: subprocess.Popen | None = None
        self.master: subprocess.Popen | None = None
        self.ssh: list[str] = []

    def start(self, timeout: float = 10.0) -> Sshd:
        home = self.home
        home.mkdir(parents=True, exist_ok=True)
        _keygen(home / "host_key")
        _keygen(home / "client_key")
        (home / "authorized_keys").write_text((home / "client_key.pub").read_text())
        (home / "sshd_config").write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {home / 'host_key'}\n"
            f"PidFile {home / 'sshd.pid'}\nAuthorizedKeysFile {home / 'authorized_keys'}\n"
            f"AllowUsers {self.user}\nPubkeyAuthentication yes\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nUsePAM no\n"
            "StrictModes no\n",
            encoding="utf-8",
        )
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation
        kind, key = (home / "host_key.pub").read_text().split()[:2]
        (home / "known_hosts").write_text(f"[127.0.0.1]:{self.port} {kind} {key}\n")
        self.process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(home / "sshd_config")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=dies_with_this_process(signal.SIGTERM),
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise LoopbackError(f"sshd exited: {self.process.stderr.read()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise LoopbackError("sshd did not listen") from None
                time.sleep(0.05)
        base = [
            "ssh",
            "-F",
            "/dev/null",
            "-p",
            str(self.port),
            "-i",
            str(home / "client_key"),
            "-o",
            f"UserKnownHostsFile={home / 'known_hosts'}",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "BatchMode=yes",
        ]
        # One connection shared by every command: a handshake costs ~0.5 s on a loaded machine.
        control = home / "control"
        self.master = subprocess.Popen(
            [*base, "-M", "-N", "-S", str(control), self.host],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=dies_with_this_process(signal.SIGTERM),
        )
        while not control.exists() and time.monotonic() < deadline:
            if self.master.poll() is not None:
                break
            time.sleep(0.05)
        self.ssh = [*base, "-S", str(control)] if control.exists() else base
        return self

    def stop(self) -> None:
        for process in (self.master, self.process):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self.process and self.process.stderr:
            self.process.stderr.close()

    def __enter__(self) -> Sshd:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


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
        return " ".join(self._command("-s", "reload"))
