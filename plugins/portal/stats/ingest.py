"""``portal stats ingest``: count the page views of access logs into each site's aggregate.

Re-ingesting never counts a line twice. Every line (parsed or not) becomes a token without
address or user agent (``Request.token``: time, method, path without query, status, size;
``Malformed.token``: ``!`` and its byte length). A log's record in a site's ``sources`` is the
sha256 of its first token (``first``), how many lines were counted through (``lines``), the
sha256 of those tokens joined with "\\n" (``digest``) and their newest Vietnam day (``last``).
Ingesting a file looks up the records with its ``first``, hashes its tokens as it reads and,
for each record no longer than the file, compares the running digest at that record's line
count: the longest record that matches is the part already counted (its lines are ``already``),
the rest is counted, and that record is extended to the whole file (or a new one added). So a
grown log counts only its new lines, a rotated or gzipped copy of a counted log counts nothing,
and two logs that share a first line but diverge are two sources. Each site keeps its own
records: a log holding lines of several sites is recognised per site.

Within one run the files are read shortest first (a copy taken earlier is then a prefix of the
later one and matches its record), and the horizon (``old``) is settled once, after every file
is read, from the newest view of the run, so the order of the files changes nothing.

Nothing is half-written: a file that cannot be read (missing, unreadable, truncated gzip, no
format recognised) is reported and leaves no trace, the other files are still counted; each
site's aggregate is saved once at the end, atomically; a lock file in the stats folder keeps
two ingests from interleaving.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import fcntl
import gzip
import hashlib
import os
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from portal.sites import Site
from portal.stats import aggregate as agg
from portal.stats.logs import (
    REASONS,
    Malformed,
    Request,
    SiteMap,
    UnknownFormat,
    classify,
    read_log,
    rekey,
    vietnam_day,
)
from portal.stats.reading import LINE_MAX, TIME_BUDGET, Budget, LogStream, TooCostly

MALFORMED_SHOWN = 5  # line numbers of malformed lines kept per file
LOCK_FILE = ".ingest.lock"
READ_ERRORS = (OSError, EOFError, zlib.error, gzip.BadGzipFile)


class IngestError(Exception):
    """The run cannot start (unknown site, broken aggregate): nothing was written."""

    def __init__(self, message: str, english: str):
        self.message, self.english = message, english
        super().__init__(f"{message} ({english})")


@dataclass
class FileReport:
    """What one log file gave."""

    path: Path
    format: str = ""
    lines: int = 0  # lines read (blank and header lines aside)
    views: int = 0  # page views counted
    excluded: Counter[str] = field(default_factory=Counter)  # reason → lines
    malformed: list[int] = field(default_factory=list)  # first line numbers of malformed lines
    oversized: list[int] = field(default_factory=list)  # first line numbers of overlong lines
    sites: Counter[str] = field(default_factory=Counter)  # site → page views counted
    partial: int = 0  # an unfinished last line (still being written), left for the next ingest
    error: tuple[str, str] | None = None  # (Vietnamese, English): the file could not be read


@dataclass
class IngestReport:
    files: list[FileReport] = field(default_factory=list)  # in the order given
    sites: Counter[str] = field(default_factory=Counter)  # site → page views added
    written: list[Path] = field(default_factory=list)  # aggregates saved

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.error]

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class _Segment:
    """Views of one site between two record lengths of a file."""

    views: Counter[tuple[dt.date, str]] = field(default_factory=Counter)
    newest: dt.datetime | None = None


@dataclass
class _Pending:
    """One file's views of one site, waiting for the run's horizon."""

    report: FileReport
    fresh: Counter[tuple[dt.date, str]] = field(default_factory=Counter)
    already: Counter[dt.date] = field(default_factory=Counter)
    newest: dt.datetime | None = None


def ingest(
    paths: Iterable[Path],
    stats_dir: Path,
    sites: Iterable[Site],
    site_id: str | None = None,
    fmt: str = "auto",
    time_budget: float | None = TIME_BUDGET,
) -> IngestReport:
    """Count the page views of ``paths`` into ``stats_dir/<site-id>.json``.

    ``site_id``: every line is that site's; otherwise lines go to sites by host or path.
    ``fmt``: ``auto`` (per file) or one of ``logs.FORMATS``. ``time_budget``: seconds each file
    may take (``None``: no limit). A file that cannot be read, takes longer or is a gzip bomb
    (``reading``) is reported in its ``FileReport.error`` and leaves no trace. Raises
    ``IngestError`` for an unknown site, a broken aggregate or a stats folder that cannot be
    used (before anything is written), and when an aggregate cannot be saved (those saved
    before it stay, each consistent with its sources).
    """
    sites = list(sites)
    ids = [s.id for s in sites]
    if site_id is not None and site_id not in ids:
        raise IngestError(
            f"không có trang '{site_id}' trong sites.yml", f"no site '{site_id}' in sites.yml"
        )
    sitemap = SiteMap(sites, site_id)
    stats_dir = Path(stats_dir)
    report = IngestReport([FileReport(Path(p)) for p in paths])
    budgets = {id(file): Budget(time_budget) for file in report.files}
    with _locked(stats_dir):
        loaded = {}
        for sid in [site_id] if site_id else ids:
            try:
                loaded[sid] = agg.load(stats_dir, sid)
            except agg.AggregateError as exc:
                raise IngestError(
                    f"{exc.path}: {exc.message}", f"{exc.path}: {exc.english}"
                ) from None
        aggregates = {sid: aggregate for sid, (aggregate, _) in loaded.items()}
        for aggregate in aggregates.values():
            aggregate.rekey(rekey)  # keys counted before normalisation, as they count now
        pending: dict[str, list[_Pending]] = {}
        for file in _shortest_first(report.files, budgets):
            try:
                with budgets[id(file)] as budget:
                    found = _read(file, fmt, sitemap, aggregates, budget)
            except UnknownFormat:
                file.error = (
                    "không nhận ra định dạng nhật ký (combined, cloudfront, cloudflare); "
                    "hãy chỉ rõ bằng --format",
                    "log format not recognised (combined, cloudfront, cloudflare); use --format",
                )
                continue
            except READ_ERRORS as exc:
                file.error = (f"không đọc được tệp: {exc}", f"cannot read the file: {exc}")
                continue
            except TooCostly as exc:
                file.error = (exc.message, exc.english)
                continue
            for sid, waiting in found.items():
                pending.setdefault(sid, []).append(waiting)
        for sid, waiting in pending.items():
            _settle(aggregates[sid], waiting, report)
        for aggregate, text in loaded.values():
            aggregate.advance(None)
            if aggregate.is_empty() and text is None:
                continue
            if aggregate.dumps() == text:
                continue
            try:
                report.written.append(agg.save(aggregate, stats_dir))
            except OSError as exc:
                raise IngestError(
                    f"không ghi được thống kê của {aggregate.site}: {exc}",
                    f"cannot write the stats of {aggregate.site}: {exc}",
                ) from None
    return report


@contextlib.contextmanager
def _locked(stats_dir: Path) -> Iterator[None]:
    """Hold the stats folder's lock (waiting for another ingest to finish)."""
    try:
        stats_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(stats_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise IngestError(
            f"không dùng được thư mục thống kê {stats_dir}: {exc}",
            f"cannot use the stats folder {stats_dir}: {exc}",
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _shortest_first(files: list[FileReport], budgets: dict[int, Budget]) -> list[FileReport]:
    """Readable files by their number of line breaks (a copy taken earlier comes first)."""
    sizes = {}
    for file in files:
        try:
            with budgets[id(file)] as budget, LogStream(file.path, budget) as stream:
                sizes[id(file)] = sum(chunk.count(b"\n") for chunk in stream.chunks())
        except READ_ERRORS as exc:
            file.error = (f"không đọc được tệp: {exc}", f"cannot read the file: {exc}")
        except TooCostly as exc:
            file.error = (exc.message, exc.english)
    return sorted((f for f in files if not f.error), key=lambda f: sizes[id(f)])


def _read(
    file: FileReport,
    fmt: str,
    sitemap: SiteMap,
    aggregates: dict[str, agg.Aggregate],
    budget: Budget,
) -> dict[str, _Pending]:
    """Read one file; on success record it in the aggregates' sources and return its views."""
    digest = hashlib.sha256()
    first = ""
    candidates: dict[str, list[agg.Source]] = {}
    bounds: list[int] = []  # every candidate record's line count, ascending
    wanted: set[int] = set()
    digests: dict[int, str] = {}  # the running digest at each of them
    segments: dict[str, dict[int, _Segment]] = {}  # site → index in bounds → views
    newest_day: dt.date | None = None
    excluded: Counter[str] = Counter()
    malformed: list[int] = []
    count = 0
    with read_log(file.path, fmt, budget) as reader:
        for entry in reader:
            count += 1
            token = entry.token().encode("utf-8")
            if count == 1:
                first = hashlib.sha256(token).hexdigest()
                for sid, aggregate in aggregates.items():
                    candidates[sid] = [s for s in aggregate.sources if s.first == first]
                bounds = sorted({s.lines for found in candidates.values() for s in found})
                wanted = set(bounds)
            else:
                digest.update(b"\n")
            digest.update(token)
            if count in wanted:
                digests[count] = digest.hexdigest()
            if isinstance(entry, Malformed):
                if len(malformed) < MALFORMED_SHOWN:
                    malformed.append(entry.line)
            else:
                day = vietnam_day(entry.time)
                newest_day = day if newest_day is None or day > newest_day else newest_day
            verdict = classify(entry, sitemap)
            if verdict.reason:
                excluded[verdict.reason] += 1
                continue
            assert isinstance(entry, Request) and verdict.site and verdict.day
            assert verdict.page is not None
            segment = segments.setdefault(verdict.site, {}).setdefault(
                bisect.bisect_left(bounds, count), _Segment()
            )
            segment.views[(verdict.day, verdict.page)] += 1
            if segment.newest is None or entry.time > segment.newest:
                segment.newest = entry.time
        file.format, file.partial = reader.format, reader.partial
        file.oversized = reader.oversized[:MALFORMED_SHOWN]
    file.lines, file.excluded, file.malformed = count, excluded, malformed
    whole = digest.hexdigest()
    found: dict[str, _Pending] = {}
    for sid, aggregate in aggregates.items():
        matched = max(
            (s for s in candidates.get(sid, []) if digests.get(s.lines) == s.digest),
            key=lambda s: s.lines,
            default=None,
        )
        if not (matched or segments.get(sid)):
            continue
        waiting = found[sid] = _Pending(file)
        done = matched.lines if matched else 0
        for index, segment in segments.get(sid, {}).items():
            if index < len(bounds) and bounds[index] <= done:  # every line of it <= done
                for (day, _page), views in segment.views.items():
                    waiting.already[day] += views
                continue
            waiting.fresh.update(segment.views)
            if segment.newest and (waiting.newest is None or segment.newest > waiting.newest):
                waiting.newest = segment.newest
        days = [d for d in (newest_day and newest_day.isoformat(), matched and matched.last) if d]
        record = agg.Source(first, count, whole, max(days))
        aggregate.sources = [s for s in aggregate.sources if s is not matched] + [record]
    return found


def _settle(aggregate: agg.Aggregate, waiting: list[_Pending], report: IngestReport) -> None:
    """Move the horizon to the run's newest view, then count or exclude as ``old``."""
    newest = max((w.newest for w in waiting if w.newest), default=None)
    aggregate.advance(newest)
    horizon = aggregate.horizon
    for w in waiting:
        file = w.report
        for (day, page), views in sorted(w.fresh.items()):
            if horizon is None or day < horizon:
                file.excluded["old"] += views
                continue
            aggregate.add(day, page, views)
            file.views += views
            file.sites[aggregate.site] += views
            report.sites[aggregate.site] += views
        for day, lines in w.already.items():
            file.excluded["old" if horizon is None or day < horizon else "already"] += lines


# --- the report ----------------------------------------------------------------------------

REASON_NAMES = {
    "malformed": "dòng hỏng",
    "method": "không phải GET",
    "status": "mã trạng thái khác 200/304",
    "asset": "không phải trang",
    "bot": "máy/bot",
    "site": "không thuộc trang nào",
    "old": "quá cũ",
    "already": "đã tính lần trước",
}


def render(report: IngestReport) -> str:
    """The report in Vietnamese, each line with its English twin."""
    out: list[str] = []
    for file in report.files:
        if file.error:
            out.append(f"{file.path}: LỖI: {file.error[0]} (ERROR: {file.error[1]})")
            continue
        fmt = file.format or "rỗng/empty"
        out.append(
            f"{file.path} ({fmt}): {file.lines} dòng, {file.views} lượt xem được tính "
            f"({file.lines} lines, {file.views} page views counted)"
        )
        reasons = [r for r in REASONS if file.excluded.get(r)]
        if reasons:
            vi = ", ".join(f"{REASON_NAMES[r]} {file.excluded[r]}" for r in reasons)
            en = ", ".join(f"{r} {file.excluded[r]}" for r in reasons)
            out.append(f"  bỏ qua: {vi} (excluded: {en})")
        if file.malformed:
            numbers = ", ".join(str(n) for n in file.malformed)
            more = "…" if file.excluded["malformed"] > len(file.malformed) else ""
            out.append(f"  dòng hỏng ở dòng {numbers}{more} (malformed lines: {numbers}{more})")
        if file.oversized:
            numbers = ", ".join(str(n) for n in file.oversized)
            out.append(
                f"  dòng dài quá {LINE_MAX // 1024} KiB (không đọc, tính là dòng hỏng) ở dòng "
                f"{numbers} (lines longer than {LINE_MAX // 1024} KiB, not read, counted as "
                f"malformed: {numbers})"
            )
        if file.partial:
            out.append(
                f"  dòng {file.partial} chưa ghi xong, để lần sau (line {file.partial} is "
                "unfinished, left for the next ingest)"
            )
    if report.sites:
        out.append("Lượt xem mới theo trang (page views added per site):")
        out.extend(f"  {sid}: {views}" for sid, views in sorted(report.sites.items()))
    else:
        out.append("Không có lượt xem mới. (No new page views.)")
    for path in report.written:
        out.append(f"Đã ghi {path} (written)")
    if report.failed:
        n = len(report.failed)
        out.append(
            f"{n} tệp không đọc được; các tệp khác vẫn được tính. "
            f"({n} file(s) could not be read; the others were counted.)"
        )
    return "\n".join(out) + "\n"
