"""Each item's phase at the build's moment, computed once per site for every stage to read.

``assign(catalog, now)`` sets ``Item.phase`` from the item's type (``ContentType.phase``):
scheduled, open or closed (consultations, meetings, weeks), in force, pending, expired or
replaced (documents), standing (the rest). Templates, the documents library, feeds, the home page
and the incremental keys (``portal.incremental.time_facts``) read ``Item.phase`` instead of
comparing dates with ``PORTAL_NOW`` each in its own way.

A document is replaced when a listed document of the same site names its number in
``replaces`` (case-folded), as the library has always counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from portal.types import get


def replaced_numbers(items: Iterable) -> frozenset[str]:
    """Numbers (case-folded) that a listed document replaces."""
    return frozenset(
        number.casefold()
        for item in items
        if item.kind == "documents" and item.listed
        for number in item.meta.get("replaces") or []
    )


def assign(catalog, now: dt.datetime) -> None:
    """Give every item of ``catalog`` its phase at ``now``."""
    replaced = replaced_numbers(catalog.items)
    for item in catalog.items:
        item.phase = get(item.kind).phase(item.meta, now, replaced)
