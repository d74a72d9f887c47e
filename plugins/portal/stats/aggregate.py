"""One site's page views: ``<stats>/<site-id>.json``, counts only, a pure function of the logs.

Format 1 (another part of the build reads it)::

    {"format": 1, "site": "tinh-lam-giang", "newest": "2026-11-22T11:58:07+07:00",
     "days": {"2026-11-21": 812}, "years": {"2024": 10234},
     "pages": {"": 20133, "tin-tuc/slug/": 131},
     "recent": {"2026-11-21": {"": 300, "tin-tuc/slug/": 12}},
     "sources": [{"first": "<sha256>", "lines": 15234, "digest": "<sha256>", "last": "2026-11-21"}]}

- ``newest``: the newest page view ever counted (Asia/Ho_Chi_Minh, to the second), or null;
  never the clock.
- ``days``: views per Vietnam day from the horizon on: 1 January of the year before
  ``newest``'s year. When the horizon moves, older days are folded into ``years``.
- ``pages``: views per page key, all time. ``recent``: per day per page, the ``RECENT_DAYS``
  days up to and including ``newest``'s day.
- ``sources``: the logs already counted (``ingest``); a record whose ``last`` day is before the
  horizon is dropped (its lines would all be too old to count anyway).

Written sorted, indented by one, atomically (temporary file, then ``os.replace``). A missing file
is an empty aggregate; a broken one is an ``AggregateError`` and is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal.frontmatter.fields import TIMEZONE

FORMAT = 1
RECENT_DAYS = 40
_HEX = re.compile(r"[0-9a-f]{64}")


class AggregateError(Exception):
    """An aggregate file that cannot be read as format 1: reported, never overwritten."""

    def __init__(self, path: Path, message: str, english: str):
        self.path, self.message, self.english = path, message, english
        super().__init__(f"{path}: {message} ({english})")


@dataclass(frozen=True, order=True)
class Source:
    """A log already counted: its first line, how many lines were counted and their digest."""

    first: str  # sha256 of the first line's token
    lines: int
    digest: str  # sha256 of the first ``lines`` tokens joined with "\n"
    last: str  # the newest Vietnam day among them, YYYY-MM-DD

    def as_json(self) -> dict[str, Any]:
        return {"first": self.first, "lines": self.lines, "digest": self.digest, "last": self.last}


@dataclass
class Aggregate:
    """A site's counts; change it with ``advance`` then ``add``."""

    site: str
    newest: dt.datetime | None = None
    days: dict[str, int] = field(default_factory=dict)
    years: dict[str, int] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    recent: dict[str, dict[str, int]] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)

    @property
    def horizon(self) -> dt.date | None:
        """The first day counted per day: 1 January of the year before the newest view's."""
        return None if self.newest is None else dt.date(self.newest.year - 1, 1, 1)

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day kept in ``recent``."""
        if self.newest is None:
            return None
        last = self.newest.date()
        return last - dt.timedelta(days=RECENT_DAYS - 1), last

    def advance(self, newest: dt.datetime | None) -> None:
        """Take ``newest`` if it is later, then fold and prune what the new horizon leaves out."""
        if newest is not None:
            newest = newest.astimezone(TIMEZONE).replace(microsecond=0)
            if self.newest is None or newest > self.newest:
                self.newest = newest
        horizon, window = self.horizon, self.window
        if horizon is None or window is None:
            return
        start = horizon.isoformat()
        for day in [d for d in self.days if d < start]:
            year = day[:4]
            self.years[year] = self.years.get(year, 0) + self.days.pop(day)
        first, last = window[0].isoformat(), window[1].isoformat()
        self.recent = {d: pages for d, pages in self.recent.items() if first <= d <= last}
        self.sources = sorted({s for s in self.sources if s.last >= start})

    def add(self, day: dt.date, page: str, count: int) -> None:
        """Count ``count`` views of ``page`` on ``day`` (on or after the horizon)."""
        horizon, window = self.horizon, self.window
        if horizon is None or window is None or day < horizon or day > window[1]:
            raise ValueError(f"{day} is outside the aggregate's days")
        key = day.isoformat()
        self.days[key] = self.days.get(key, 0) + count
        self.pages[page] = self.pages.get(page, 0) + count
        if window[0] <= day:
            pages = self.recent.setdefault(key, {})
            pages[page] = pages.get(page, 0) + count

    def rekey(self, key: Callable[[str], str | None]) -> None:
        """Replace each page key ``k`` by ``key(k)``: keys that become one are summed, a key that
        becomes None is dropped from ``pages`` and ``recent`` (its views stay in the days)."""

        def moved(table: dict[str, int]) -> dict[str, int]:
            out: dict[str, int] = {}
            for page, count in table.items():
                new = key(page)
                if new is not None:
                    out[new] = out.get(new, 0) + count
            return out

        self.pages = moved(self.pages)
        self.recent = {day: moved(pages) for day, pages in self.recent.items()}

    def is_empty(self) -> bool:
        return self.newest is None and not (self.sources or self.pages or self.years)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "site": self.site,
            "newest": self.newest.isoformat() if self.newest else None,
            "days": self.days,
            "years": self.years,
            "pages": self.pages,
            "recent": self.recent,
            "sources": [s.as_json() for s in sorted(self.sources)],
        }

    def dumps(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def path_for(stats_dir: Path, site_id: str) -> Path:
    return Path(stats_dir) / f"{site_id}.json"


def load(stats_dir: Path, site_id: str) -> tuple[Aggregate, str | None]:
    """The site's aggregate and the text it was read from (None: no file yet, empty)."""
    path = path_for(stats_dir, site_id)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Aggregate(site_id), None
    except (OSError, UnicodeDecodeError) as exc:
        raise AggregateError(
            path, f"không đọc được tệp thống kê: {exc}", f"cannot read the stats file: {exc}"
        ) from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise AggregateError(
            path, f"tệp thống kê hỏng (JSON sai: {exc})", f"broken stats file (bad JSON: {exc})"
        ) from None
    return from_json(path, site_id, data), text


def save(aggregate: Aggregate, stats_dir: Path) -> Path:
    """Write the aggregate atomically; returns its path."""
    path = path_for(stats_dir, aggregate.site)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(aggregate.dumps())
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def from_json(path: Path, site_id: str, data: Any) -> Aggregate:
    """``data`` (a parsed aggregate file, named ``path`` in errors) checked as format 1."""

    def broken(what: str, english: str) -> AggregateError:
        return AggregateError(
            path,
            f"tệp thống kê hỏng: {what}; hãy sửa hoặc khôi phục tệp, công cụ sẽ không ghi đè",
            f"broken stats file: {english}; fix or restore it, it will not be overwritten",
        )

    if not isinstance(data, dict):
        raise broken("không phải một đối tượng JSON", "not a JSON object")
    if data.get("format") != FORMAT:
        raise AggregateError(
            path,
            f"tệp thống kê có định dạng {data.get('format')!r}, công cụ này chỉ đọc định dạng "
            f"{FORMAT}; tệp được giữ nguyên",
            f"stats file format {data.get('format')!r}, this tool reads format {FORMAT} only; "
            "left untouched",
        )
    if data.get("site") != site_id:
        raise broken(
            f"ghi trang {data.get('site')!r} thay vì {site_id!r}",
            f"names site {data.get('site')!r}, not {site_id!r}",
        )
    newest = data.get("newest")
    moment = None
    if newest is not None:
        try:
            moment = dt.datetime.fromisoformat(newest) if isinstance(newest, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise broken("'newest' không phải thời điểm có múi giờ", "'newest' is not a time")
        moment = moment.astimezone(TIMEZONE)

    def counts(name: str, value: Any, key: re.Pattern[str] | None) -> dict[str, int]:
        if not isinstance(value, dict) or not all(
            isinstance(k, str)
            and (key is None or key.fullmatch(k))
            and isinstance(v, int)
            and not isinstance(v, bool)
            and v >= 0
            for k, v in value.items()
        ):
            raise broken(f"'{name}' không phải bảng số đếm", f"'{name}' is not a table of counts")
        return dict(value)

    day, year = re.compile(r"\d{4}-\d{2}-\d{2}"), re.compile(r"\d{4}")
    aggregate = Aggregate(
        site_id,
        moment,
        counts("days", data.get("days"), day),
        counts("years", data.get("years"), year),
        counts("pages", data.get("pages"), None),
    )
    recent = data.get("recent")
    if not isinstance(recent, dict):
        raise broken("'recent' không phải bảng theo ngày", "'recent' is not a table of days")
    for key, pages in recent.items():
        if not day.fullmatch(key):
            raise broken(f"'recent' có khoá {key!r}", f"'recent' has key {key!r}")
        aggregate.recent[key] = counts(f"recent.{key}", pages, None)
    sources = data.get("sources")
    if not isinstance(sources, list):
        raise broken("'sources' không phải danh sách", "'sources' is not a list")
    for record in sources:
        if not (
            isinstance(record, dict)
            and set(record) == {"first", "lines", "digest", "last"}
            and isinstance(record["first"], str)
            and _HEX.fullmatch(record["first"])
            and isinstance(record["digest"], str)
            and _HEX.fullmatch(record["digest"])
            and isinstance(record["lines"], int)
            and not isinstance(record["lines"], bool)
            and record["lines"] > 0
            and isinstance(record["last"], str)
            and day.fullmatch(record["last"])
        ):
            raise broken("một mục của 'sources' sai dạng", "a 'sources' record is malformed")
        aggregate.sources.append(Source(**record))
    return aggregate
