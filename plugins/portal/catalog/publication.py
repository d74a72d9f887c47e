"""Publication rules, in one place: what of an item may reach the public output.

States: ``public`` (written and listed), ``withdrawn`` (its page is written with a withdrawal
notice but it is listed nowhere), ``gone`` (taken down as an error: a 410 rule, nothing else),
``redirected`` (consolidated into another page: a redirect, nothing else), and the private
states ``draft``, ``scheduled`` and ``expired`` (nothing at all).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

WRITTEN = frozenset({"public", "withdrawn"})
LISTED = frozenset({"public"})
PRIVATE = frozenset({"draft", "scheduled", "expired"})
TAKEN_DOWN = frozenset({"gone", "redirected", "withdrawn"})  # public once, taken down since


def state(meta: dict[str, Any], now: dt.datetime) -> str:
    """The publication state of an item with converted front matter ``meta`` at ``now``."""
    if meta.get("status") == "draft":
        return "draft"
    date = meta.get("date")
    if date is not None and date > now:
        return "scheduled"
    takedown = meta.get("unpublished")
    if takedown:
        return {"error": "gone", "consolidated": "redirected", "withdrawn": "withdrawn"}[
            takedown["reason"]
        ]
    expires = meta.get("expires")
    if expires is not None and expires <= now:
        return "expired"
    return "public"
