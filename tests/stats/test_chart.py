"""The daily column chart's geometry (portal.stats.chart) and its SVG macro
(components/daily_chart.html): one slot per day, columns only for days with views, round ticks,
month labels inside the viewBox, weekend and busiest-day flags, stable output."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import re

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from portal.stats.chart import (
    Column,
    DailyChart,
    daily_columns,
    decimal,
    nice_ticks,
    number,
)
from support import REPO

START = dt.date(2026, 8, 25)  # a Tuesday; 90 days run to 22/11/2026


def days(values, start=START):
    return [(start + dt.timedelta(days=n), value) for n, value in enumerate(values)]


def ninety(seed=7, high=420):
    rng = random.Random(seed)
    return days([0 if n % 11 == 4 else rng.randint(1, high) for n in range(90)])


def render(chart: DailyChart, title="Lượt xem trang mỗi ngày", **kwargs) -> str:
    env = Environment(
        loader=FileSystemLoader(str(REPO / "theme" / "templates")),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_null_translations(newstyle=True)
    template = env.from_string(
        '{% from "components/daily_chart.html" import daily_chart with context %}'
        "{{ daily_chart(chart, title, **kwargs) }}"
    )
    return template.render(chart=chart, title=title, kwargs=kwargs)


def slot_of(chart: DailyChart, column: Column) -> int:
    return (column.day - chart.first).days


def assert_inside(chart: DailyChart) -> None:
    """Every coordinate of the chart lies within its viewBox."""
    for column in chart.columns:
        assert chart.left <= column.x and column.x + column.width <= chart.right + 0.05
        assert chart.top - 0.05 <= column.y and column.y + column.height <= chart.bottom + 0.05
    for tick in chart.ticks:
        assert chart.top - 0.05 <= tick.y <= chart.bottom
        assert 0 < tick.label_y <= chart.height
        assert len(tick.label) * 7 <= chart.tick_label_x  # the text ends at tick_label_x
    for month in chart.months:
        assert chart.left <= month.x <= chart.right
        extent = len(month.text) * 7
        start = month.text_x if month.anchor == "start" else month.text_x - extent
        assert start >= 0 and start + extent <= chart.width
    assert chart.label_y <= chart.height
    assert chart.month_tick_bottom < chart.label_y


# Numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (7, "7"), (999, "999"), (1000, "1.000"), (12345, "12.345"), (10**6, "1.000.000")],
)
def test_numbers_use_a_dot_for_thousands(value, text):
    assert number(value) == text


@pytest.mark.parametrize(
    ("value", "text"), [(12.0, "12"), (238.06, "238,1"), (1234.56, "1.234,6"), (0.04, "0")]
)
def test_decimals_use_a_comma(value, text):
    assert decimal(value) == text


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (0, [0, 1, 2]),
        (1, [0, 1, 2]),
        (3, [0, 1, 2, 3]),
        (4, [0, 1, 2, 3, 4]),
        (5, [0, 2, 4, 6]),
        (7, [0, 2, 4, 6, 8]),
        (9, [0, 5, 10]),
        (10, [0, 5, 10]),
        (11, [0, 5, 10, 15]),
        (99, [0, 50, 100]),
        (100, [0, 50, 100]),
        (420, [0, 200, 400, 600]),
        (1234, [0, 500, 1000, 1500]),
        (19_999, [0, 5000, 10000, 15000, 20000]),
        (20_001, [0, 10000, 20000, 30000]),
    ],
)
def test_ticks_are_round(maximum, ticks):
    assert nice_ticks(maximum) == ticks


def test_ticks_are_three_to_five_nice_steps_covering_the_maximum():
    for maximum in [*range(0, 1001), 12_345, 99_999, 100_001, 7_654_321]:
        ticks = nice_ticks(maximum)
        assert 3 <= len(ticks) <= 5, maximum
        assert ticks[0] == 0 and ticks[-1] >= maximum
        step = ticks[1]
        assert all(b - a == step for a, b in itertools.pairwise(ticks))
        mantissa = step / 10 ** math.floor(math.log10(step))
        assert mantissa in (1, 2, 5), maximum
        # Not wastefully high: the maximum is above the tick below the top, but for the
        # minimum of three ticks.
        assert maximum == 0 or ticks[-2] < maximum or len(ticks) == 3, maximum


def test_negative_values_and_repeated_days_are_refused():
    with pytest.raises(ValueError):
        nice_ticks(-1)
    with pytest.raises(ValueError, match="negative"):
        daily_columns(days([3, -1]))
    with pytest.raises(ValueError, match="twice"):
        daily_columns([(START, 1), (START, 2)])
    with pytest.raises(ValueError):
        daily_columns(days([1]), width=50)


# Geometry ----------------------------------------------------------------------------------


def test_empty_series():
    chart = daily_columns([])
    assert chart.days == 0 and chart.columns == () and chart.months == ()
    assert chart.first is None and chart.last is None and chart.peak is None
    assert [t.value for t in chart.ticks] == [0, 1, 2]
    assert chart.summary == "Chưa có số liệu."
    assert chart.average == 0
    assert_inside(chart)
    soup = BeautifulSoup(render(chart), "html.parser")
    assert soup.select("rect") == []
    assert soup.select_one("desc").get_text() == "Chưa có số liệu."


def test_all_zeros_keep_their_slots_but_draw_nothing():
    chart = daily_columns(days([0] * 30))
    assert chart.days == 30 and chart.columns == () and chart.peak is None
    assert chart.total == 0 and chart.maximum == 0
    assert [t.value for t in chart.ticks] == [0, 1, 2]
    assert chart.summary == "30 ngày, từ 25/08/2026 đến 23/09/2026: chưa có lượt xem nào."
    assert chart.slot == pytest.approx((chart.right - chart.left) / 30, abs=0.05)
    assert [m.text for m in chart.months] == ["T9/2026"]
    assert_inside(chart)


def test_one_day():
    chart = daily_columns([(dt.date(2026, 11, 21), 5)])
    (column,) = chart.columns
    assert column.peak and column.weekend  # a Saturday
    assert column.width == 24.0  # capped, centred in the only slot
    assert column.x == pytest.approx((chart.left + chart.right - column.width) / 2, abs=0.1)
    assert column.y < chart.bottom and column.height > 0
    assert chart.summary == "Thứ Bảy, 21/11/2026: 5 lượt xem."
    assert chart.months == ()
    assert_inside(chart)


def test_ninety_days():
    series = ninety()
    chart = daily_columns(series)
    assert chart.days == 90
    assert chart.first == START and chart.last == dt.date(2026, 11, 22)
    values = dict(series)
    assert {c.day for c in chart.columns} == {d for d, v in series if v}
    assert chart.total == sum(values.values())
    for column in chart.columns:
        index = slot_of(chart, column)
        centre = chart.left + (index + 0.5) * (chart.right - chart.left) / 90
        assert column.x + column.width / 2 == pytest.approx(centre, abs=0.1)
        assert column.value == values[column.day]
        assert column.weekend == (column.day.weekday() >= 5)
        # Proportional to the value, the top tick at the top of the plot.
        expected = column.value * (chart.bottom - chart.top) / chart.scale_top
        assert column.height == pytest.approx(max(expected, 1.0), abs=0.1)
        assert column.y + column.height == pytest.approx(chart.bottom, abs=0.01)
    # Columns are in day order and never overlap.
    xs = [(c.x, c.x + c.width) for c in chart.columns]
    assert all(a[1] < b[0] for a, b in itertools.pairwise(xs))
    assert [m.text for m in chart.months] == ["T9/2026", "T10/2026", "T11/2026"]
    assert [m.day for m in chart.months] == [dt.date(2026, m, 1) for m in (9, 10, 11)]
    for month in chart.months:
        slot = (chart.right - chart.left) / 90
        assert month.x == pytest.approx(chart.left + (month.day - START).days * slot, abs=0.1)
    assert_inside(chart)


def test_missing_days_count_as_zero_and_order_does_not_matter():
    series = [(START + dt.timedelta(days=9), 4), (START, 2), (START + dt.timedelta(days=3), 8)]
    chart = daily_columns(series)
    assert chart.days == 10
    assert [(c.day, c.value) for c in chart.columns] == sorted(series)
    assert chart == daily_columns(sorted(series))


def test_weekends_and_the_busiest_day_are_flagged():
    # 16/11/2026 is a Monday: the 21st and 22nd are the weekend.
    chart = daily_columns(days([5, 9, 3, 9, 4, 2, 1], start=dt.date(2026, 11, 16)))
    flags = {c.day.day: (c.weekend, c.peak) for c in chart.columns}
    assert flags[21] == (True, False) and flags[22] == (True, False)
    assert [d for d, (_w, peak) in flags.items() if peak] == [17]  # the first of the ties
    assert chart.peak.day == dt.date(2026, 11, 17)
    classes = {c.day.day: c.css_class for c in chart.columns}
    assert classes[17] == "pt-daily__column pt-daily__column--peak"
    assert classes[22] == "pt-daily__column pt-daily__column--weekend"
    assert classes[16] == "pt-daily__column"


def test_large_values_widen_the_axis_labels():
    small = daily_columns(days([3, 5, 8]))
    large = daily_columns(days([1_234_567, 0, 2_500_000]))
    assert [t.label for t in large.ticks] == ["0", "1.000.000", "2.000.000", "3.000.000"]
    assert large.left > small.left
    assert large.left >= len("3.000.000") * 7 + 6
    assert_inside(large)


def test_a_small_value_beside_a_large_one_stays_visible():
    chart = daily_columns(days([1, 100_000]))
    tiny = chart.columns[0]
    assert tiny.height == 1.0 and tiny.y == chart.bottom - 1.0


def test_month_labels_never_overlap_nor_leave_the_chart():
    # A year: months are ~50 units apart, about the width of a label.
    rng = random.Random(3)
    year = days([rng.randint(0, 50) for _ in range(365)], start=dt.date(2026, 1, 1))
    chart = daily_columns(year)
    assert chart.months[0].text == "T1/2026"
    spans = [
        (m.text_x, m.text_x + len(m.text) * 7)
        if m.anchor == "start"
        else (m.text_x - len(m.text) * 7, m.text_x)
        for m in chart.months
    ]
    assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))
    assert 4 <= len(chart.months) < 12  # some left out, not all
    assert_inside(chart)
    # A month starting in the last slots: its label ends at the right edge.
    late = daily_columns(days([1] * 40, start=dt.date(2026, 10, 24)))  # to 02/12/2026
    assert [m.text for m in late.months] == ["T11/2026", "T12/2026"]
    december = late.months[-1]
    assert december.anchor == "end" and december.text_x == late.right
    assert december.x > late.right - 3 * late.slot
    assert_inside(late)


@pytest.mark.parametrize(("width", "height"), [(640, 220), (320, 160), (1200, 300), (120, 80)])
def test_other_sizes(width, height):
    chart = daily_columns(ninety(), width=width, height=height)
    assert (chart.width, chart.height) == (width, height)
    assert_inside(chart)


def test_coordinates_are_rounded_to_a_tenth():
    chart = daily_columns(ninety(seed=11, high=9_876))
    numbers = [chart.left, chart.right, chart.top, chart.bottom, chart.slot, chart.label_y]
    for column in chart.columns:
        numbers += [column.x, column.y, column.width, column.height]
    numbers += [t.y for t in chart.ticks] + [t.label_y for t in chart.ticks]
    numbers += [m.x for m in chart.months] + [m.text_x for m in chart.months]
    for value in numbers:
        assert value == round(value, 1)
        assert repr(value) != "-0.0"
    svg = render(chart)
    coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|width|height)="([^"]+)"', svg)
    assert coordinates and all(re.fullmatch(r"\d+(\.\d)?", c) for c in coordinates)


def test_summary():
    chart = daily_columns(days([100, 250, 0, 1_234], start=dt.date(2026, 11, 19)))
    assert chart.summary == (
        "4 ngày, từ 19/11/2026 đến 22/11/2026: tổng cộng 1.584 lượt xem, trung bình 396 lượt "
        "mỗi ngày; nhiều nhất Chủ nhật, 22/11/2026 với 1.234 lượt xem."
    )
    assert chart.average == 396
    chart = daily_columns(days([1, 2, 2]))
    assert "trung bình 1,7 lượt mỗi ngày" in chart.summary


def test_deterministic():
    series = ninety(seed=5, high=3_000)
    first, second = daily_columns(series), daily_columns(list(reversed(series)))
    assert first == second
    assert render(first) == render(second)


# The SVG -----------------------------------------------------------------------------------


def test_svg_is_static_accessible_and_classed():
    chart = daily_columns(ninety())
    svg = render(chart, "Lượt xem <mỗi> ngày", id="pt-stats-daily-chart")
    assert "<script" not in svg and "style" not in svg and " on" not in svg.replace("\n", " ")
    soup = BeautifulSoup(svg, "html.parser")
    root = soup.select_one("svg")
    assert root["viewbox"] == "0 0 640 220" and root["role"] == "img"
    assert root["aria-labelledby"] == "pt-stats-daily-chart-title pt-stats-daily-chart-desc"
    title = soup.select_one("#pt-stats-daily-chart-title")
    assert title.get_text() == "Lượt xem <mỗi> ngày"  # escaped in the source
    assert "&lt;mỗi&gt;" in svg
    assert soup.select_one("#pt-stats-daily-chart-desc").get_text() == chart.summary
    rects = soup.select("rect")
    assert len(rects) == len(chart.columns) == sum(1 for _d, v in ninety() if v)
    for rect, column in zip(rects, chart.columns, strict=True):
        assert rect.select_one("title").get_text() == column.label
        assert float(rect["x"]) == column.x and float(rect["height"]) == column.height
        assert rect["class"][0] == "pt-daily__column"
    assert len(soup.select("rect.pt-daily__column--peak")) == 1
    weekend = [c for c in chart.columns if c.weekend]
    assert len(soup.select("rect.pt-daily__column--weekend")) == len(weekend)
    assert [t.get_text() for t in soup.select("text.pt-daily__tick")] == ["0", "200", "400", "600"]
    assert [t.get_text() for t in soup.select("text.pt-daily__month")] == [
        "T9/2026",
        "T10/2026",
        "T11/2026",
    ]
    assert len(soup.select("line.pt-daily__gridline")) == 3  # not at 0: the axis is there
    assert len(soup.select("line.pt-daily__axis")) == 2
    assert len(soup.select("line.pt-daily__month-tick")) == 3
    for element in soup.find_all(True):
        for name in element.get("class", []):
            assert name.startswith("pt-daily")


def test_svg_default_id_and_description():
    chart = daily_columns(days([3, 0, 4]))
    soup = BeautifulSoup(render(chart, description="Ba ngày."), "html.parser")
    assert soup.select_one("svg")["aria-labelledby"] == "pt-daily-title pt-daily-desc"
    assert soup.select_one("#pt-daily-desc").get_text() == "Ba ngày."
    assert soup.select_one("rect title").get_text() == "Thứ Ba, 25/08/2026: 3 lượt xem"
