"""Run the endpoint with uvicorn: in the foreground (``portal forms serve``) or in a thread on
a loopback socket of its own (``portal serve``'s demo endpoint, the tests).

Behind nginx the reader's address comes from ``X-Forwarded-For``, trusted only from the
addresses in ``forwarded`` (uvicorn's ``forwarded_allow_ips``; 127.0.0.1 by default), so a
reader cannot choose the address the rate limit and the one-rating-a-day rule see.
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn
from starlette.applications import Starlette


def _config(app: Starlette, forwarded: str) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,  # no reader's address in any log
        proxy_headers=True,
        forwarded_allow_ips=forwarded,
        server_header=False,
        date_header=False,
        lifespan="on",
        timeout_keep_alive=5,
        limit_concurrency=200,
    )


def run(app: Starlette, host: str, port: int, forwarded: str = "127.0.0.1") -> None:
    """Serve until interrupted."""
    config = _config(app, forwarded)
    config.host, config.port = host, port
    uvicorn.Server(config).run()


class Background:
    """The endpoint on ``host`` at a free port (or ``port``), in a thread; ``stop()`` ends it."""

    def __init__(
        self, app: Starlette, host: str = "127.0.0.1", port: int = 0, forwarded: str = "127.0.0.1"
    ):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.sock.bind((host, port))
        except OSError:
            self.sock.close()
            raise
        self.server = uvicorn.Server(_config(app, forwarded))
        self.server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        self.thread = threading.Thread(
            target=self.server.run,
            kwargs={"sockets": [self.sock]},
            name="forms-endpoint",
            daemon=True,
        )
        host, port = self.sock.getsockname()[:2]
        self.url = f"http://{host}:{port}"

    def start(self) -> Background:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the forms endpoint did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.sock.close()
