"""Citizens' questions in the tally: what an emulation review (thi đua) asks for, per site and
per unit, for a period.

- **received**: questions that reached the forms endpoint in the period (the counts of
  ``portal forms export``, ``received.question`` by Vietnam day). Known per site only: a
  question gets its unit when it is answered. None when the site has no ratings file.
- **answered**: Q&A items published in the period (the tally's own rule, ``published_in``).
- **median days**: from ``asked`` to the answer's ``date`` (calendar days, Vietnam), over the
  answered items that say when they were asked.
- **satisfaction**: ratings given in the period (by day), of the site's answers, or of the
  unit's answers for a unit: how many, and the share of 4 or 5 on the 5-point scale.

Units are the Q&A items' ``unit`` (sites.yml ``units`` keeps the names fixed).
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any

from portal.feeds.entries import item_id
from portal.forms.ratings import summarize
from portal.report.tally import NO_UNIT, published_in


@dataclass(frozen=True)
class QaFigures:
    name: str
    received: int | None
    answered: int
    median_days: float | None
    ratings: int
    satisfied: int  # ratings of 4 or 5

    @property
    def satisfied_percent(self) -> int | None:
        return round(100 * self.satisfied / self.ratings) if self.ratings else None


def _median(days: list[int]) -> float | None:
    return float(statistics.median(days)) if days else None


def _days(item: Any) -> int | None:
    asked = item.meta.get("asked")
    date = item.meta.get("date")
    if not isinstance(asked, dt.date) or not isinstance(date, dt.datetime):
        return None
    return max(0, (date.date() - asked).days)


def qa_figures(
    catalog: Any, period: Any, ratings: dict[str, Any] | None
) -> tuple[QaFigures, tuple[QaFigures, ...]]:
    """(the site's figures, one per unit with answers or ratings in the period)."""
    site = catalog.site
    received = None
    if ratings is not None:
        days = (ratings.get("received") or {}).get("question") or {}
        received = sum(
            n
            for day, n in days.items()
            if period.first.isoformat() <= day <= period.last.isoformat()
        )
    rated = (ratings or {}).get("ratings") or {}
    units: dict[str, dict[str, Any]] = {}
    answered_days: list[int] = []
    answered = 0
    count = satisfied = 0
    for item in catalog.items:
        if item.kind != "qa":
            continue
        unit = item.meta.get("unit") or NO_UNIT
        entry = units.setdefault(unit, {"answered": 0, "days": [], "ratings": 0, "satisfied": 0})
        if published_in(item, period):
            answered += 1
            entry["answered"] += 1
            days = _days(item)
            if days is not None:
                answered_days.append(days)
                entry["days"].append(days)
        scores = rated.get(item_id(site, item))
        if scores:
            summary = summarize(scores["days"], period.first, period.last)
            entry["ratings"] += summary.count
            entry["satisfied"] += summary.satisfied
    # Ratings of items no longer in the catalog still count for the site.
    for entry in rated.values():
        summary = summarize(entry["days"], period.first, period.last)
        count += summary.count
        satisfied += summary.satisfied
    site_figures = QaFigures(
        site.name, received, answered, _median(answered_days), count, satisfied
    )
    rows = tuple(
        QaFigures(name, None, e["answered"], _median(e["days"]), e["ratings"], e["satisfied"])
        for name, e in sorted(units.items(), key=lambda kv: (-kv[1]["answered"], kv[0]))
        if e["answered"] or e["ratings"]
    )
    return site_figures, rows
