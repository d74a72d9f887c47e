"""One build at a time per output: an exclusive lock on the output folder and the build's cache.

Two builds writing into one output (a timer beside a manual build, ``portal serve`` beside a
build) delete each other's staging, swap each other's folders and trust each other's record of
"unchanged". ``build_lock`` takes an OS lock (``fcntl.flock``) on a file beside the output
(``.<output>.lock``) and, when the cache lives elsewhere (``PORTAL_CACHE_PATH``), on one beside
the cache too, always in path order (two builds never hold one each). The kernel releases a
flock when the last descriptor of its holder closes, so a build killed with ``kill -9`` (and its
workers, which die with it: ``portal.workers``) never leaves a stale lock behind.

A second build waits for the first, saying so once (``on_wait``), and gives up with
``BuildLocked`` after ``wait`` seconds (``PORTAL_LOCK_WAIT``, ``portal build --wait``; default
``DEFAULT_WAIT``; 0 fails at once). The lock file holds the holder's process id, start time and
command line, for that message; it is never deleted (deleting a locked file would let a third
build lock a new file of the same name while the second still holds the old one).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

DEFAULT_WAIT = 600.0  # seconds: a build of the largest portal takes a few minutes
POLL = 0.1  # seconds between attempts while another build holds the lock

WAITING = (
    "Đang chờ một lần xây dựng khác ghi vào {output} xong ({holder}); chờ tối đa {wait:.0f} giây",
    "waiting for another build writing into {output} ({holder}); at most {wait:.0f} s",
)
LOCKED = (
    "một lần xây dựng khác vẫn đang ghi vào {output} ({holder}) sau {wait:.0f} giây chờ; hãy "
    "chạy lại sau, hoặc chờ lâu hơn với --wait",
    "another build is still writing into {output} ({holder}) after waiting {wait:.0f} s; run "
    "again later, or wait longer with --wait",
)


class BuildLocked(Exception):
    """Another build held the output's lock for longer than this one would wait."""

    def __init__(self, output: Path, holder: str, wait: float):
        self.output, self.holder, self.wait = output, holder, wait
        values = {"output": output, "holder": holder, "wait": wait}
        self.message = LOCKED[0].format(**values)
        self.english = LOCKED[1].format(**values)
        super().__init__(f"{self.message} ({self.english})")

    def __reduce__(self):
        return (BuildLocked, (self.output, self.holder, self.wait))


def lock_path(folder: Path) -> Path:
    """The lock file of ``folder``: a hidden sibling, so it is never uploaded with the output."""
    folder = folder.absolute()
    return folder.parent / f".{folder.name}.lock"


def describe(path: Path) -> str:
    """Who holds the lock at ``path``, as its holder wrote it ('' when unknown)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return ""
    if not isinstance(data, dict) or "pid" not in data:
        return ""
    return f"pid {data['pid']}, từ {data.get('since', '?')} (since)"


def _acquire(
    path: Path, deadline: float, wait: float, output: Path, on_wait: Callable[[str], None] | None
) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    said = False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = describe(path) or "?"
                if time.monotonic() >= deadline:
                    raise BuildLocked(output, holder, wait) from None
                if not said and on_wait is not None:
                    values = {"output": output, "holder": holder, "wait": wait}
                    on_wait(f"{WAITING[0].format(**values)}… ({WAITING[1].format(**values)})")
                    said = True
                time.sleep(POLL)
        record = {
            "pid": os.getpid(),
            "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "command": " ".join(sys.argv)[:500],
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record, ensure_ascii=False).encode("utf-8"), 0)
        return fd
    except BaseException:
        os.close(fd)
        raise


@contextlib.contextmanager
def build_lock(
    output: Path,
    cache: Path | None = None,
    wait: float = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the exclusive lock of ``output`` (and of ``cache``) for the ``with`` block."""
    paths = sorted({lock_path(output), *([lock_path(cache)] if cache is not None else [])})
    deadline = time.monotonic() + max(0.0, wait)
    held: list[int] = []
    try:
        for path in paths:
            held.append(_acquire(path, deadline, wait, output, on_wait))
        yield
    finally:
        for fd in reversed(held):
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)  # closing the last descriptor releases the flock
