"""What the search index knows of an item besides its text: the filters, the date it sorts by,
and the short text of its quick record. One place for both indexes (portal.search.index): the
item templates write these facts into the page (components/search_record.html) and the quick
records are built from them."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from portal.frontmatter.schema import week_bounds


@dataclass(frozen=True)
class Facts:
    kind: str  # the section kind: the ``type`` filter
    site: str  # the site id: the ``site`` filter
    day: str  # ISO date the results sort by ("" when the item has none)
    filters: tuple[tuple[str, str], ...]  # (key, value), ``type`` and ``site`` included


def item_day(item) -> str:
    """The date a reader would sort this item by: issued for documents, the meeting for
    invitations, the week's Monday for schedules, the opening for consultations."""
    meta = item.meta
    value: dt.date | dt.datetime | None
    if item.kind == "documents":
        value = meta.get("issued")
    elif item.kind == "invitations":
        value = meta.get("start")
    elif item.kind == "consultations":
        value = meta.get("opens")
    elif item.kind == "schedules":
        bounds = week_bounds(meta.get("week") or "")
        value = bounds[0] if bounds else meta.get("date")
    else:
        value = meta.get("date")
    return value.isoformat()[:10] if value else ""


def _values(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return [str(value)]


FACETS = {
    "articles": (("category", "category"),),
    "documents": (("doctype", "doc_type"), ("issuer", "issuer"), ("field", "fields")),
    "procedures": (("field", "field"),),
    "qa": (("field", "field"),),
}


def facts(item) -> Facts:
    day = item_day(item)
    filters = [("type", item.kind), ("site", item.site)]
    if day:
        filters.append(("year", day[:4]))
    for key, field in FACETS.get(item.kind, ()):
        filters += [(key, value) for value in _values(item.meta.get(field))]
    return Facts(item.kind, item.site, day, tuple(filters))


# The short text a quick record holds, after the title: the fields a reader identifies an item
# by, then the start of its summary. Bodies are in the full-text index only. Every word here
# costs bytes in the first query of every reader (make bench-search), hence the cap.
QUICK_SUMMARY_WORDS = 20
QUICK_FIELDS = {
    "articles": ("category", "unit", "tags"),
    "documents": ("doc_type", "number", "issuer", "fields", "signer"),
    "schedules": ("owner",),
    "invitations": ("number", "location", "chair"),
    "procedures": ("code", "field", "agency"),
    "qa": ("question", "field", "asked_by"),
    "consultations": ("unit",),
    "pages": (),
}


def quick_text(item) -> list[str]:
    """The lines of an item's quick record after its title."""
    lines = []
    for field in QUICK_FIELDS.get(item.kind, ()):
        values = _values(item.meta.get(field))
        if values:
            lines.append(", ".join(values))
    teaser = _words(item.teaser, QUICK_SUMMARY_WORDS)
    if teaser and teaser not in lines:
        lines.append(teaser)
    return lines


def _words(text: str, limit: int) -> str:
    words = (text or "").split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def quick_record(item) -> str:
    """A small HTML page holding what the quick index reads of ``item``."""
    fact = facts(item)
    esc = html.escape
    spans = [f'<span data-pagefind-filter="{esc(k)}:{esc(v)}"></span>' for k, v in fact.filters]
    if fact.day:
        spans.append(
            f'<span data-pagefind-sort="date:{fact.day}" data-pagefind-meta="date:{fact.day}">'
            "</span>"
        )
    lines = "".join(f"<p>{esc(line)}</p>" for line in quick_text(item))
    title = esc(item.meta.get("title") or "")
    lang = esc(item.meta.get("lang") or "vi")
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main data-pagefind-body><h1>{title}</h1>{lines}{''.join(spans)}"
        "</main></body></html>\n"
    )
