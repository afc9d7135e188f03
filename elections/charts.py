"""Inline SVG charts drawn on the server, so they show without JavaScript.

Every chart carries a <title> and <desc> for screen readers, and every page that
shows one puts the same figures in a table beside it; the chart is a picture of
the table, never the only place a figure lives.
"""

from decimal import Decimal

from django.utils.html import format_html as _format_html
from django.utils.safestring import mark_safe

# Drawn small so that type stays legible when a phone shrinks the chart to fit.
WIDTH = 480
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 44, 104, 14, 46

# Colour alone does not tell lines apart for everyone; each series also has its
# own dash pattern and marker.
PALETTE = ["#9b1c1c", "#1f4e79", "#2f6b3a", "#8a5a00", "#5b3a8a", "#3d3d3d"]
DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 5", "8 8"]
# The page's legend for bars (.swatch-0, .swatch-1 in tally.css) uses the same colours.
BAR_FILLS = ["#1f4e79", "#c9b98f"]


def format_html(template, *args):
    """format_html that also takes {:.1f}: coordinates are rounded before escaping."""
    pieces = template.split("{:.1f}")
    args = list(args)
    out, index = [], 0
    for i, piece in enumerate(pieces):
        out.append(piece)
        index += piece.count("{}")
        if i < len(pieces) - 1:
            args[index] = f"{float(args[index]):.1f}"
            out.append("{}")
            index += 1
    return _format_html("".join(out), *args)


def _x_positions(count, inset=0):
    """Evenly spaced releases; bars need an inset so none hangs over the legend."""
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
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'preserveAspectRatio="xMidYMid meet">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )


def _axes(scale, tick, x_labels, xs, y_format):
    parts = []
    value = scale[0]
    while value <= scale[1] + 1e-9:
        y = _y(value, scale)
        parts.append(
            format_html(
                '<line class="grid" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>'
                '<text class="tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>',
                LEFT,
                WIDTH - RIGHT,
                y,
                y,
                LEFT - 6,
                y + 4,
                y_format(value),
            )
        )
        value += tick
    base = HEIGHT - BOTTOM
    for x, (label, sublabel) in zip(xs, x_labels, strict=True):
        parts.append(
            format_html(
                '<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>'
                '<text class="tick sub" x="{:.1f}" y="{}" text-anchor="middle">{}</text>',
                x,
                base + 17,
                label,
                x,
                base + 36,
                sublabel,
            )
        )
    return mark_safe("".join(parts))


def line_chart(*, chart_id, title, description, x_labels, series, scale=None, y_format=None):
    """Lines over releases.

    x_labels: one (label, sublabel) per release; series: dicts with "name" and
    "values" (one number or None per release; a gap where a release lacks it).
    """
    y_format = y_format or (lambda v: f"{v:g}")
    xs = _x_positions(len(x_labels))
    biggest = max(
        (float(v) for s in series for v in s["values"] if v is not None),
        default=0,
    )
    if scale:
        scale, tick = scale
    else:
        top_value, tick = _nice_top(biggest)
        scale = (0, top_value)
    parts = [_axes(scale, tick, x_labels, xs, y_format)]
    for i, line in enumerate(series):
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        points = [
            (x, _y(v, scale)) for x, v in zip(xs, line["values"], strict=True) if v is not None
        ]
        if not points:
            continue
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            format_html(
                '<polyline class="series" points="{}" stroke="{}" stroke-dasharray="{}"/>',
                path,
                colour,
                dash,
            )
        )
        parts.extend(
            format_html('<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}"/>', x, y, colour)
            for x, y in points
        )
        last_x, last_y = points[-1]
        parts.append(
            format_html(
                '<text class="label" x="{:.1f}" y="{:.1f}" fill="{}">{}</text>',
                last_x + 8,
                last_y + 4 + _nudge(i, series, scale),
                colour,
                line["name"],
            )
        )
    return _frame(chart_id, title, description, mark_safe("".join(parts)))


def _nudge(index, series, scale):
    """Push an end label down when it would sit on the one above it."""

    def last(s):
        values = [v for v in s["values"] if v is not None]
        return float(values[-1]) if values else None

    mine = last(series[index])
    plot = HEIGHT - TOP - BOTTOM
    for other in series[:index]:
        theirs = last(other)
        if mine is not None and theirs is not None and scale[1] > scale[0]:
            gap = abs(mine - theirs) / (scale[1] - scale[0]) * plot
            if gap < 14:
                return 14 if mine <= theirs else -14
    return 0


def stacked_bar_chart(*, chart_id, title, description, x_labels, stacks, y_format=None):
    """Bars over releases, each made of parts: stacks is a list of dicts with "name" and
    "values" (one number or None per release)."""
    y_format = y_format or compact_number
    xs = _x_positions(len(x_labels), inset=24)
    totals = [sum(float(s["values"][i] or 0) for s in stacks) for i in range(len(x_labels))]
    top_value, tick = _nice_top(max(totals, default=0))
    scale = (0, top_value)
    parts = [_axes(scale, tick, x_labels, xs, y_format)]
    plot_width = WIDTH - LEFT - RIGHT
    bar = min(40, plot_width / max(len(xs), 1) * 0.6)
    fills = BAR_FILLS
    for i, x in enumerate(xs):
        running = 0.0
        for j, stack in enumerate(stacks):
            value = stack["values"][i]
            if not value:
                continue
            y_top = _y(running + float(value), scale)
            y_bottom = _y(running, scale)
            parts.append(
                format_html(
                    '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>',
                    x - bar / 2,
                    y_top,
                    bar,
                    y_bottom - y_top,
                    fills[j % len(fills)],
                )
            )
            running += float(value)
    return _frame(chart_id, title, description, mark_safe("".join(parts)))


def percent(value):
    return f"{Decimal(str(value)).normalize():f}%"
