"""The ``_portal`` extension object of a feed item: its type, its site, and the type's metadata
as plain JSON values (dates ``YYYY-MM-DD``, date-times RFC 3339 in Vietnam time, times ``HH:MM``).

A field the content file leaves out is left out here too; the keys are the front-matter field
names of the content model, so they are as stable as that contract.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from portal.catalog.item import Item
from portal.frontmatter.fields import TIMEZONE
from portal.sites import Site
from portal.types import get

# ``expires``: an item leaves the feeds at that moment without a tombstone (an expired item is
# never shown), so consumers that keep items drop them by it themselves.
COMMON_FIELDS = ("unit", "expires")
CHANGE_FIELDS = ("change_note",)


def plain(value: Any) -> Any:
    """A converted front-matter value as a JSON value."""
    if isinstance(value, dt.datetime):
        return value.astimezone(TIMEZONE).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dict):
        return {key: plain(inner) for key, inner in value.items() if inner not in (None, "", [])}
    if isinstance(value, list | tuple):
        return [plain(inner) for inner in value]
    return value


def site_fields(site: Site) -> dict[str, str]:
    return {"site": site.id, "site_name": site.name}


def portal_object(item: Item, site: Site) -> dict[str, Any]:
    """``{"type", "site", "site_name", …the type's fields}``; a document also gets its
    ``validity`` at the build's moment (its phase: the library's codes) and ``posted`` (its
    publication date-time)."""
    meta = item.meta
    data: dict[str, Any] = {"type": item.kind, **site_fields(site)}
    for key in (*COMMON_FIELDS, *get(item.kind).feed_fields, *CHANGE_FIELDS):
        value = meta.get(key)
        if value not in (None, "", []):
            data[key] = plain(value)
    if item.kind == "documents":
        data["validity"] = item.phase
        data["posted"] = plain(meta["date"])
    return data
