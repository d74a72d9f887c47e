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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal.frontmatter.fields import TIMEZONE
from portal.messages import N_
from portal.paths import STATS
from portal.stats import aggregate as agg
from portal.stats.aggregate import Aggregate

MOST_VIEWED_DAYS = 30
CHART_DAYS = 90
MOST_VIEWED = 10
# Statistics older than this at build time are reported as stale.
STALE_AFTER = dt.timedelta(days=2)
STATS_URL = f"{STATS}/"


def stats_dir(settings: dict[str, Any]) -> Path:
    return Path(str(settings.get("PORTAL_STATS_PATH") or "stats"))


def read_aggregate(directory: Path, site_id: str) -> tuple[Aggregate | None, str]:
    """The site's aggregate, checked as ``portal stats ingest`` checks it, and the SHA-256 of
    its text (what the site's pages depend on, for incremental builds); ``(None, "")`` when the
    site has none (statistics are then not shown). A broken file raises ``AggregateError``:
    showing zeros would be a lie."""
    aggregate, text = agg.load(directory, site_id)
    if text is None:
        return None, ""
    return aggregate, hashlib.sha256(text.encode("utf-8")).hexdigest()


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


def _sum_days(days: dict[str, int], prefix: str, last: dt.date) -> int:
    """Views of the days whose ISO date starts with ``prefix`` (a year or a month), up to
    ``last``."""
    until = last.isoformat()
    return sum(v for d, v in days.items() if d.startswith(prefix) and d <= until)


def counters(aggregate: Aggregate, now: dt.datetime) -> list[Counter]:
    today = now.astimezone(TIMEZONE).date()
    days, years = aggregate.days, aggregate.years
    this_month = f"{today:%Y-%m}"
    last_month = f"{today.replace(day=1) - dt.timedelta(days=1):%Y-%m}"
    this_year, last_year = f"{today.year:04d}", f"{today.year - 1:04d}"
    yesterday = today - dt.timedelta(days=1)
    total = sum(days.values()) + sum(years.values())
    return [
        Counter(N_("Hôm nay"), days.get(today.isoformat(), 0), "today"),
        Counter(N_("Hôm qua"), days.get(yesterday.isoformat(), 0), "yesterday"),
        Counter(N_("Tháng này"), _sum_days(days, this_month, today), "month"),
        Counter(N_("Tháng trước"), _sum_days(days, last_month, today), "last_month"),
        Counter(N_("Năm nay"), _sum_days(days, this_year, today) + years.get(this_year, 0), "year"),
        Counter(
            N_("Năm trước"),
            _sum_days(days, last_year, today) + years.get(last_year, 0),
            "last_year",
        ),
        Counter(N_("Tổng số"), total, "total"),
    ]


def series(aggregate: Aggregate, last: dt.date, length: int = CHART_DAYS):
    first = last - dt.timedelta(days=length - 1)
    dates = [first + dt.timedelta(days=n) for n in range(length)]
    return [(day, aggregate.days.get(day.isoformat(), 0)) for day in dates]


def most_viewed(
    aggregate: Aggregate,
    last: dt.date,
    lookup: Callable[[str], Any],
    limit: int = MOST_VIEWED,
    length: int = MOST_VIEWED_DAYS,
) -> list[Ranked]:
    """Items (found by ``lookup(url)``; pages it does not know — the home page, listings, pages
    since removed — are left out) by views over ``length`` days ending on ``last``; ties by
    URL, so the order is stable."""
    first = (last - dt.timedelta(days=length - 1)).isoformat()
    totals: dict[str, int] = {}
    for day, pages in aggregate.recent.items():
        if first <= day <= last.isoformat():
            for url, views in pages.items():
                totals[url] = totals.get(url, 0) + views
    ranked = []
    for url, views in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])):
        item = lookup(url)
        if item is not None and views > 0:
            ranked.append(Ranked(item, views))
            if len(ranked) == limit:
                break
    return ranked


def site_stats(aggregate: Aggregate | None, now: dt.datetime, items: Iterable) -> SiteStats | None:
    """The statistics a site's pages show; ``items`` the site's public content objects (each
    with ``url``). None when the site has no aggregate."""
    if aggregate is None:
        return None
    by_url = {item.url: item for item in items}
    latest = aggregate.newest
    last = latest.date() if latest else now.astimezone(TIMEZONE).date()
    window_first = last - dt.timedelta(days=MOST_VIEWED_DAYS - 1)
    return SiteStats(
        newest=latest,
        counters=counters(aggregate, now),
        series=series(aggregate, last),
        ranked=most_viewed(aggregate, last, by_url.get),
        window=(window_first, last) if latest else None,
        pages=aggregate.pages,
    )


def stale_notice(site, aggregate: Aggregate | None, now: dt.datetime) -> str | None:
    """A notice for the build's output when a site's statistics stopped arriving."""
    if aggregate is None:
        return None
    latest = aggregate.newest
    if latest is not None and now - latest <= STALE_AFTER:
        return None
    when = latest.strftime("%H:%M %d/%m/%Y") if latest else "chưa có"
    when_en = latest.isoformat() if latest else "none yet"
    return (
        f"Cảnh báo: số liệu truy cập của {site.id} mới đến {when}; kiểm tra bước lấy nhật ký "
        f"truy cập trước khi xây dựng. (Visit statistics of {site.id} end at {when_en}: check "
        "that the access logs are fetched and ingested before the build.)"
    )
