"""Charts drawn on the server as SVG: bars and lines, each with its data table.

The SVG carries ``role="img"``, a ``<title>`` and a ``<desc>`` naming it;
the template shows the same numbers as a table beside it, for screen
readers and for anyone who wants the figures. No inline style or script:
the admin's Content-Security-Policy allows neither, so the look comes from
classes styled in ``static/css/newsroom-admin.css``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

# The drawing's own units; CSS scales it to the page's width.
WIDTH, HEIGHT = 640, 240
# The right margin leaves room for half the last label, centred on its point.
LEFT, RIGHT, TOP, BOTTOM = 48, 40, 12, 36
# Past this many points, only every n-th label is written under the axis.
MAX_LABELS = 12


@dataclass(frozen=True)
class Chart:
    """A chart's SVG and the table behind it: one (label, value) row per point."""

    title: str
    svg: SafeString
    label_heading: str
    value_heading: str
    rows: tuple[tuple[str, int], ...]


def _scale_max(values: list[int]) -> int:
    top = max(values, default=0)
    if top <= 4:
        return 4
    # A round top for the axis: 1, 2 or 5 times a power of ten.
    magnitude = 10 ** (len(str(top)) - 1)
    for step in (1, 2, 5, 10):
        if top <= step * magnitude:
            return step * magnitude
    return top


def _frame(title: str, description: str, kind: str, body: list[str], top: int) -> SafeString:
    chart_id = f"chart-{slugify(title)}"
    plot_height = HEIGHT - TOP - BOTTOM
    grid = []
    for fraction in (0, 0.5, 1):
        y = TOP + plot_height * (1 - fraction)
        grid.append(
            format_html(
                '<line class="chart__grid" x1="{}" y1="{}" x2="{}" y2="{}"/>'
                '<text class="chart__tick" x="{}" y="{}" text-anchor="end">{}</text>',
                LEFT,
                f"{y:.1f}",
                WIDTH - RIGHT,
                f"{y:.1f}",
                LEFT - 6,
                f"{y + 4:.1f}",
                int(top * fraction),
            )
        )
    return mark_safe(
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{}" '
            'viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            kind,
            WIDTH,
            HEIGHT,
            chart_id,
            chart_id,
            chart_id,
            title,
            chart_id,
            description,
        )
        + "".join(grid)
        + "".join(body)
        + "</svg>"
    )


def _x_labels(labels: list[str], xs: list[float]) -> list[str]:
    every = max(1, -(-len(labels) // MAX_LABELS))
    return [
        format_html(
            '<text class="chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
            f"{x:.1f}",
            HEIGHT - BOTTOM + 18,
            label,
        )
        for n, (label, x) in enumerate(zip(labels, xs, strict=True))
        if n % every == 0
    ]


def _describe(points: list[tuple[str, int]], value_heading: str) -> str:
    if not points:
        return "No data for this period."
    values = [value for _, value in points]
    return (
        f"{len(points)} points from {points[0][0]} to {points[-1][0]}; "
        f"{value_heading.lower()} from {min(values)} to {max(values)}."
    )


def bar_chart(
    title: str, points: list[tuple[str, int]], *, label_heading: str, value_heading: str
) -> Chart:
    """Draw one bar per (label, value) point, e.g. sign-ups per week."""
    values = [value for _, value in points]
    top = _scale_max(values)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / max(1, len(points))
    body: list[str] = []
    xs: list[float] = []
    for n, (label, value) in enumerate(points):
        height = plot_height * value / top
        x = LEFT + n * slot + slot * 0.15
        xs.append(x + slot * 0.35)
        body.append(
            format_html(
                '<rect class="chart__bar" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}: {}</title></rect>",
                f"{x:.1f}",
                f"{TOP + plot_height - height:.1f}",
                f"{slot * 0.7:.1f}",
                f"{height:.1f}",
                label,
                value,
            )
        )
    body += _x_labels([label for label, _ in points], xs)
    svg = _frame(title, _describe(points, value_heading), "bars", body, top)
    return Chart(title, svg, label_heading, value_heading, tuple(points))


def line_chart(
    title: str, points: list[tuple[str, int]], *, label_heading: str, value_heading: str
) -> Chart:
    """Draw a line through the (label, value) points, e.g. the list's size."""
    values = [value for _, value in points]
    top = _scale_max(values)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(1, len(points) - 1)
    xs = [LEFT + n * step for n in range(len(points))]
    ys = [TOP + plot_height * (1 - value / top) for value in values]
    coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    body: list[str] = [format_html('<polyline class="chart__line" points="{}"/>', coordinates)]
    body += [
        format_html(
            '<circle class="chart__point" cx="{}" cy="{}" r="3"><title>{}: {}</title></circle>',
            f"{x:.1f}",
            f"{y:.1f}",
            label,
            value,
        )
        for (label, value), x, y in zip(points, xs, ys, strict=True)
    ]
    body += _x_labels([label for label, _ in points], xs)
    svg = _frame(title, _describe(points, value_heading), "line", body, top)
    return Chart(title, svg, label_heading, value_heading, tuple(points))
