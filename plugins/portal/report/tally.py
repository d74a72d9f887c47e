"""The monthly tally: per site, how many items were published in a month, by type, by unit and
by contributor, against the month before.

Published in a month: an item (not a standing page) whose front-matter ``date`` falls in that
month in Asia/Ho_Chi_Minh and that has reached the public: anything but a draft or an item still
scheduled at the report's moment. An item that expired or was taken down since still counts in
the month it was published, so a past month's tally does not change. Unit: the front matter's
``unit``. Contributors: the front matter's ``authors``, else the git authors of the change that
created the file (``portal.history``), else none known; an item with two authors counts for both.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from portal.frontmatter.fields import TIMEZONE, Invalid
from portal.types import REGISTRY, titles

KINDS = tuple(kind for kind in REGISTRY if kind != "pages")
NOT_PUBLISHED = frozenset({"draft", "scheduled"})
NO_UNIT = "(không ghi đơn vị)"
NO_CONTRIBUTOR = "(chưa rõ người đóng góp)"
GROUPS = ("type", "unit", "contributor")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2026-11`` → Month; a plain-words ``Invalid`` otherwise."""
        match = _MONTH.match(text.strip())
        if not match or not 1 <= int(match[2]) <= 12:
            raise Invalid(
                f"tháng '{text}' không đúng dạng NNNN-TT (ví dụ 2026-11)",
                "month must be YYYY-MM",
            )
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, moment: dt.datetime) -> Month:
        local = moment.astimezone(TIMEZONE)
        return cls(local.year, local.month)

    @property
    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.month:02d}/{self.year:04d}"

    kind = "month"

    @property
    def name(self) -> str:
        """The period in words: ``tháng 11/2026``."""
        return f"tháng {self.label}"

    def contains(self, moment: dt.datetime) -> bool:
        return Month.of(moment) == self

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        following = (
            Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)
        )
        return following.first - dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter (``2026-Q4``), with the interface of ``Month``."""

    year: int
    quarter: int
    kind = "quarter"

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _QUARTER.match(text.strip())
        if not match:
            raise Invalid(
                f"quý '{text}' không đúng dạng NNNN-QN (ví dụ 2026-Q4)",
                "quarter must be YYYY-QN",
            )
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, moment: dt.datetime) -> Quarter:
        local = moment.astimezone(TIMEZONE)
        return cls(local.year, (local.month - 1) // 3 + 1)

    @property
    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.quarter == 1 else Quarter(self.year, self.quarter - 1)
        )

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-Q{self.quarter}"

    @property
    def label(self) -> str:
        return f"{self.quarter}/{self.year:04d}"

    @property
    def name(self) -> str:
        return f"quý {self.label}"

    def contains(self, moment: dt.datetime) -> bool:
        return Quarter.of(moment) == self

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def last(self) -> dt.date:
        return Month(self.year, 3 * self.quarter).last


@dataclass(frozen=True, order=True)
class Year:
    """A calendar year (``2026``), with the interface of ``Month``."""

    year: int
    kind = "year"

    @classmethod
    def parse(cls, text: str) -> Year:
        match = _YEAR.match(text.strip())
        if not match:
            raise Invalid(f"năm '{text}' không đúng dạng NNNN (ví dụ 2026)", "year must be YYYY")
        return cls(int(match[1]))

    @classmethod
    def of(cls, moment: dt.datetime) -> Year:
        return cls(moment.astimezone(TIMEZONE).year)

    @property
    def previous(self) -> Year:
        return Year(self.year - 1)

    @property
    def iso(self) -> str:
        return f"{self.year:04d}"

    @property
    def label(self) -> str:
        return f"{self.year:04d}"

    @property
    def name(self) -> str:
        return f"năm {self.label}"

    def contains(self, moment: dt.datetime) -> bool:
        return moment.astimezone(TIMEZONE).year == self.year

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, 12, 31)


Period = Month | Quarter | Year


@dataclass(frozen=True)
class Row:
    """One line of a tally: its counts by type this month and the month before."""

    key: str  # the type folder for the "type" group, else the name
    name: str
    counts: dict[str, int] = field(default_factory=dict)
    previous_counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def previous(self) -> int:
        return sum(self.previous_counts.values())

    @property
    def change(self) -> int:
        return self.total - self.previous

    @property
    def by_kind(self) -> list[tuple[str, int]]:
        """This month's counts in type order, zeros left out."""
        return [(kind, self.counts[kind]) for kind in KINDS if self.counts.get(kind)]


@dataclass(frozen=True)
class SiteTally:
    site: str
    name: str
    total: Row
    groups: dict[str, tuple[Row, ...]]  # "type", "unit", "contributor" → rows
    qa: Any = None  # portal.report.qa.QaFigures of the site, when it has Q&A or ratings
    qa_units: tuple = ()  # the same per unit


@dataclass(frozen=True)
class Tally:
    month: Period
    previous: Period
    now: dt.datetime
    sites: tuple[SiteTally, ...]


def contributors(item: Any) -> list[str]:
    """Who is credited with an item: front-matter authors, else the git authors who created it."""
    names = list(item.meta.get("authors") or [])
    if not names and item.history is not None:
        names = [person.name for person in item.history.creators]
    return list(dict.fromkeys(name.strip() for name in names if name.strip())) or [NO_CONTRIBUTOR]


def published_in(item: Any, month: Period) -> bool:
    date = item.meta.get("date")
    return (
        item.kind in KINDS
        and item.state not in NOT_PUBLISHED
        and isinstance(date, dt.datetime)
        and month.contains(date)
    )


def _rows(
    current: Counter, previous: Counter, names: dict[str, str] | None = None
) -> tuple[Row, ...]:
    keys = {key for key, _kind in current} | {key for key, _kind in previous}
    rows = [
        Row(
            key,
            (names or {}).get(key, key),
            {kind: n for (k, kind), n in sorted(current.items()) if k == key},
            {kind: n for (k, kind), n in sorted(previous.items()) if k == key},
        )
        for key in keys
    ]
    return tuple(sorted(rows, key=lambda r: (-r.total, -r.previous, r.name.casefold(), r.name)))


def site_tally(catalog: Any, month: Period, ratings: dict[str, Any] | None = None) -> SiteTally:
    """One site's tally of ``month`` against the month before; with Q&A figures when the site
    has Q&A items or a ratings file (``ratings``: its ``portal forms export`` data)."""
    from portal.report.qa import qa_figures

    counters = {(group, when): Counter() for group in GROUPS for when in ("now", "before")}
    for item in catalog.items:
        when = "now" if published_in(item, month) else None
        if when is None and published_in(item, month.previous):
            when = "before"
        if when is None:
            continue
        kind = item.kind
        counters["type", when][kind, kind] += 1
        counters["unit", when][item.meta.get("unit") or NO_UNIT, kind] += 1
        for name in contributors(item):
            counters["contributor", when][name, kind] += 1
    type_rows = _rows(counters["type", "now"], counters["type", "before"], titles())
    order = {kind: index for index, kind in enumerate(KINDS)}
    groups = {
        "type": tuple(sorted(type_rows, key=lambda r: order[r.key])),
        "unit": _rows(counters["unit", "now"], counters["unit", "before"]),
        "contributor": _rows(counters["contributor", "now"], counters["contributor", "before"]),
    }
    total = Row(
        catalog.site.id,
        catalog.site.name,
        {kind: n for (_key, kind), n in sorted(counters["type", "now"].items())},
        {kind: n for (_key, kind), n in sorted(counters["type", "before"].items())},
    )
    qa, qa_units = None, ()
    if ratings is not None or any(item.kind == "qa" for item in catalog.items):
        qa, qa_units = qa_figures(catalog, month, ratings)
    return SiteTally(catalog.site.id, catalog.site.name, total, groups, qa, qa_units)


def tally(
    catalogs: dict[str, Any],
    month: Period,
    now: dt.datetime,
    site_ids: Iterable[str] | None = None,
    ratings: dict[str, Any] | None = None,
) -> Tally:
    """The tally of ``month`` (or a quarter, a year) against the one before, for every catalog
    (or ``site_ids``), in the catalogs' order; ``ratings`` by site (``portal.forms.ratings``)."""
    wanted = set(site_ids or catalogs)
    sites = tuple(
        site_tally(catalog, month, (ratings or {}).get(sid))
        for sid, catalog in catalogs.items()
        if sid in wanted
    )
    return Tally(month, month.previous, now, sites)
