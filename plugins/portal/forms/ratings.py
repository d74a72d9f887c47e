"""What the build shows of the readers' ratings (``portal forms export``'s files).

``read(directory, site_id)`` checks a site's file and gives it with the SHA-256 of its text
(the site's pages depend on it, for incremental builds); a missing file is ``(None, "")``; a
broken one raises ``RatingsError`` (the build names the file, as with the statistics).
``view(data)`` sums every day: an item's ``Summary`` (ratings, share satisfied: 4 or 5 on the
5-point scale) is shown only from ``MIN_RATINGS`` ratings on, since two clicks are not a
figure. ``in_period`` gives the same for the days of a report's period.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.forms.export import FORMAT
from portal.paths import QA_RANKED
from portal.types import get

MIN_RATINGS = 5
RANKED_URL = f"{get('qa').url_prefix}/{QA_RANKED}/"  # reserved in portal.paths
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class RatingsError(Exception):
    def __init__(self, path: Path, message: str, english: str):
        self.path, self.message, self.english = path, message, english
        super().__init__(f"{path}: {message} ({english})")


def ratings_dir(settings: dict[str, Any]) -> Path:
    return Path(str(settings.get("PORTAL_RATINGS_PATH") or "ratings"))


def _check(data: Any, site_id: str) -> str:
    """What is wrong with a file's data, or ``""``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return "format"
    if data.get("site") != site_id:
        return "site"
    ratings = data.get("ratings")
    if not isinstance(ratings, dict):
        return "ratings"
    for entry in ratings.values():
        if not isinstance(entry, dict) or not isinstance(entry.get("days"), dict):
            return "ratings"
        for day, counts in entry["days"].items():
            if not _DAY.match(str(day)) or not isinstance(counts, list) or len(counts) != 5:
                return "ratings"
            if not all(isinstance(c, int) and not isinstance(c, bool) and c >= 0 for c in counts):
                return "ratings"
    received = data.get("received", {})
    if not isinstance(received, dict) or not all(
        isinstance(days, dict) and all(isinstance(n, int) for n in days.values())
        for days in received.values()
    ):
        return "received"
    return ""


def read(directory: Path, site_id: str) -> tuple[dict[str, Any] | None, str]:
    path = directory / f"{site_id}.json"
    if not path.is_file():
        return None, ""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError:
        raise RatingsError(
            path, "tệp đánh giá không phải JSON hợp lệ", "the ratings file is not JSON"
        ) from None
    problem = _check(data, site_id)
    if problem:
        raise RatingsError(
            path,
            f"tệp đánh giá không đúng định dạng {FORMAT} (mục '{problem}')",
            f"the ratings file is not format {FORMAT} ({problem})",
        )
    return data, hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Summary:
    count: int
    satisfied: int  # ratings of 4 or 5
    scores: tuple[int, int, int, int, int]

    @property
    def percent(self) -> int:
        """Share satisfied, rounded to a whole percent."""
        return round(100 * self.satisfied / self.count) if self.count else 0

    @property
    def shown(self) -> bool:
        return self.count >= MIN_RATINGS


def summarize(
    days: dict[str, list[int]], first: dt.date | None = None, last: dt.date | None = None
) -> Summary:
    scores = [0, 0, 0, 0, 0]
    for day, counts in days.items():
        if (first and day < first.isoformat()) or (last and day > last.isoformat()):
            continue
        for i, n in enumerate(counts):
            scores[i] += n
    return Summary(sum(scores), scores[3] + scores[4], tuple(scores))  # type: ignore[arg-type]


class SiteRatings:
    """The template's view: ``RATINGS.of(item_id(page.item))`` → a shown Summary or None."""

    def __init__(self, data: dict[str, Any] | None):
        self.items = {
            item: summarize(entry["days"])
            for item, entry in ((data or {}).get("ratings") or {}).items()
        }

    def of(self, item_id: str) -> Summary | None:
        summary = self.items.get(item_id)
        return summary if summary and summary.shown else None

    def __bool__(self) -> bool:
        return any(s.shown for s in self.items.values())


def load_all(folder: Path, site_ids) -> tuple[dict[str, Any], dict[str, str]]:
    """Each site's ratings file (None without one) and its digest; a broken file stops the
    build, named like a content error (``ContentErrors``)."""
    from portal.errors import ContentErrors, ErrorReport

    report = ErrorReport()
    found: dict[str, Any] = {}
    digests: dict[str, str] = {}
    for site_id in site_ids:
        try:
            found[site_id], digests[site_id] = read(folder, site_id)
        except RatingsError as error:
            report.add(error.path, 1, "ratings", error.message, error.english)
    if report:
        raise ContentErrors(report)
    return found, digests


def use_demo_endpoint(settings: dict[str, Any], sites, catalogs) -> None:
    """``PORTAL_FORMS_DEMO_ENDPOINT`` (set only by ``portal serve --forms-demo``): every site
    without ``forms.endpoint`` posts to the demo endpoint, in this build only."""
    endpoint = settings.get("PORTAL_FORMS_DEMO_ENDPOINT")
    if not endpoint:
        return
    for site in [*sites, *(c.site for c in catalogs.values())]:
        if not site.forms.get("endpoint"):
            site.forms = {**site.forms, "endpoint": str(endpoint)}


def ranked(entries, ratings: SiteRatings, id_of) -> list[tuple[Any, Summary]]:
    """The Q&A entries with a shown summary, most satisfied first (then most rated, newest)."""
    found = [(entry, ratings.of(id_of(entry.item))) for entry in entries]
    shown = [(entry, summary) for entry, summary in found if summary]
    shown.sort(key=lambda pair: (pair[0].date, pair[0].url), reverse=True)
    shown.sort(key=lambda pair: (pair[1].satisfied / pair[1].count, pair[1].count), reverse=True)
    return shown
