"""nginx's and Apache's combined lines, parsed in time linear in the line's length.

Three variants, decided once per file (``choose``) from its first lines like before:
``vhost`` (Apache's ``vhost_combined``: ``%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i"
"%{User-Agent}i"``), ``main`` (nginx's: combined plus ``"$http_x_forwarded_for"``) and
``combined`` (``%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"``). They accept the lines
apachelogs (jwodder) accepted with the same formats, field for field, so the tokens of lines
counted before this parser are the same, and a log counted then is recognised now.

Why not apachelogs: its field patterns (``(?:[…]|\\\\x[0-9A-Fa-f]{2}|\\\\.)*?``) match an escape two
ways, so a line that does not parse is tried 2ⁿ ways for its n escapes (a line of 60 bytes with
11 bytes that are not UTF-8 ran for minutes). Here every pattern is deterministic: a quoted field
is ``(?:[printable but " and \\]|\\.)*``, one way to match each byte, closed by the only
unescaped quote; the fields before the time are split at spaces, never searched. Escapes (Apache's
``\\"`` ``\\\\`` ``\\xHH``, nginx's ``\\xHH`` for a quote and any byte outside printable ASCII)
are undone afterwards, and the bytes decoded as UTF-8 (``errors="replace"``). Raw bytes outside
ASCII (another writer) are taken as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

VARIANTS = ("vhost", "main", "combined")  # most specific first: a tie goes to the first
TIME_CANDIDATES = 8  # " [" tried as the start of the time field, from the left

_CHAR = rb"[\x21\x23-\x5b\x5d-\x7e\x80-\xff]"  # printable but space, " and \, or not ASCII
_ESCAPE = rb"\\[^\n]"
_WORD = re.compile(rb"(?:" + _CHAR + rb"|" + _ESCAPE + rb")*")
_TEXT = re.compile(rb"(?:[ ]|" + _CHAR + rb"|" + _ESCAPE + rb")*")
_Q = rb'"((?:[ ]|' + _CHAR + rb"|" + _ESCAPE + rb')*)"'
# From the time on: [time] "request" status bytes "referer" "agent" ["x-forwarded-for"]
_REST = re.compile(
    rb"\[([^\]]+)\] "
    + _Q
    + rb" ([0-9]{3}|-) (-|0|-?[1-9][0-9]*) "
    + _Q
    + rb" "
    + _Q
    + rb"(?: "
    + _Q
    + rb")?"
)
_PORT = re.compile(rb":(0|-?[1-9][0-9]*) ")
_PAIR = re.compile(rb"\\.", re.S)
_UNESCAPE = re.compile(rb"\\(x[0-9A-Fa-f]{2}|.)", re.S)
_UNESCAPES = {b"t": b"\t", b"n": b"\n", b"r": b"\r", b"b": b"\b", b"v": b"\v", b"f": b"\f"}
_TIME = re.compile(r"(\d\d)/(\w\w\w)/(\d{4,}):(\d\d):(\d\d):(\d\d)\s*([-+])(\d\d)(\d\d)", re.ASCII)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}


@dataclass(frozen=True, slots=True)
class Fields:
    """What the counting rules need of a combined line (escapes undone, text decoded)."""

    vhost: str | None  # %v (vhost variant only)
    time: dt.datetime
    request: str | None  # %r, None for "-"
    status: int | None  # None for "-"
    bytes: int
    user_agent: str  # "" for "-"


def parse(line: bytes, variant: str) -> Fields | None:
    """The fields of ``line`` (without its line break) in ``variant``, or None."""
    match, vhost = None, None
    at, tries = line.find(b" ["), 0
    while at >= 0 and tries < TIME_CANDIDATES:  # where the time field starts: a " [" that
        tries += 1  # leaves a valid head before it and the rest of the line after it
        vhost = _head(line[:at], variant)
        if vhost is not None:
            match = _REST.fullmatch(line, at + 1)
            if match is not None and (match.group(7) is None) != (variant == "main"):
                break
            match = None
        at = line.find(b" [", at + 2)
    if match is None:
        return None
    time, request, status, size, _referer, agent, _forwarded = match.groups()
    if variant == "vhost" and size == b"-":  # %O is never "-"
        return None
    if b"\\x" in line and any(m.group(1) == b"x" for m in _UNESCAPE.finditer(line)):
        return None  # apachelogs refused a \x without two hex digits after it (ValueError)
    moment = _time(time)
    if moment is None:
        return None
    return Fields(
        vhost or None,
        moment,
        None if request == b"-" else _text(request),
        None if status == b"-" else int(status),
        0 if size == b"-" else int(size),
        "" if agent == b"-" else _text(agent),
    )


def choose(lines: list[bytes]) -> str | None:
    """The variant that parses most of ``lines`` (the most specific of equals), or None."""
    best, best_count = None, 0
    for variant in VARIANTS:
        count = sum(1 for line in lines if parse(line, variant) is not None)
        if count > best_count:
            best, best_count = variant, count
    return best


def _head(head: bytes, variant: str) -> str | None:
    """``%h %l %u`` (``%v:%p %h %l %u`` for vhost) valid: the vhost, "" for other variants;
    None when not valid."""
    if variant != "vhost":
        return "" if _who(head) else None
    port = _PORT.search(head)
    if port is None or not _TEXT.fullmatch(head, 0, port.start()) or not _who(head[port.end() :]):
        return None
    return _text(head[: port.start()])


def _who(head: bytes) -> bool:
    """``%h %l %u`` as apachelogs took them: %h and %u may hold spaces, %l may not, %u may be
    ``""``; any of them may be empty. So: two spaces at least (not escaped), or ``H L ""``."""
    if head.endswith(b' ""'):
        head = head[:-3]
        return _TEXT.fullmatch(head) is not None and _spaces(head) >= 1
    return _TEXT.fullmatch(head) is not None and _spaces(head) >= 2


def _spaces(text: bytes) -> int:
    """Spaces that separate fields: not the one of an escape (``\\ ``)."""
    return _PAIR.sub(b"", text).count(b" ") if b"\\" in text else text.count(b" ")


def _text(value: bytes) -> str:
    if b"\\" in value:
        value = _UNESCAPE.sub(_unescape, value)
    return value.decode("utf-8", "replace")


def _unescape(match: re.Match[bytes]) -> bytes:
    escape = match.group(1)
    if escape[:1] == b"x" and len(escape) == 3:
        return bytes((int(escape[1:], 16),))
    return _UNESCAPES.get(escape, escape)


def _time(value: bytes) -> dt.datetime | None:
    """``10/Oct/2026:13:55:36 +0700`` (English month names whatever the locale), or None."""
    match = _TIME.fullmatch(value.decode("ascii", "replace"))
    if match is None or match.group(2) not in _MONTHS:
        return None
    day, month, year, hour, minute, second, sign, off_h, off_m = match.groups()
    offset = dt.timedelta(hours=int(off_h), minutes=int(off_m))
    try:
        zone = dt.timezone(-offset if sign == "-" else offset)
        return dt.datetime(
            int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second), tzinfo=zone
        )
    except (ValueError, OverflowError):  # 31/Nov, a year of 30 digits (apachelogs crashed)
        return None
