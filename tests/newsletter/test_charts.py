"""The reports' SVG charts: accessible, escaped, and with no inline style or script."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from newsletter.reports.charts import bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def _points(n: int) -> list[tuple[str, int]]:
    return [(f"Week {i}", i * 3) for i in range(n)]


def test_a_bar_chart_is_an_image_with_a_title_and_one_bar_per_point():
    chart = bar_chart("Sign-ups per week", _points(5), label_heading="Week", value_heading="N")
    root = ElementTree.fromstring(chart.svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").text == "Sign-ups per week"
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 5
    assert bars[-1].find(f"{SVG}title").text == "Week 4: 12"
    # The table behind the chart holds the same figures.
    assert chart.rows == tuple(_points(5))


def test_a_line_chart_has_a_point_per_value():
    chart = line_chart("Readers", _points(4), label_heading="Week", value_heading="Readers")
    root = ElementTree.fromstring(chart.svg)
    assert len(root.findall(f"{SVG}circle")) == 4
    assert root.find(f"{SVG}polyline") is not None


def test_charts_carry_no_style_or_script_and_escape_labels():
    for draw in (bar_chart, line_chart):
        chart = draw(
            "A <b>title</b>",
            [("<script>alert(1)</script>", 1), ("B", 2)],
            label_heading="L",
            value_heading="V",
        )
        assert "<script" not in chart.svg and "style=" not in chart.svg
        assert "&lt;script&gt;" in chart.svg
        ElementTree.fromstring(chart.svg)


def test_an_empty_period_draws_an_empty_chart():
    chart = bar_chart("Nothing", [], label_heading="L", value_heading="V")
    assert "No data for this period." in chart.svg
    assert not re.search(r"<rect", chart.svg)


def test_long_periods_label_only_some_weeks():
    chart = bar_chart("Year", _points(52), label_heading="L", value_heading="V")
    assert len(re.findall(r'class="chart__label"', chart.svg)) <= 12
