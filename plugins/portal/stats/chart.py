"""Geometry of a daily column chart (page views per day, typically 90 days): one column per day,
a y axis with a few round ticks, the first day of each month labelled under the axis. The theme
draws it as static inline SVG (``components/daily_chart.html``): no script, no style attribute,
classes only, and the same bytes on every build (coordinates are rounded to 0.1).

A day without views keeps its slot but gets no column. Weekend days (Saturday, Sunday) and the
busiest day are flagged so the stylesheet can tint them. The texts (the summary for ``<desc>``,
each column's tooltip) are Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from portal.filters import WEEKDAYS, vnnumber

WIDTH = 640  # default viewBox size; the SVG scales to its container
HEIGHT = 220
FONT_SIZE = 12
CHAR_WIDTH = 7  # a generous advance for one character at FONT_SIZE (digits, "T", "/")
TOP = 10  # above the highest tick: room for the top half of its label
BOTTOM = 24  # under the axis: the month ticks and labels
RIGHT = 4
LABEL_GAP = 6  # between a y label and the axis
MAX_COLUMN = 24.0  # a column is never wider than this (a short series)
COLUMN_SHARE = 0.75  # of its slot; the rest is the gap between columns
MONTH_TICK = 4  # length of the month boundary tick under the axis
MIN_TICKS, MAX_TICKS = 3, 5
UNIT = "lượt xem"


@dataclass(frozen=True)
class Column:
    """One day with views: its rect and its tooltip."""

    day: dt.date
    value: int
    x: float
    y: float
    width: float
    height: float
    weekend: bool
    peak: bool

    @property
    def label(self) -> str:
        """``Thứ Bảy, 21/11/2026: 1.234 lượt xem`` (the column's ``<title>``)."""
        return f"{day_label(self.day)}: {number(self.value)} {UNIT}"

    @property
    def css_class(self) -> str:
        classes = ["pt-daily__column"]
        if self.weekend:
            classes.append("pt-daily__column--weekend")
        if self.peak:
            classes.append("pt-daily__column--peak")
        return " ".join(classes)


@dataclass(frozen=True)
class Tick:
    """A y-axis tick: its value, its height and its label (``1.000``)."""

    value: int
    y: float
    label: str

    @property
    def label_y(self) -> float:
        return round(self.y + 4, 1)  # the label's baseline, centred on the tick


@dataclass(frozen=True)
class MonthLabel:
    """The first day of a month: a tick at its slot's left edge, a label beside it."""

    day: dt.date
    x: float  # the month boundary (tick line)
    text: str  # ``T11/2026``
    text_x: float
    anchor: str  # ``start``, or ``end`` when the label would leave the chart on the right


@dataclass(frozen=True)
class DailyChart:
    width: int
    height: int
    left: float  # the plot area: y axis at ``left``, x axis (baseline) at ``bottom``
    right: float
    top: float
    bottom: float
    slot: float  # horizontal room of one day
    days: int
    first: dt.date | None
    last: dt.date | None
    total: int
    maximum: int
    scale_top: int  # the highest tick: a column of this value reaches ``top``
    columns: tuple[Column, ...]  # days with views only
    ticks: tuple[Tick, ...]  # from 0 upwards
    months: tuple[MonthLabel, ...]
    peak: Column | None
    summary: str  # for <desc>

    @property
    def label_y(self) -> float:
        """The baseline of the month labels."""
        return round(self.bottom + MONTH_TICK + FONT_SIZE + 2, 1)

    @property
    def month_tick_bottom(self) -> float:
        return round(self.bottom + MONTH_TICK, 1)

    @property
    def tick_label_x(self) -> float:
        return round(self.left - LABEL_GAP, 1)

    @property
    def average(self) -> float:
        return self.total / self.days if self.days else 0.0


number = vnnumber  # ``12345`` → ``12.345``


def decimal(value: float) -> str:
    """``1234.56`` → ``1.234,6``; a whole number keeps no decimals (``12``)."""
    rounded = round(value, 1)
    if rounded == int(rounded):
        return number(int(rounded))
    return f"{rounded:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def day_label(day: dt.date) -> str:
    """``Thứ Bảy, 21/11/2026``."""
    return f"{WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y}"


def nice_ticks(maximum: int) -> list[int]:
    """Three to five ticks from 0 in steps of 1, 2 or 5 times a power of ten, the last one at
    or above ``maximum``: 0 → [0, 1, 2]; 7 → [0, 2, 4, 6, 8]; 1234 → [0, 500, 1000, 1500]."""
    if maximum < 0:
        raise ValueError("maximum must not be negative")
    intervals = MAX_TICKS - 1
    step = 1
    for exponent in range(0, 20):
        found = next(
            (
                base * 10**exponent
                for base in (1, 2, 5)
                if math.ceil(maximum / (base * 10**exponent)) <= intervals
            ),
            None,
        )
        if found is not None:
            step = found
            break
    count = max(math.ceil(maximum / step), MIN_TICKS - 1)
    return [step * n for n in range(count + 1)]


def _round(value: float) -> float:
    # Rounded to 0.1 and "+ 0.0" so that -0.0 never reaches the output.
    return round(value, 1) + 0.0


def _filled(series: Sequence[tuple[dt.date, int]]) -> list[tuple[dt.date, int]]:
    """The series sorted, every day from the first to the last, a missing day as 0."""
    values: dict[dt.date, int] = {}
    for day, value in series:
        if day in values:
            raise ValueError(f"{day.isoformat()} appears twice in the series")
        if value < 0:
            raise ValueError(f"{day.isoformat()}: negative value {value}")
        values[day] = int(value)
    if not values:
        return []
    first, last = min(values), max(values)
    return [
        (first + dt.timedelta(days=n), values.get(first + dt.timedelta(days=n), 0))
        for n in range((last - first).days + 1)
    ]


def _summary(days: list[tuple[dt.date, int]], total: int, peak: Column | None) -> str:
    if not days:
        return "Chưa có số liệu."
    first, last = days[0][0], days[-1][0]
    if len(days) == 1:
        return f"{day_label(first)}: {number(total)} {UNIT}."
    span = f"{len(days)} ngày, từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}"
    if peak is None:
        return f"{span}: chưa có lượt xem nào."
    average = decimal(total / len(days))
    return (
        f"{span}: tổng cộng {number(total)} {UNIT}, trung bình {average} lượt mỗi ngày; "
        f"nhiều nhất {day_label(peak.day)} với {number(peak.value)} {UNIT}."
    )


def _months(
    days: list[tuple[dt.date, int]], left: float, right: float, slot: float
) -> tuple[MonthLabel, ...]:
    """A label at the first day of each month, left out when it would overlap the previous
    one; one that would leave the chart on the right ends at its right edge instead."""
    labels: list[MonthLabel] = []
    previous_end = -math.inf
    for index, (day, _value) in enumerate(days):
        if day.day != 1:
            continue
        x = _round(left + index * slot)
        text = f"T{day.month}/{day.year}"
        extent = len(text) * CHAR_WIDTH
        text_x, anchor = _round(x + 2), "start"
        if text_x + extent > right:
            text_x, anchor = _round(right), "end"
        start = text_x if anchor == "start" else text_x - extent
        if start < previous_end + CHAR_WIDTH:
            continue
        labels.append(MonthLabel(day, x, text, text_x, anchor))
        previous_end = start + extent
    return tuple(labels)


def daily_columns(
    series: Sequence[tuple[dt.date, int]], width: int = WIDTH, height: int = HEIGHT
) -> DailyChart:
    """The chart of ``series`` ((day, value) pairs, in any order; days missing between the first
    and the last count as 0), in a ``width`` × ``height`` viewBox."""
    if width < 120 or height < 80:
        raise ValueError("the chart needs at least 120 × 80 units")
    days = _filled(series)
    total = sum(value for _day, value in days)
    maximum = max((value for _day, value in days), default=0)
    steps = nice_ticks(maximum)
    scale_top = steps[-1]
    labels = [number(value) for value in steps]
    left = float(max(len(label) for label in labels) * CHAR_WIDTH + LABEL_GAP + 2)
    right = float(width - RIGHT)
    top = float(TOP)
    bottom = float(height - BOTTOM)
    plot_height = bottom - top
    slot = (right - left) / len(days) if days else right - left
    column_width = _round(min(slot * COLUMN_SHARE, MAX_COLUMN))
    peak_index = next((i for i, (_d, v) in enumerate(days) if v == maximum and v > 0), None)

    columns = []
    for index, (day, value) in enumerate(days):
        if value == 0:
            continue
        y = _round(bottom - value * plot_height / scale_top)
        y = min(y, bottom - 1.0)  # a day with views is always visible
        columns.append(
            Column(
                day=day,
                value=value,
                x=_round(left + index * slot + (slot - column_width) / 2),
                y=y,
                width=column_width,
                height=_round(bottom - y),
                weekend=day.weekday() >= 5,
                peak=index == peak_index,
            )
        )
    ticks = tuple(
        Tick(value, _round(bottom - value * plot_height / scale_top), label)
        for value, label in zip(steps, labels, strict=True)
    )
    peak = next((c for c in columns if c.peak), None)
    return DailyChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        slot=_round(slot),
        days=len(days),
        first=days[0][0] if days else None,
        last=days[-1][0] if days else None,
        total=total,
        maximum=maximum,
        scale_top=scale_top,
        columns=tuple(columns),
        ticks=ticks,
        months=_months(days, left, right, slot),
        peak=peak,
        summary=_summary(days, total, peak),
    )
