"""Access logs: their formats, their lines, and which line is a page view.

Formats (``detect_format`` decides per file from its first non-empty lines; ``--format``
overrides; gzip is recognised by its magic bytes, whatever the file's name):

- ``combined``: nginx's and Apache's combined format
  (``IP - user [10/Oct/2026:13:55:36 +0700] "GET /path?q HTTP/1.1" 200 2326 "referer" "agent"``),
  also Apache's ``vhost_combined`` (a leading ``host:port``: then the line has a host) and
  nginx's ``main`` (one more quoted field, X-Forwarded-For);
- ``cloudfront``: CloudFront standard (legacy) logs, tab-separated W3C extended with a
  ``#Fields:`` header naming the columns (the 33 documented ones when there is none); date and
  time are UTC; the viewer's host is ``x-host-header``; fields are URL-encoded once more by
  CloudFront (the user agent sometimes twice);
- ``cloudflare``: Cloudflare Logpush ``http_requests`` as NDJSON (``EdgeStartTimestamp`` in
  RFC 3339 or as a unix number of seconds, milli-, micro- or nanoseconds).

Reading is bounded (``reading``): lines over 16 KiB are malformed and never kept, gzip bombs
and files over their time budget are refused (``reading.TooCostly``); combined lines are parsed
in linear time (``combined``).

Counting rules (the public contract). A line is a page view when every rule below holds;
otherwise it is excluded for ONE reason, the first rule it fails, in this order:

``malformed``
    the line cannot be parsed (wrong number of fields, bad date, bad request line). Never fatal:
    counted, and the first line numbers are reported.
``method``
    the method is not ``GET`` (``HEAD``, ``POST``… are not views).
``status``
    the status is not 200 or 304 (errors, redirects and 206 partial content are not views).
``asset``
    the path is not a page. A page is a site-relative path ending in ``/`` or ``.html`` (the
    home page is ``/``), except ``404.html``, ``410.html``, anything under ``theme/``,
    ``pagefind*/`` or ``widget/``, and anything whose first segment starts with ``_`` or ``.``.
    Feeds, calendars, images, attachments, scripts and styles are assets.
``bot``
    the user agent is empty or ``-``, longer than ``AGENT_MAX`` (512) characters, or
    ``crawlerdetect`` (JayBizzle's Crawler-Detect list)
    calls it a crawler, or it names HeadlessChrome, Lighthouse, curl, Wget or python-requests.
``site``
    the line belongs to no site: with ``--site`` every line is that site's; otherwise the line's
    host (vhost_combined host, CloudFront ``x-host-header``, Cloudflare ``ClientRequestHost``) is
    matched against each site's ``base_url`` host (its path, if any, must prefix the request's
    and is stripped), else a first path segment equal to a site id is taken as that site (the
    development layout, ``/<site-id>/…``; stripped). With ``--site`` the site's ``base_url``
    path, else a leading ``/<site-id>/``, is stripped when present.
``old``
    its Vietnam day is before the aggregate's horizon (1 January of the year before the newest
    page view's year), so an old log never changes anything (decided in ``ingest``).
``already``
    an earlier ingest counted it (same log, or a copy, grown or gzipped; decided in ``ingest``).

The page key is the site-relative path as nginx resolves it (``keys.normalise``: decoded once,
repeated slashes merged, dot segments removed), query and fragment dropped, no leading slash,
``index.html`` dropped: the home page is ``""``, an article ``tin-tuc/slug/``; a key over 512
characters or with characters no page URL has is no page (``keys.acceptable``: ``asset``).
A view's day is its calendar day in Asia/Ho_Chi_Minh. Blank lines and CloudFront's ``#``
header lines are not lines. A last line without its newline is still being
written: it is left for the next ingest (``LogReader.partial``), neither counted nor excluded.

Nothing here keeps an address, a user agent, a referrer or a query string beyond the line being
classified: ``token()`` (what ``ingest`` hashes to recognise lines already counted) is the time,
method, path without query, status and size of a parsed line, the byte length of a malformed one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path
from urllib.parse import unquote, urlsplit

from crawlerdetect.providers.crawlers import data as _crawler_patterns
from crawlerdetect.providers.exclusions import data as _exclusion_patterns

from portal import paths
from portal.frontmatter.fields import TIMEZONE
from portal.sites import Site
from portal.stats import combined, keys
from portal.stats.reading import Budget, RawLine, open_lines

FORMATS = ("combined", "cloudfront", "cloudflare")
REASONS = ("malformed", "method", "status", "asset", "bot", "site", "old", "already")
VIEW_STATUSES = frozenset({200, 304})
HEAD_LINES = 10  # non-empty lines read to recognise a format

# The 33 fields of CloudFront's standard (legacy) logs, for a file without its #Fields header.
_STANDARD_FIELDS = (
    "date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
    "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
    "x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher "
    "x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port "
    "time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len "
    "sc-range-start sc-range-end"
)
CLOUDFRONT_FIELDS = tuple(_STANDARD_FIELDS.split())
_CLOUDFRONT_NEEDS = ("date", "time", "cs-method", "cs-uri-stem", "sc-status")
_CLOUDFRONT_LINE = re.compile(r"\d{4}-\d{2}-\d{2}\t\d{2}:\d{2}:\d{2}\t")

_REQUEST_LINE = re.compile(r"([A-Za-z]+) (\S+)(?: HTTP/\d+(?:\.\d+)?)?")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_MORE_BOTS = re.compile(r"\b(?:HeadlessChrome|Lighthouse|curl|Wget|python-requests)\b", re.I)
# crawlerdetect's lists, searched as CrawlerDetect.is_crawler does (exclusions removed, then any
# pattern found, ignoring case) in time linear in the agent: its plain words (most of the list,
# escapes such as \/ undone) are looked for in the agent in lower case, the rest as one regular
# expression, where [a-z0-9\-_]*(bot|…) is cut to its second half (the same yes or no; its free
# run made a search quadratic: a unique 3 KB agent took 1.6 s). Tested against CrawlerDetect.
_RUN = r"[a-z0-9\-_]*"
_META = re.compile(r"[\\^$.|?*+()\[\]{}]")
_ESCAPED = re.compile(r"\\([^\w\s])")  # \. \/ \- …: a punctuation character itself


def _word(pattern: str) -> str | None:
    """The plain text a crawler pattern matches (lower case), or None for a real pattern."""
    text = _ESCAPED.sub("", pattern)
    return None if _META.search(text) else _ESCAPED.sub(r"\1", pattern).lower()


_CRAWLER_WORDS = tuple(w for w in map(_word, _crawler_patterns) if w is not None)
_CRAWLERS = re.compile(
    "(" + "|".join(p.removeprefix(_RUN) for p in _crawler_patterns if _word(p) is None) + ")",
    re.IGNORECASE,
)
_EXCLUSIONS = re.compile("(" + "|".join(_exclusion_patterns) + ")", re.IGNORECASE)
AGENT_MAX = 512  # characters: a longer user agent is no browser's
# A unix time from this century in ns, µs or ms is at least this large (seconds: below 1e11).
_UNIX_SCALES = ((10**17, 10**9), (10**14, 10**6), (10**11, 10**3))


class UnknownFormat(ValueError):
    """No supported format matches the first lines of a file."""


@dataclass(frozen=True, slots=True)
class Request:
    """One parsed log line (a request), whatever the format."""

    line: int  # physical line number in the file, from 1
    time: dt.datetime  # aware
    method: str
    path: str  # as requested: percent-encoded, without query or fragment
    query: str
    status: int
    bytes: int
    user_agent: str
    host: str  # lower case, no port; "" when the format has none

    def token(self) -> str:
        """What identifies the line without saying who made it (no address, agent or query)."""
        return f"{self.time.isoformat()}|{self.method}|{self.path}|{self.status}|{self.bytes}"


@dataclass(frozen=True, slots=True)
class Malformed:
    """A line that could not be parsed (``oversized``: longer than ``reading.LINE_MAX``)."""

    line: int
    size: int  # its length in bytes, without the line break
    oversized: bool = False

    def token(self) -> str:
        return f"!{self.size}"


Entry = Request | Malformed


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a line is: a view of ``page`` on ``site`` on ``day``, or excluded for ``reason``."""

    reason: str | None
    site: str | None = None
    page: str | None = None
    day: dt.date | None = None


# --- formats -------------------------------------------------------------------------------


def detect_format(first_lines: Iterable[str]) -> str | None:
    """The format of a file from its first lines (blank ones are skipped), or None."""
    lines = [line.rstrip("\r\n") for line in first_lines if line.strip()][:HEAD_LINES]
    if not lines:
        return None
    if any(line.startswith(("#Version:", "#Fields:")) for line in lines):
        return "cloudfront"
    if any(_CLOUDFRONT_LINE.match(line) for line in lines):
        return "cloudfront"
    # Any head line, not only the first: one damaged line must not make a file unreadable.
    for line in lines:
        data = _json(line) if line.lstrip().startswith("{") else None
        if isinstance(data, dict) and {"ClientRequestURI", "EdgeStartTimestamp"} & set(data):
            return "cloudflare"
    if lines[0].lstrip().startswith("{"):
        return None
    if combined.choose([line.encode("utf-8", "replace") for line in lines]) is not None:
        return "combined"
    return None


class LogReader(Iterator[Entry]):
    """The entries of one log file in order (``Request`` or ``Malformed``); an iterator.

    ``format`` is known once it is open; ``partial`` is the number of an unfinished last line
    (no line break: still being written), left for the next ingest, or 0; ``oversized`` the
    numbers of the lines longer than ``reading.LINE_MAX`` bytes (malformed, never kept), the
    unfinished last line included. ``budget`` bounds the seconds reading may take.
    Raises ``OSError`` (or ``EOFError`` for a truncated gzip) while reading, ``UnknownFormat``
    on opening when nothing is recognised, and ``reading.TooCostly`` when the budget is spent or
    a gzip file expands like a bomb.
    """

    def __init__(self, path: Path, fmt: str = "auto", budget: Budget | None = None):
        self.path = Path(path)
        self.partial = 0
        self.oversized: list[int] = []
        self._stream, self._lines = open_lines(self.path, budget)
        self._fields: dict[str, int] = {name: i for i, name in enumerate(CLOUDFRONT_FIELDS)}
        self._columns = len(CLOUDFRONT_FIELDS)
        try:
            self._head: list[RawLine] = []
            for raw in self._lines:
                self._head.append(raw)
                if len(self._head) == HEAD_LINES:
                    break
            bodies = [raw.body for raw in self._head if raw.body is not None]
            if fmt == "auto":
                detected = detect_format(_decode(body) for body in bodies)
                if detected is None and self._head:
                    raise UnknownFormat(self.path)
                fmt = detected or ""
            self.format = fmt
            self._variant = (combined.choose(bodies) or "combined") if fmt == "combined" else ""
            self._entries = self._generate()
        except BaseException:
            self._stream.close()
            raise

    def __enter__(self) -> LogReader:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self._stream.close()

    def __iter__(self) -> LogReader:
        return self

    def __next__(self) -> Entry:
        return next(self._entries)

    def _generate(self) -> Iterator[Entry]:
        parse = {
            "combined": self._parse_combined,
            "cloudfront": self._parse_cloudfront,
            "cloudflare": _parse_cloudflare,
        }.get(self.format)
        try:
            for raw in chain(self._head, self._lines):
                if raw.body is None:
                    self.oversized.append(raw.number)
                    yield Malformed(raw.number, raw.size, oversized=True)
                    continue
                if self.format == "cloudfront" and raw.body.startswith(b"#"):
                    text = _decode(raw.body)
                    if text.startswith("#Fields:"):
                        names = text[len("#Fields:") :].split()
                        self._fields = {name: i for i, name in enumerate(names)}
                        self._columns = len(names)
                    continue
                entry = parse(raw.number, raw.body) if parse else None
                yield entry if entry is not None else Malformed(raw.number, raw.size)
            self.partial = self._lines.partial
            if self._lines.partial_oversized:
                self.oversized.append(self.partial)
        finally:
            self.close()

    def _parse_combined(self, number: int, body: bytes) -> Request | None:
        found = combined.parse(body, self._variant)
        if found is None:
            return None
        request = _request_line(found.request)
        if request is None or found.status is None:
            return None
        method, path, query, target_host = request
        host = _host(found.vhost or target_host)
        return Request(
            number,
            found.time,
            method,
            path,
            query,
            found.status,
            found.bytes,
            found.user_agent,
            host,
        )

    def _parse_cloudfront(self, number: int, body: bytes) -> Request | None:
        columns = _decode(body).split("\t")
        fields = self._fields
        if len(columns) != self._columns or any(name not in fields for name in _CLOUDFRONT_NEEDS):
            return None

        def get(name: str) -> str:
            value = columns[fields[name]] if name in fields else "-"
            return "" if value == "-" else value

        try:
            moment = dt.datetime.strptime(f"{get('date')} {get('time')}", "%Y-%m-%d %H:%M:%S")
            status = int(get("sc-status"))
            size = int(get("sc-bytes") or 0)
        except ValueError:
            return None
        method = get("cs-method")
        path = unquote(get("cs-uri-stem"), errors="replace")  # undo the log's own encoding
        if not method or not path.startswith("/"):
            return None
        agent = _unquote_twice(get("cs(User-Agent)"))
        return Request(
            number,
            moment.replace(tzinfo=dt.UTC),
            method,
            path,
            get("cs-uri-query"),
            status,
            size,
            agent,
            _host(get("x-host-header")),
        )


def _decode(body: bytes) -> str:
    return body.decode("utf-8", "replace")


def _json(text: str | bytes) -> object:
    """A JSON value, or None when it is not one (a line is at most ``LINE_MAX`` bytes; deep
    nesting is a ``RecursionError`` in the standard parser, caught)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _parse_cloudflare(number: int, body: bytes) -> Request | None:
    data = _json(_decode(body))
    if not isinstance(data, dict):
        return None
    method, uri = data.get("ClientRequestMethod"), data.get("ClientRequestURI")
    status, stamp = data.get("EdgeResponseStatus"), data.get("EdgeStartTimestamp")
    agent, host = data.get("ClientRequestUserAgent") or "", data.get("ClientRequestHost") or ""
    size = data.get("EdgeResponseBytes") or 0
    if not (isinstance(method, str) and isinstance(uri, str) and uri.startswith("/")):
        return None
    if not (_is_int(status) and _is_int(size) and isinstance(agent, str)):
        return None
    moment = _timestamp(stamp)
    if moment is None or not isinstance(host, str):
        return None
    path, _, query = uri.partition("#")[0].partition("?")
    return Request(number, moment, method, path, query, status, size, agent, _host(host))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _timestamp(value: object) -> dt.datetime | None:
    """An RFC 3339 string, or a unix time in s, ms, µs or ns (Logpush's options), to the second."""
    try:
        if isinstance(value, str):
            moment = dt.datetime.fromisoformat(value)
            if moment.tzinfo is None:
                return None
        elif _is_int(value):
            assert isinstance(value, int)
            scale = next((s for limit, s in _UNIX_SCALES if value >= limit), 1)
            moment = dt.datetime.fromtimestamp(value // scale, dt.UTC)
        else:
            return None
    except (ValueError, OverflowError, OSError):
        return None
    return moment.replace(microsecond=0)


def _request_line(line: str | None) -> tuple[str, str, str, str] | None:
    """(method, path, query, host) of a request line; host only from an absolute URI."""
    match = _REQUEST_LINE.fullmatch(line or "")
    if not match:
        return None
    method, target = match.groups()
    host = ""
    if "://" in target and not target.startswith("/"):
        parts = urlsplit(target)
        host, target = parts.netloc, parts.path or "/"
        if parts.query:
            target += "?" + parts.query
    path, _, query = target.partition("#")[0].partition("?")
    return method, path, query, host


def _unquote_twice(value: str) -> str:
    """CloudFront URL-encodes its fields, and user agents sometimes come encoded twice."""
    value = unquote(value, errors="replace")
    return unquote(value, errors="replace") if _PERCENT.search(value) else value


def _host(value: str) -> str:
    """A host without port or final dot, in lower case."""
    value = value.strip().lower()
    if value.startswith("["):  # [2001:db8::1]:8080
        return value[: value.find("]") + 1] if "]" in value else value
    name, colon, port = value.rpartition(":")
    if colon and port.isdigit() and ":" not in name:
        value = name
    return value.rstrip(".")


def read_log(path: Path, fmt: str = "auto", budget: Budget | None = None) -> LogReader:
    """Open a log file (``fmt``: ``auto`` or one of ``FORMATS``); iterate it for its entries."""
    return LogReader(path, fmt, budget)


# --- the counting rules --------------------------------------------------------------------


class SiteMap:
    """Which site a request belongs to, and its path relative to that site."""

    def __init__(self, sites: Iterable[Site], only: str | None = None):
        self.only = only
        self.ids = {site.id for site in sites}
        self._prefix: dict[str, str] = {}
        self._hosts: dict[str, list[tuple[str, str]]] = {}
        for site in sites:
            parts = urlsplit(site.base_url)
            prefix = unquote(parts.path or "/")
            prefix = ("/" + prefix.strip("/") + "/").replace("//", "/")
            self._prefix[site.id] = prefix
            self._hosts.setdefault(_host(parts.hostname or ""), []).append((prefix, site.id))
        for bases in self._hosts.values():
            bases.sort(key=lambda base: -len(base[0]))  # the longest prefix first

    def locate(self, host: str, path: str) -> tuple[str | None, str]:
        """(site id or None, path relative to the site without its leading slash)."""
        if self.only is not None:
            for prefix in (self._prefix.get(self.only, "/"), f"/{self.only}/"):
                rel = _below(path, prefix) if prefix != "/" else None
                if rel is not None:
                    return self.only, rel
            return self.only, path.removeprefix("/")
        for prefix, site_id in self._hosts.get(host, []) if host else []:
            rel = _below(path, prefix)
            if rel is not None:
                return site_id, rel
        first = path.removeprefix("/").split("/", 1)[0]
        if first in self.ids:
            return first, _below(path, f"/{first}/") or ""
        return None, path.removeprefix("/")


def _below(path: str, prefix: str) -> str | None:
    """``path`` without ``prefix`` (``/x/``), or None when it is not below it."""
    if path.startswith(prefix):
        return path[len(prefix) :]
    if path + "/" == prefix:
        return ""
    return None


def page_key(rel: str) -> str | None:
    """The page key of a site-relative path (``keys.normalise``d, no leading slash), None for an
    asset or a path no page can have (``keys.acceptable``)."""
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    if not (rel == "" or rel.endswith(("/", ".html"))):
        return None
    first = rel.split("/", 1)[0]
    last = rel.rsplit("/", 1)[-1]
    if last in (paths.NOT_FOUND_FILE, paths.GONE_FILE) or first[:1] in ("_", "."):
        return None
    if "/" in rel and (
        first in (paths.THEME, paths.WIDGET) or first.startswith(paths.SEARCH_BUNDLE)
    ):
        return None
    return rel if keys.acceptable(rel) else None


def rekey(key: str) -> str | None:
    """A page key counted before paths were normalised, as it is counted now (None: dropped)."""
    return page_key(keys.resolve(key)[1:])


@lru_cache(maxsize=8192)
def is_bot(user_agent: str) -> bool:
    """True for an empty user agent, ``-``, a known crawler and the tools named in the rules."""
    agent = user_agent.strip()
    if agent in ("", "-"):
        return True
    if len(agent) > AGENT_MAX or _MORE_BOTS.search(agent):
        return True
    rest = _EXCLUSIONS.sub("", agent)
    if not rest:
        return False
    lower = rest.lower()
    if any(word in lower for word in _CRAWLER_WORDS):
        return True
    found = _CRAWLERS.search(rest)
    return bool(found and found.group(1))


def vietnam_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(TIMEZONE).date()


def classify(entry: Entry, sites: SiteMap) -> Verdict:
    """Apply the rules ``malformed`` to ``site`` (``old`` and ``already`` are ``ingest``'s)."""
    if isinstance(entry, Malformed):
        return Verdict("malformed")
    if entry.method != "GET":
        return Verdict("method")
    if entry.status not in VIEW_STATUSES:
        return Verdict("status")
    site, rel = sites.locate(entry.host, keys.normalise(entry.path))
    page = page_key(rel)
    if page is None:
        return Verdict("asset")
    if is_bot(entry.user_agent):
        return Verdict("bot")
    if site is None:
        return Verdict("site")
    return Verdict(None, site, page, vietnam_day(entry.time))
