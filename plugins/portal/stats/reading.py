"""The lines of a log file, read in bounded memory and time, whatever the file holds.

- A file is read in ``CHUNK`` blocks, decompressed when it starts with gzip's magic bytes
  (whatever its name); memory never grows with a line's length or the file's size.
- A line longer than ``LINE_MAX`` bytes is never kept: its bytes are counted as they pass and it
  comes out as ``RawLine(body=None)`` (``oversized``), so the reader reports it as malformed.
- A gzip file that expands more than ``GZIP_MAX_RATIO`` times its compressed size, once past
  ``GZIP_RATIO_FROM`` bytes, is no log (access logs gzip 5–30×; a bomb of zeros ~1000×):
  reading stops with ``TooCostly``.
- A ``Budget`` of seconds per file: reading stops with ``TooCostly`` once it is spent. Each
  chunk's lines cost a bounded time (lines are capped and parsed in linear time), so a budget
  is overrun by at most one chunk's work.

``TooCostly`` carries a Vietnamese message and its English twin; ``ingest`` reports the file as
not read and keeps nothing of it.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 16
LINE_MAX = 16 * 1024  # bytes of one line, without its line break
GZIP_MAX_RATIO = 200
GZIP_RATIO_FROM = 64 << 20  # decompressed bytes before the ratio is judged
TIME_BUDGET = 300.0  # seconds per file, by default
_BLANK = b" \t\r\x0b\x0c\x1c\x1d\x1e\x1f"  # ASCII bytes str.strip() removes


class TooCostly(Exception):
    """Reading a file was stopped: it would take more time or memory than a log may."""

    def __init__(self, message: str, english: str):
        self.message, self.english = message, english
        super().__init__(f"{message} ({english})")


class Budget:
    """Seconds a file may take, summed over the passes that read it (``None``: no limit)."""

    def __init__(self, seconds: float | None = TIME_BUDGET):
        self.seconds = seconds
        self.spent = 0.0
        self._since: float | None = None

    def __enter__(self) -> Budget:
        self._since = time.monotonic()
        return self

    def __exit__(self, *_exc) -> None:
        if self._since is not None:
            self.spent += time.monotonic() - self._since
            self._since = None

    def check(self) -> None:
        if self.seconds is None:
            return
        running = time.monotonic() - self._since if self._since is not None else 0.0
        if self.spent + running > self.seconds:
            raise TooCostly(
                f"đọc tệp quá {self.seconds:g} giây cho phép; bỏ qua cả tệp, không tính dòng nào",
                f"reading took more than the {self.seconds:g} s allowed; the whole file is "
                "skipped, nothing of it counted",
            )


class LogStream:
    """A file's bytes, decompressed if gzipped, read by ``read`` under the guards above."""

    def __init__(self, path: Path, budget: Budget | None = None):
        self.budget = budget or Budget(None)
        self._raw: BinaryIO = open(path, "rb")  # noqa: SIM115 (closed by close())
        try:
            self.gzipped = self._raw.read(2) == GZIP_MAGIC
            self._raw.seek(0)
            self._stream: BinaryIO = (
                gzip.GzipFile(fileobj=self._raw, mode="rb")  # type: ignore[assignment]
                if self.gzipped
                else self._raw
            )
        except BaseException:
            self._raw.close()
            raise
        self._produced = 0

    def read(self, size: int = CHUNK) -> bytes:
        self.budget.check()
        data = self._stream.read(size)
        self._produced += len(data)
        if (
            self.gzipped
            and self._produced > GZIP_RATIO_FROM
            and self._produced > GZIP_MAX_RATIO * max(self._raw.tell(), 1)
        ):
            raise TooCostly(
                f"tệp gzip giải nén ra hơn {GZIP_MAX_RATIO} lần kích thước nén: không phải nhật "
                "ký truy cập (bom gzip?); bỏ qua cả tệp",
                f"the gzip file expands more than {GZIP_MAX_RATIO} times its size: not an "
                "access log (a gzip bomb?); the whole file is skipped",
            )
        return data

    def chunks(self) -> Iterator[bytes]:
        while data := self.read(CHUNK):
            yield data

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            self._raw.close()

    def __enter__(self) -> LogStream:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class RawLine:
    """One line: its number (from 1), its length in bytes without the line break, its bytes
    (``None`` when longer than ``LINE_MAX``)."""

    number: int
    size: int
    body: bytes | None

    @property
    def oversized(self) -> bool:
        return self.body is None


class Lines(Iterator[RawLine]):
    """The non-blank lines of a stream that end in a line break (``\\r`` before it dropped).

    After iteration, ``partial`` is the number of an unfinished last line (no line break: still
    being written) or 0, and ``partial_oversized`` tells whether it is already too long.
    """

    def __init__(self, stream: LogStream):
        self.partial = 0
        self.partial_oversized = False
        self._lines = self._generate(stream)

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> RawLine:
        return next(self._lines)

    def _generate(self, stream: LogStream) -> Iterator[RawLine]:
        number = 0
        kept: list[bytes] | None = []  # the current line's pieces while it fits
        size = 0  # its length so far
        crs = 0  # how many of its last bytes are \r
        for chunk in stream.chunks():
            start = 0
            while True:
                end = chunk.find(b"\n", start)
                piece = chunk[start:] if end < 0 else chunk[start:end]
                if piece:
                    size += len(piece)
                    stripped = len(piece.rstrip(b"\r"))
                    crs = crs + len(piece) if stripped == 0 else len(piece) - stripped
                    if kept is not None and size - crs <= LINE_MAX and size <= LINE_MAX + CHUNK:
                        kept.append(piece)
                    else:
                        kept = None
                if end < 0:
                    break
                number += 1
                length = size - crs
                if kept is None or length > LINE_MAX:
                    yield RawLine(number, length, None)
                else:
                    body = b"".join(kept)[:length]
                    if not _blank(body):
                        yield RawLine(number, length, body)
                kept, size, crs = [], 0, 0
                start = end + 1
        if size and (kept is None or b"".join(kept).strip()):
            self.partial = number + 1
            self.partial_oversized = kept is None or size - crs > LINE_MAX


def _blank(body: bytes) -> bool:
    """What ``not body.decode("utf-8", "replace").strip()`` says, decoding only when needed."""
    rest = body.lstrip(_BLANK)
    if not rest:
        return True
    if rest[0] < 0x80:
        return False
    return not rest.decode("utf-8", "replace").strip()


def open_lines(path: Path, budget: Budget | None = None) -> tuple[LogStream, Lines]:
    stream = LogStream(path, budget)
    return stream, Lines(stream)
