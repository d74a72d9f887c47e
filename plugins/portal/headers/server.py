"""Run nginx on a built output with the generated configuration: ``portal serve-prod`` and the
tests that check pages under the real headers. nginx is Debian's (``make system-deps``)."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from portal.headers.nginx import server_config
from portal.workers import dies_with_this_process

SEARCH_PATHS = ("/usr/sbin/nginx", "/usr/local/sbin/nginx")


class NginxError(Exception):
    """nginx is missing, refused the configuration or did not start."""


def find_nginx() -> str:
    found = shutil.which("nginx") or next((p for p in SEARCH_PATHS if os.access(p, os.X_OK)), None)
    if not found:
        raise NginxError(
            "không tìm thấy nginx; chạy 'make system-deps' để cài (nginx not found; "
            "run 'make system-deps')"
        )
    return found


def free_port(bind: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((bind, 0))
        return probe.getsockname()[1]


class Nginx:
    """nginx serving ``output_dir`` (sites under ``/<id>/``) on ``bind:port`` until stopped."""

    def __init__(
        self, output_dir: Path, site_ids: Iterable[str], port: int = 0, bind: str = "127.0.0.1"
    ):
        self.output_dir = output_dir
        self.site_ids = list(site_ids)
        self.port = port or free_port(bind)
        self.bind = bind
        self.binary = find_nginx()
        self.runtime = Path(tempfile.mkdtemp(prefix="portal-nginx-"))
        self.config = self.runtime / "nginx.conf"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{self.bind}:{self.port}"

    def write_config(self) -> Path:
        text = server_config(
            self.output_dir, self.site_ids, self.port, self.runtime, bind=self.bind
        )
        if os.geteuid() == 0:
            # As root, nginx would hand requests to 'nobody', who may not read the output.
            text = f"user {pwd.getpwuid(0).pw_name};\n" + text
        self.config.write_text(text, encoding="utf-8")
        return self.config

    def _command(self, *extra: str) -> list[str]:
        return [self.binary, "-p", str(self.runtime), "-c", str(self.config), *extra]

    def check(self) -> None:
        """``nginx -t``: the configuration, includes and all, is valid."""
        self.write_config()
        done = subprocess.run(self._command("-t"), capture_output=True, text=True)
        if done.returncode:
            raise NginxError(
                f"nginx từ chối cấu hình (nginx refused the configuration):\n{done.stderr}"
            )

    def start(self, timeout: float = 10.0) -> str:
        self.check()
        self.process = subprocess.Popen(
            self._command("-g", "daemon off;"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=dies_with_this_process(signal.SIGTERM),
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise NginxError(f"nginx dừng ngay (nginx exited): {self.process.stderr.read()}")
            try:
                with socket.create_connection((self.bind, self.port), timeout=0.2):
                    return self.url
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise NginxError(f"nginx không mở cổng {self.port} (nginx did not listen)")

    def wait(self) -> int:
        assert self.process is not None
        return self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stderr:
            self.process.stderr.close()
        shutil.rmtree(self.runtime, ignore_errors=True)
