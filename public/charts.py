"""Inline SVG charts drawn on the server, so they show without JavaScript.

Every chart carries a <title> and <desc> for screen readers, and every page that
shows one puts the same figures in a table beside it; the chart is a picture of
the table, never the only place a figure lives.

Markup is built with f-strings: coordinates are numbers we computed, and every
piece of text (names, labels, titles) goes through escape(). An election with
hundreds of releases draws thousands of elements, and format_html per element
cost more than the rest of the page.
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Drawn small so that type stays legible when a phone shrinks the chart to fit.
WIDTH = 480
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 44, 104, 14, 46
MAX_X_LABELS = 6
LABEL_GAP = 14
MAX_LABEL_CHARS = 14
MAX_MARKERS = 40

# Colour alone does not tell lines apart for everyone; each series also has its
# own dash pattern.
PALETTE = ["#9b1c1c", "#1f4e79", "#2f6b3a", "#8a5a00", "#5b3a8a", "#3d3d3d"]
DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 5", "8 8"]
# The page's legend for bars (.swatch-0, .swatch-1 in tally.css) uses the same colours.
BAR_FILLS = ["#1f4e79", "#c9b98f"]


def _x_positions(count, inset=0):
    """Evenly spaced releases; bars need an inset so none hangs over the edge."""
    plot = WIDTH - LEFT - RIGHT - 2 * inset
    if count == 1:
        return [LEFT + inset + plot / 2]
    step = plot / (count - 1)
    return [LEFT + inset + i * step for i in range(count)]


def _y(value, scale):
    """Map a value onto the plot; scale is (bottom value, top value)."""
    low, high = scale
    plot = HEIGHT - TOP - BOTTOM
    if high <= low:
        return TOP + plot
    return TOP + plot - (float(value) - low) / (high - low) * plot


def share_scale(values):
    """A share axis that frames the figures: a close race should not look like one line.

    Bounds fall on multiples of five points, at least ten points apart, within 0-100.
    """
    values = [float(v) for v in values if v is not None]
    if not values:
        return (0, 100), 25
    low = max(0, (min(values) - 3) // 5 * 5)
    high = min(100, -((-(max(values) + 3)) // 5) * 5)
    if high - low < 10:
        high = min(100, low + 10)
        low = high - 10
    span = high - low
    tick = 5 if span <= 25 else 10 if span <= 50 else 25
    return (low, high), tick


def _nice_top(biggest):
    """A round number just above the biggest value, so gridlines fall on round figures."""
    if biggest <= 0:
        return 1, 1
    magnitude = 10 ** (len(str(int(biggest))) - 1)
    for top, tick in ((1, 0.25), (2, 0.5), (2.5, 0.5), (5, 1), (10, 2.5)):
        if top * magnitude >= biggest:
            return top * magnitude, tick * magnitude
    return 10 * magnitude, 2.5 * magnitude


def compact_number(value):
    """1,500,000 as 1.5M: axis labels must fit in the left margin."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1_000:
        return f"{value / 1_000:g}K"
    return f"{value:g}"


def _frame(chart_id, title, description, body):
    chart_id = escape(chart_id)
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _axes(scale, tick, x_labels, xs, y_format):
    parts = []
    value = scale[0]
    while value <= scale[1] + 1e-9:
        y = _y(value, scale)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(y_format(value))}</text>"
        )
        value += tick
    base = HEIGHT - BOTTOM
    # Past a handful of releases the labels would collide; label every nth and the last.
    every = max(1, math.ceil(len(xs) / MAX_X_LABELS))
    for i, (x, (label, sublabel)) in enumerate(zip(xs, x_labels, strict=True)):
        if i % every and i != len(xs) - 1:
            continue
        if i != len(xs) - 1 and len(xs) - 1 - i < every:
            continue  # too close to the last label, which always shows
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{base + 17}" text-anchor="middle">'
            f"{escape(label)}</text>"
            f'<text class="tick sub" x="{x:.1f}" y="{base + 36}" text-anchor="middle">'
            f"{escape(sublabel)}</text>"
        )
    return "".join(parts)


def margin_scale(values):
    """An axis even about zero, so that "ahead" and "behind" are drawn the same size."""
    biggest = max((abs(float(v)) for v in values if v is not None), default=0)
    top, tick = _nice_top(max(biggest, 1))
    return (-top, top), tick


def line_chart(
    *, chart_id, title, description, x_labels, series, scale=None, y_format=None, sides=None
):
    """Lines over releases.

    x_labels: one (label, sublabel) per release; series: dicts with "name" and
    "values" (one number or None per release; a gap where a release lacks it).
    sides: for a scale about zero, what above and below the zero line mean
    ("Bass ahead", "Caruso ahead"), written inside the plot and the zero line drawn.
    """
    y_format = y_format or (lambda v: f"{v:g}")
    xs = _x_positions(len(x_labels))
    if scale:
        scale, tick = scale
    else:
        biggest = max((float(v) for s in series for v in s["values"] if v is not None), default=0)
        top_value, tick = _nice_top(biggest)
        scale = (0, top_value)
    parts = [_axes(scale, tick, x_labels, xs, y_format)]
    if sides:
        zero = _y(0, scale)
        above, below = sides
        parts.append(
            f'<line class="zero" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{zero:.1f}" y2="{zero:.1f}"/>'
            f'<text class="side" x="{LEFT + 6}" y="{TOP + 14}">↑ {escape(above)}</text>'
            f'<text class="side" x="{LEFT + 6}" y="{HEIGHT - BOTTOM - 6}">↓ {escape(below)}</text>'
        )
    markers = len(xs) <= MAX_MARKERS
    ends = []
    for i, line in enumerate(series):
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        points = [
            (x, _y(v, scale)) for x, v in zip(xs, line["values"], strict=True) if v is not None
        ]
        if not points:
            continue
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline class="series" points="{path}" stroke="{colour}" '
            f'stroke-dasharray="{dash}"/>'
        )
        if markers or len(points) == 1:
            parts.extend(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>' for x, y in points
            )
        ends.append([points[-1][1] + 4, points[-1][0] + 8, colour, _short(line["name"])])
    for y, x, colour, name in _spread(ends):
        parts.append(
            f'<text class="label" x="{x:.1f}" y="{y:.1f}" fill="{colour}">{escape(name)}</text>'
        )
    return _frame(chart_id, title, description, "".join(parts))


def _short(name):
    """End labels have a narrow margin; a long name gives way to its last word."""
    return name if len(name) <= MAX_LABEL_CHARS else name.split()[-1][:MAX_LABEL_CHARS]


def _spread(labels):
    """Move end labels apart so none sits on another, keeping their order."""
    labels = sorted(labels)
    for above, below in zip(labels, labels[1:], strict=False):
        below[0] = max(below[0], above[0] + LABEL_GAP)
    overflow = labels[-1][0] - (HEIGHT - BOTTOM + 4) if labels else 0
    if overflow > 0:
        for label in labels:
            label[0] -= overflow
        for below, above in zip(labels[::-1], labels[-2::-1], strict=False):
            above[0] = min(above[0], below[0] - LABEL_GAP)
    return labels


def stacked_bar_chart(*, chart_id, title, description, x_labels, stacks, y_format=None):
    """Bars over releases, each made of parts: stacks is a list of dicts with "name" and
    "values" (one number or None per release). The page gives the legend."""
    y_format = y_format or compact_number
    xs = _x_positions(len(x_labels), inset=24)
    totals = [sum(float(s["values"][i] or 0) for s in stacks) for i in range(len(x_labels))]
    top_value, tick = _nice_top(max(totals, default=0))
    scale = (0, top_value)
    parts = [_axes(scale, tick, x_labels, xs, y_format)]
    plot_width = WIDTH - LEFT - RIGHT
    bar = min(40, plot_width / max(len(xs), 1) * 0.6)
    for i, x in enumerate(xs):
        running = 0.0
        for j, stack in enumerate(stacks):
            value = stack["values"][i]
            if not value:
                continue
            y_top = _y(running + float(value), scale)
            y_bottom = _y(running, scale)
            parts.append(
                f'<rect x="{x - bar / 2:.1f}" y="{y_top:.1f}" width="{bar:.1f}" '
                f'height="{y_bottom - y_top:.1f}" fill="{BAR_FILLS[j % len(BAR_FILLS)]}"/>'
            )
            running += float(value)
    return _frame(chart_id, title, description, "".join(parts))
