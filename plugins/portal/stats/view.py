"""What a site's pages show of its visit statistics, computed at build time from the site's
aggregate file (``<PORTAL_STATS_PATH>/<site-id>.json``, written by ``portal stats ingest``).

- **Counters** ("Thống kê truy cập"): page views today, yesterday, this month, last month, this
  year, last year and in all, by calendar in Asia/Ho_Chi_Minh at the build's ``now``. A day
  the logs have not reached yet counts what was ingested (the page says up to when).
- **Most viewed** ("Xem nhiều nhất"): the site's public items with the most page views in the
  30 days ending on the newest day of the logs, and **daily views** for the 90 days ending
  there (the statistics page's chart). Both end at the data, not at ``now``: when logs stop
  arriving, the lists keep their last honest state, dated, and the build says the statistics
  are stale (``stale_notice``) instead of showing empty lists.
- **View counts** per page: all-time page views of a URL.

Nothing here reads the clock: the output is a function of the aggregate and ``now``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from portal.messages import N_

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
FORMAT = 1
MOST_VIEWED_DAYS = 30
CHART_DAYS = 90
MOST_VIEWED = 10
# Statistics older than this at build time are reported as stale.
STALE_AFTER = dt.timedelta(days=2)
STATS_URL = "thong-ke-truy-cap/"


class StatsError(Exception):
    """An aggregate file that cannot be read; ``message`` names it (Vietnamese, English)."""

    def __init__(self, path: Path, vietnamese: str, english: str):
        super().__init__(f"{path}: {vietnamese} ({english})")
        self.path = path
        self.vietnamese = vietnamese
        self.english = english


def stats_dir(settings: dict[str, Any]) -> Path:
    return Path(str(settings.get("PORTAL_STATS_PATH") or "stats"))


def aggregate_path(directory: Path, site_id: str) -> Path:
    return directory / f"{site_id}.json"


def read_aggregate(path: Path) -> dict[str, Any] | None:
    """The aggregate at ``path``, or None when the site has none (statistics are then not
    shown). A broken file is an error: showing zeros would be a lie."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StatsError(path, f"không đọc được tệp: {error}", f"cannot read: {error}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise StatsError(
            path, f"tệp số liệu truy cập hỏng: {error}", f"broken statistics file: {error}"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StatsError(
            path,
            f"tệp số liệu truy cập không đúng định dạng {FORMAT}",
            f"statistics file is not format {FORMAT}",
        )
    for name in ("days", "years", "pages", "recent"):
        if not isinstance(data.get(name, {}), dict):
            raise StatsError(path, f"mục “{name}” phải là một bảng", f"“{name}” must be a mapping")
    return data


def digest(data: dict[str, Any] | None) -> str:
    """What the site's pages depend on (for incremental builds)."""
    if data is None:
        return ""
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Counter:
    label: str  # N_() message id
    value: int
    key: str  # today, yesterday, month, last_month, year, last_year, total


@dataclass(frozen=True)
class Ranked:
    item: Any  # the Pelican content object (its url, title, date)
    views: int


@dataclass
class SiteStats:
    newest: dt.datetime | None
    counters: list[Counter]
    series: list[tuple[dt.date, int]]  # CHART_DAYS days ending on the newest day
    ranked: list[Ranked]  # most viewed in MOST_VIEWED_DAYS days, at most MOST_VIEWED
    window: tuple[dt.date, dt.date] | None  # the most-viewed window, first and last day
    pages: dict[str, int] = field(default_factory=dict)
    url: str = STATS_URL

    def views(self, url: str) -> int:
        """All-time page views of the page at site-relative ``url``."""
        return self.pages.get(url, 0)

    @property
    def chart(self):
        """The daily chart's geometry (``portal.stats.chart``)."""
        from portal.stats.chart import daily_columns

        return daily_columns(self.series)


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    month = day.month - back
    year = day.year
    while month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


def _sum_days(days: dict[dt.date, int], first: dt.date, last: dt.date) -> int:
    return sum(v for d, v in days.items() if first <= d <= last)


def _days(data: dict[str, Any]) -> dict[dt.date, int]:
    return {dt.date.fromisoformat(k): int(v) for k, v in data.get("days", {}).items()}


def counters(data: dict[str, Any], now: dt.datetime) -> list[Counter]:
    today = now.astimezone(TIMEZONE).date()
    days = _days(data)
    years = {int(k): int(v) for k, v in data.get("years", {}).items()}
    this_month = _month_start(today)
    last_month = _month_start(today, 1)
    this_year = dt.date(today.year, 1, 1)
    last_year = dt.date(today.year - 1, 1, 1)
    yesterday = today - dt.timedelta(days=1)
    total = sum(days.values()) + sum(years.values())
    return [
        Counter(N_("Hôm nay"), days.get(today, 0), "today"),
        Counter(N_("Hôm qua"), days.get(yesterday, 0), "yesterday"),
        Counter(N_("Tháng này"), _sum_days(days, this_month, today), "month"),
        Counter(
            N_("Tháng trước"),
            _sum_days(days, last_month, this_month - dt.timedelta(days=1)),
            "last_month",
        ),
        Counter(
            N_("Năm nay"), _sum_days(days, this_year, today) + years.get(today.year, 0), "year"
        ),
        Counter(
            N_("Năm trước"),
            _sum_days(days, last_year, this_year - dt.timedelta(days=1))
            + years.get(today.year - 1, 0),
            "last_year",
        ),
        Counter(N_("Tổng số"), total, "total"),
    ]


def newest(data: dict[str, Any]) -> dt.datetime | None:
    value = data.get("newest")
    return dt.datetime.fromisoformat(value).astimezone(TIMEZONE) if value else None


def series(data: dict[str, Any], last: dt.date, length: int = CHART_DAYS):
    days = _days(data)
    first = last - dt.timedelta(days=length - 1)
    return [
        (first + dt.timedelta(days=n), days.get(first + dt.timedelta(days=n), 0))
        for n in range(length)
    ]


def most_viewed(
    data: dict[str, Any],
    last: dt.date,
    lookup: Callable[[str], Any],
    limit: int = MOST_VIEWED,
    length: int = MOST_VIEWED_DAYS,
) -> list[Ranked]:
    """Items (found by ``lookup(url)``; pages it does not know — the home page, listings, pages
    since removed — are left out) by views over ``length`` days ending on ``last``; ties by
    URL, so the order is stable."""
    first = last - dt.timedelta(days=length - 1)
    totals: dict[str, int] = {}
    for day, pages in data.get("recent", {}).items():
        if first <= dt.date.fromisoformat(day) <= last:
            for url, views in pages.items():
                totals[url] = totals.get(url, 0) + int(views)
    ranked = []
    for url, views in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])):
        item = lookup(url)
        if item is not None and views > 0:
            ranked.append(Ranked(item, views))
            if len(ranked) == limit:
                break
    return ranked


def site_stats(data: dict[str, Any] | None, now: dt.datetime, items: Iterable) -> SiteStats | None:
    """The statistics a site's pages show; ``items`` the site's public content objects (each
    with ``url``). None when the site has no aggregate."""
    if data is None:
        return None
    by_url = {item.url: item for item in items}
    latest = newest(data)
    last = latest.date() if latest else now.astimezone(TIMEZONE).date()
    window_first = last - dt.timedelta(days=MOST_VIEWED_DAYS - 1)
    return SiteStats(
        newest=latest,
        counters=counters(data, now),
        series=series(data, last),
        ranked=most_viewed(data, last, by_url.get),
        window=(window_first, last) if latest else None,
        pages={str(k): int(v) for k, v in data.get("pages", {}).items()},
    )


def stale_notice(site, data: dict[str, Any] | None, now: dt.datetime) -> str | None:
    """A notice for the build's output when a site's statistics stopped arriving."""
    if data is None:
        return None
    latest = newest(data)
    if latest is not None and now - latest <= STALE_AFTER:
        return None
    when = latest.strftime("%H:%M %d/%m/%Y") if latest else "chưa có"
    when_en = latest.isoformat() if latest else "none yet"
    return (
        f"Cảnh báo: số liệu truy cập của {site.id} mới đến {when}; kiểm tra bước lấy nhật ký "
        f"truy cập trước khi xây dựng. (Visit statistics of {site.id} end at {when_en}: check "
        "that the access logs are fetched and ingested before the build.)"
    )
