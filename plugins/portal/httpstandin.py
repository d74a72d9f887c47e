"""A threaded HTTP server on loopback, started and stopped in-process: the base of the API
stand-ins (the forms' GitHub issues, ``portal.forms.standin``; the previews' comments and
reviews, ``portal.preview.standin``)."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer
from typing import Self


class LoopbackServer(ThreadingHTTPServer):
    """``start()`` serves in a daemon thread; ``stop()`` shuts it down and closes the socket."""

    daemon_threads = True
    thread_name = "standin"
    poll_interval = 0.05  # seconds: how soon stop() is noticed

    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Self:
        self.thread = threading.Thread(
            target=self.serve_forever, args=(self.poll_interval,), name=self.thread_name
        )
        self.thread.daemon = True
        self.thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self.thread:
            self.thread.join(timeout=5)
