"""Clean, stable URLs per type: the type's section prefix (``portal.types``) and the item's slug."""

from __future__ import annotations

from portal.types import get


def item_url(kind: str, slug: str) -> str:
    """Site-relative URL with a trailing slash, e.g. ``tin-tuc/le-hoi/``."""
    prefix = get(kind).url_prefix
    return f"{prefix}/{slug}/" if prefix else f"{slug}/"


def save_as(url: str) -> str:
    return f"{url}index.html"
