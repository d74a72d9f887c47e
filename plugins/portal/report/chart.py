"""Geometry of a horizontal bar chart comparing two months: for each row its name on a line,
then this month's bar and the previous month's bar, each with its value at its end. The theme
draws it as static inline SVG (``components/bar_chart.html``): no script, same bytes each build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from portal.report.tally import Row

WIDTH = 640  # viewBox units; the SVG scales to its container
VALUE_SPACE = 44  # right of the longest bar, for its value
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 12


@dataclass(frozen=True)
class Bar:
    name: str
    current: int
    previous: int
    top: int  # the group's top: name, then the two bars
    current_width: float
    previous_width: float

    @property
    def label_y(self) -> int:
        return self.top + LABEL_HEIGHT - 5

    @property
    def current_y(self) -> int:
        return self.top + LABEL_HEIGHT

    @property
    def previous_y(self) -> int:
        return self.current_y + BAR_HEIGHT + BAR_GAP


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_width: int
    maximum: int
    bar_height: int
    bars: tuple[Bar, ...]


def _scale(value: int, maximum: int, plot: int) -> float:
    return round(value * plot / maximum, 1) if maximum else 0.0


def layout(rows: Sequence[Row]) -> Chart:
    """The chart of ``rows`` (this month against the previous one)."""
    maximum = max([1, *(max(r.total, r.previous) for r in rows)])
    plot = WIDTH - VALUE_SPACE
    step = LABEL_HEIGHT + 2 * BAR_HEIGHT + BAR_GAP + GROUP_GAP
    bars = tuple(
        Bar(
            row.name,
            row.total,
            row.previous,
            index * step,
            _scale(row.total, maximum, plot),
            _scale(row.previous, maximum, plot),
        )
        for index, row in enumerate(rows)
    )
    height = max(step * len(bars) - GROUP_GAP, 1)
    return Chart(WIDTH, height, plot, maximum, BAR_HEIGHT, bars)
