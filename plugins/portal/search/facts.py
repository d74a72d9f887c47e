"""What the search index knows of an item besides its text: the filters, the date it sorts by,
and the short text of its quick record. One place for both indexes (portal.search.index): the
item templates write these facts into the page (components/search_record.html) and the quick
records are built from them."""

from __future__ import annotations

import html
from dataclasses import dataclass

from portal.types import get


@dataclass(frozen=True)
class Facts:
    kind: str  # the section kind: the ``type`` filter
    site: str  # the site id: the ``site`` filter
    day: str  # ISO date the results sort by ("" when the item has none)
    filters: tuple[tuple[str, str], ...]  # (key, value), ``type`` and ``site`` included
    excerpt: str = ""  # body text a result shows (the summary's start), never the fields
    shown: tuple[tuple[str, str], ...] = ()  # see ``shown_fields``


def item_day(item) -> str:
    """The ISO date a reader would sort this item by: the day its type says it belongs to
    (``ContentType.day``: issued for documents, the meeting for invitations, the week's Monday
    for schedules, the opening for consultations, else the day it is posted)."""
    value = get(item.kind).day(item.meta)
    return value.isoformat() if value else ""


def _values(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return [str(value)]


# A full-text result's excerpt when the query's words are in it (else Pagefind's, around them).
EXCERPT_WORDS = 30


def facts(item) -> Facts:
    day = item_day(item)
    filters = [("type", item.kind), ("site", item.site)]
    if day:
        filters.append(("year", day[:4]))
    for key, field in get(item.kind).facets:
        filters += [(key, value) for value in _values(item.meta.get(field))]
    excerpt = _words(item.teaser, EXCERPT_WORDS)
    return Facts(item.kind, item.site, day, tuple(filters), excerpt, shown_fields(item))


# The short text a quick record holds, after the title: the fields a reader identifies an item
# by (``ContentType.quick_fields``), then the start of its summary. Bodies are in the full-text
# index only. Every word here costs bytes in the first query of every reader (make
# bench-search), hence the cap.
QUICK_SUMMARY_WORDS = 20


# Fields a result shows on its meta line (meta of the same name in both indexes): the excerpt
# is body text, so a document found by its number still shows the number.
SHOWN_FIELDS = ("number",)


def _quick_lines(item) -> list[tuple[str, str]]:
    lines = []
    for field in get(item.kind).quick_fields:
        values = _values(item.meta.get(field))
        if values:
            lines.append((field, ", ".join(values)))
    return lines


def quick_fields(item) -> list[str]:
    """The fields a reader identifies ``item`` by, one line each (number, issuer, code…)."""
    return [line for _, line in _quick_lines(item)]


def shown_fields(item) -> tuple[tuple[str, str], ...]:
    """(meta key, value) of the fields a result shows beside its type and date."""
    found = []
    for field in SHOWN_FIELDS:
        values = _values(item.meta.get(field)) if field in get(item.kind).quick_fields else []
        if values:
            found.append((field, ", ".join(values)))
    return tuple(found)


def quick_teaser(item) -> str:
    """The start of the item's summary (else of its body): the body text a result shows as its
    excerpt, never the fields (a string of metadata reads as noise: issue 19)."""
    return _words(item.teaser, QUICK_SUMMARY_WORDS)


def quick_text(item) -> list[str]:
    """The lines of an item's quick record after its title."""
    lines = quick_fields(item)
    teaser = quick_teaser(item)
    if teaser and teaser not in lines:
        lines.append(teaser)
    return lines


def _words(text: str, limit: int) -> str:
    words = (text or "").split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def quick_record(item) -> str:
    """A small HTML page holding what the quick index reads of ``item``: its title, fields and
    teaser are searched; the teaser is also the ``excerpt`` meta shown under the result."""
    fact = facts(item)
    esc = html.escape
    spans = [f'<span data-pagefind-filter="{esc(k)}:{esc(v)}"></span>' for k, v in fact.filters]
    if fact.day:
        spans.append(
            f'<span data-pagefind-sort="date:{fact.day}" data-pagefind-meta="date:{fact.day}">'
            "</span>"
        )
    fields = quick_fields(item)
    lines = "".join(
        f'<p data-pagefind-meta="{field}">{esc(line)}</p>'
        if field in SHOWN_FIELDS
        else f"<p>{esc(line)}</p>"
        for field, line in _quick_lines(item)
    )
    teaser = quick_teaser(item)
    if teaser and teaser not in fields:
        # Indexed like the rest, and also the result's excerpt (meta ``excerpt``): the search
        # page shows it instead of Pagefind's excerpt, which picks the densest matches and so
        # often the fields.
        lines += f'<p data-pagefind-meta="excerpt">{esc(teaser)}</p>'
    title = esc(item.meta.get("title") or "")
    lang = esc(item.meta.get("lang") or "vi")
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main data-pagefind-body><h1>{title}</h1>{lines}{''.join(spans)}"
        "</main></body></html>\n"
    )
