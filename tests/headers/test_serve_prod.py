"""``portal serve-prod`` (``make serve-prod``): the built sites behind nginx with the generated
configuration, stopped cleanly with the command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from portal.headers.policy import content_security_policy
from portal.headers.server import free_port
from support import SETTINGS, article


def fetch(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_serve_prod_serves_with_the_published_headers(make_content, tmp_path):
    content = make_content({"huyen/articles/a.md": article("Tin thử máy chủ")})
    port = free_port()
    portal = Path(sys.executable).with_name("portal")
    command = [
        str(portal),
        "serve-prod",
        "--content",
        str(content),
        "--output",
        str(tmp_path / "output"),
        "--settings",
        str(SETTINGS),
        "--port",
        str(port),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers = fetch(f"http://127.0.0.1:{port}/huyen/")
                break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()
                assert time.monotonic() < deadline, "serve-prod did not answer"
                time.sleep(0.2)
        assert status == 200
        assert headers["Content-Security-Policy"] == content_security_policy("page")
        assert headers["Strict-Transport-Security"].startswith("max-age=63072000")
        status, headers = fetch(f"http://127.0.0.1:{port}/huyen/khong-co/")
        assert status == 404 and "Content-Security-Policy" in headers
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
    # nginx went with the command: nothing answers on the port any more.
    try:
        fetch(f"http://127.0.0.1:{port}/huyen/")
        raise AssertionError("nginx still answers after serve-prod ended")
    except OSError:
        pass
