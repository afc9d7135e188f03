"""Inline SVG charts drawn on the server, so they show without JavaScript.

Every chart carries a <title> and <desc> for screen readers, and every page that
shows one puts the same figures in a table beside it; the chart is a picture of
the table, never the only place a figure lives.
"""

from decimal import Decimal

from django.utils.html import format_html as _format_html
from django.utils.safestring import mark_safe

WIDTH = 640
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 56, 130, 16, 44

# Colour alone does not tell lines apart for everyone; each series also has its
# own dash pattern and marker.
PALETTE = ["#9b1c1c", "#1f4e79", "#2f6b3a", "#8a5a00", "#5b3a8a", "#3d3d3d"]
DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 5", "8 8"]


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


def _x_positions(count):
    plot = WIDTH - LEFT - RIGHT
    if count == 1:
        return [LEFT + plot / 2]
    step = plot / (count - 1)
    return [LEFT + i * step for i in range(count)]


def _y(value, top_value):
    plot = HEIGHT - TOP - BOTTOM
    return TOP + plot - (float(value) / top_value) * plot if top_value else TOP + plot


def _nice_top(biggest):
    """A round number just above the biggest value, so gridlines fall on round figures."""
    if biggest <= 0:
        return 1, 1
    magnitude = 10 ** (len(str(int(biggest))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= biggest:
            return top, top / 4
    return 10 * magnitude, 2.5 * magnitude


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


def _axes(top_value, tick, x_labels, xs, y_format):
    parts = []
    value = 0
    while value <= top_value + 1e-9:
        y = _y(value, top_value)
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
                base + 16,
                label,
                x,
                base + 30,
                sublabel,
            )
        )
    return mark_safe("".join(parts))


def line_chart(*, chart_id, title, description, x_labels, series, y_max=None, y_format=None):
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
    top_value, tick = (y_max, y_max / 4) if y_max else _nice_top(biggest)
    parts = [_axes(top_value, tick, x_labels, xs, y_format)]
    for i, line in enumerate(series):
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        points = [
            (x, _y(v, top_value)) for x, v in zip(xs, line["values"], strict=True) if v is not None
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
                last_y + 4 + _nudge(i, series, top_value),
                colour,
                line["name"],
            )
        )
    return _frame(chart_id, title, description, mark_safe("".join(parts)))


def _nudge(index, series, top_value):
    """Push an end label down when it would sit on the one above it."""

    def last(s):
        values = [v for v in s["values"] if v is not None]
        return float(values[-1]) if values else None

    mine = last(series[index])
    plot = HEIGHT - TOP - BOTTOM
    for other in series[:index]:
        theirs = last(other)
        if mine is not None and theirs is not None and top_value:
            gap = abs(mine - theirs) / top_value * plot
            if gap < 14:
                return 14 if mine <= theirs else -14
    return 0


def stacked_bar_chart(*, chart_id, title, description, x_labels, stacks, y_format=None):
    """Bars over releases, each made of parts: stacks is a list of dicts with "name" and
    "values" (one number or None per release)."""
    y_format = y_format or (lambda v: f"{v:,.0f}")
    xs = _x_positions(len(x_labels))
    totals = [sum(float(s["values"][i] or 0) for s in stacks) for i in range(len(x_labels))]
    top_value, tick = _nice_top(max(totals, default=0))
    parts = [_axes(top_value, tick, x_labels, xs, y_format)]
    plot_width = WIDTH - LEFT - RIGHT
    bar = min(48, plot_width / max(len(xs), 1) * 0.6)
    fills = ["#1f4e79", "#c9b98f"]
    for i, x in enumerate(xs):
        running = 0.0
        for j, stack in enumerate(stacks):
            value = stack["values"][i]
            if not value:
                continue
            y_top = _y(running + float(value), top_value)
            y_bottom = _y(running, top_value)
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
    for j, stack in enumerate(stacks):
        y = TOP + 8 + j * 20
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text class="label" x="{}" y="{}">{}</text>',
                WIDTH - RIGHT + 12,
                y,
                fills[j % len(fills)],
                WIDTH - RIGHT + 30,
                y + 11,
                stack["name"],
            )
        )
    return _frame(chart_id, title, description, mark_safe("".join(parts)))


def percent(value):
    return f"{Decimal(str(value)).normalize():f}%"
