"""``portal forms export``: the endpoint's counts as one file per site,
``<PORTAL_RATINGS_PATH>/<site-id>.json`` (``ratings/`` by default), which the build reads the
way it reads the visit statistics. Counts only: nothing of a reader, no text they wrote.

Format 1::

    {"format": 1, "site": "tinh-lam-giang",
     "ratings": {"<item's feed id>": {"url": "https://…/hoi-dap/x/",
                                     "days": {"2026-11-21": [0, 1, 0, 3, 2]}}},
     "received": {"question": {"2026-11-21": 2}, "feedback": {"2026-11-21": 1}}}

``days`` holds, per Vietnam day, how many ratings of 1, 2, 3, 4 and 5 the item received.
``received`` counts questions and feedback by the day they arrived. Written sorted, indented
by one, atomically; the same store gives the same bytes (no clock), so a rebuild happens only
when a count changed.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from portal.forms.store import Store

FORMAT = 1
_COUNTS = re.compile(r"\[\s*\d+,\s*\d+,\s*\d+,\s*\d+,\s*\d+\s*\]")  # a day's five counts, one line


def aggregate(store: Store, site_id: str) -> dict[str, Any]:
    ratings: dict[str, Any] = {}
    for _site, item, url, day, score, count in store.ratings(site_id):
        entry = ratings.setdefault(item, {"url": url, "days": {}})
        entry["url"] = url or entry["url"]
        entry["days"].setdefault(day, [0, 0, 0, 0, 0])[score - 1] += count
    received: dict[str, dict[str, int]] = {"question": {}, "feedback": {}}
    for row in store.submissions():
        if row["site"] == site_id and row["kind"] in received:
            day = row["received"][:10]
            received[row["kind"]][day] = received[row["kind"]].get(day, 0) + 1
    return {"format": FORMAT, "site": site_id, "ratings": ratings, "received": received}


def write(directory: Path, data: dict[str, Any]) -> Path:
    """Write one site's file atomically; its path."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{data['site']}.json"
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    text = _COUNTS.sub(lambda m: "[" + ", ".join(re.findall(r"\d+", m[0])) + "]", text)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, target)
    return target


def export(store: Store, directory: Path, site_ids: list[str]) -> list[Path]:
    """One file per site (an empty aggregate for a site with nothing yet)."""
    return [write(directory, aggregate(store, site_id)) for site_id in site_ids]
