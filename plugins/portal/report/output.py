"""The tally as text for the terminal, as CSV for a spreadsheet and as JSON for programs."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any

from portal.report.tally import GROUPS, Row, Tally
from portal.types import get

GROUP_TITLES = {"type": "Theo loại", "unit": "Theo đơn vị", "contributor": "Theo người đóng góp"}
CSV_GROUPS = {"type": "loại", "unit": "đơn vị", "contributor": "người đóng góp"}
CSV_HEADER = ("Trang", "Nhóm", "Tên", "Loại", "Tháng", "Số mục", "Tháng trước", "Thay đổi")
TOTAL = "tổng"


def signed(number: int) -> str:
    return f"{number:+d}" if number else "0"


def _width(text: str) -> int:
    """Columns a string takes in a terminal (combining marks take none)."""
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _kinds(row: Row) -> str:
    return ", ".join(f"{get(kind).title.lower()} {n}" for kind, n in row.by_kind)


PREFIX = {"month": "T", "quarter": "Q", "year": ""}
BEFORE = {"month": "tháng trước", "quarter": "quý trước", "year": "năm trước"}


def _days(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}".replace(".", ",") + " ngày"


def qa_text(site: Any) -> list[str]:
    """The Q&A figures of a site and its units, as lines."""
    qa = site.qa
    if qa is None:
        return []
    received = "chưa có số liệu" if qa.received is None else str(qa.received)
    lines = [
        f"  Hỏi đáp: câu hỏi nhận được {received}, đã trả lời {qa.answered}, "
        f"thời gian trả lời (trung vị) {_days(qa.median_days)}, "
        f"hài lòng {_percent(qa.satisfied_percent)} trên {qa.ratings} lượt đánh giá",
    ]
    for unit in site.qa_units:
        lines.append(
            f"    {unit.name}: trả lời {unit.answered}, trung vị {_days(unit.median_days)}, "
            f"hài lòng {_percent(unit.satisfied_percent)} ({unit.ratings} lượt)"
        )
    return lines


def _percent(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


def as_text(tally: Tally) -> str:
    """A plain-text table per site and group, for the terminal."""
    prefix = PREFIX[tally.month.kind]
    now, before = f"{prefix}{tally.month.label}", f"{prefix}{tally.previous.label}"
    lines = [
        f"Thống kê mục đã đăng {tally.month.name} (so với {tally.previous.name})",
    ]
    for site in tally.sites:
        total = site.total
        lines += [
            "",
            f"{site.name} ({site.site}): {total.total} mục; {BEFORE[tally.month.kind]} "
            f"{total.previous} ({signed(total.change)})",
        ]
        lines += qa_text(site)
        for group in GROUPS:
            rows = site.groups[group]
            if not rows:
                continue
            names = [row.name for row in rows]
            width = max(_width(GROUP_TITLES[group]), *(_width(n) for n in names)) + 2
            lines.append(
                f"  {_pad(GROUP_TITLES[group], width)}{now:>9} {before:>9} {'thay đổi':>9}"
                + ("  theo loại" if group != "type" else "")
            )
            for row in rows:
                kinds = f"  {_kinds(row)}" if group != "type" and row.by_kind else ""
                lines.append(
                    f"    {_pad(row.name, width - 2)}{row.total:>9} {row.previous:>9} "
                    f"{signed(row.change):>9}{kinds}"
                )
    if not tally.sites:
        lines.append("(không có trang nào)")
    return "\n".join(lines) + "\n"


def as_rows(tally: Tally) -> list[tuple[str, ...]]:
    """Long-format rows: per site, group and name, one row per type and one for the total."""
    rows: list[tuple[str, ...]] = []
    for site in tally.sites:
        for group in ("total", *GROUPS):
            entries = [site.total] if group == "total" else site.groups[group]
            for entry in entries:
                kinds = sorted(set(entry.counts) | set(entry.previous_counts))
                lines = [
                    (get(k).title, entry.counts.get(k, 0), entry.previous_counts.get(k, 0))
                    for k in kinds
                ]
                if group != "type":
                    lines.append((TOTAL, entry.total, entry.previous))
                for kind, count, previous in lines:
                    rows.append(
                        (
                            site.site,
                            CSV_GROUPS.get(group, TOTAL),
                            entry.name,
                            kind,
                            tally.month.iso,
                            str(count),
                            str(previous),
                            signed(count - previous),
                        )
                    )
        rows += _qa_rows(site, tally.month.iso)
    return rows


QA_MEASURES = (
    ("received", "câu hỏi nhận được"),
    ("answered", "đã trả lời"),
    ("median_days", "số ngày trả lời (trung vị)"),
    ("ratings", "lượt đánh giá"),
    ("satisfied_percent", "tỷ lệ hài lòng (%)"),
)


def _qa_rows(site: Any, period: str) -> list[tuple[str, ...]]:
    """Group "hỏi đáp": one row per measure for the site and each unit (no previous period)."""
    rows: list[tuple[str, ...]] = []
    for figures in [site.qa, *site.qa_units] if site.qa else []:
        for attribute, label in QA_MEASURES:
            value = getattr(figures, attribute)
            if value is None:
                continue
            text = f"{value:g}" if isinstance(value, float) else str(value)
            rows.append((site.site, "hỏi đáp", figures.name, label, period, text, "", ""))
    return rows


def as_csv(tally: Tally) -> str:
    """CSV with a header row (open with UTF-8; written with a BOM for spreadsheet programs)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(as_rows(tally))
    return out.getvalue()


def as_data(tally: Tally) -> dict[str, Any]:
    """The tally as plain JSON-ready values (keys in English)."""

    def row(entry: Row) -> dict[str, Any]:
        return {
            "name": entry.name,
            "key": entry.key,
            "count": entry.total,
            "previous": entry.previous,
            "change": entry.change,
            "by_type": dict(entry.counts),
            "previous_by_type": dict(entry.previous_counts),
        }

    def qa(figures: Any) -> dict[str, Any] | None:
        if figures is None:
            return None
        return {
            "name": figures.name,
            "received": figures.received,
            "answered": figures.answered,
            "median_days_to_answer": figures.median_days,
            "ratings": figures.ratings,
            "satisfied": figures.satisfied,
            "satisfied_percent": figures.satisfied_percent,
        }

    return {
        "period": tally.month.kind,
        "month": tally.month.iso,
        "previous_month": tally.previous.iso,
        "generated_for": tally.now.isoformat(),
        "sites": [
            {
                "site": site.site,
                "name": site.name,
                "total": row(site.total),
                **{f"by_{group}": [row(r) for r in site.groups[group]] for group in GROUPS},
                "questions": qa(site.qa),
                "questions_by_unit": [qa(u) for u in site.qa_units],
            }
            for site in tally.sites
        ],
    }


def as_json(tally: Tally) -> str:
    return json.dumps(as_data(tally), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
