"""Server-side SVG charts of the climate log: they render the same in the browser and in WeasyPrint PDFs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.numbers import format_number


def line_chart_svg(
    points: list[tuple[dt.datetime, Decimal]],
    *,
    band: tuple[Decimal, Decimal],
    unit: str,
    title: str,
    width: int = 720,
    height: int = 220,
) -> SafeString:
    """A line of readings over time with the norm as a shaded band; points outside the band are red."""
    left, right, top, bottom = 48, 12, 24, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" style="max-width:{width}px;font-family:sans-serif;font-size:11px">',
        f'<text x="{left}" y="14" font-weight="bold">{escape(title)}</text>',
    ]
    if not points:
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - built from escaped text and numbers only
    values = [float(v) for _t, v in points]
    low, high = float(band[0]), float(band[1])
    y_min = min([*values, low]) - 1
    y_max = max([*values, high]) + 1
    t0 = points[0][0].timestamp()
    t1 = points[-1][0].timestamp()
    span = (t1 - t0) or 1.0

    def x(moment: dt.datetime) -> float:
        return left + (moment.timestamp() - t0) / span * plot_w if len(points) > 1 else left + plot_w / 2

    def y(value: float) -> float:
        return top + (y_max - value) / (y_max - y_min) * plot_h

    parts.append(f'<rect x="{left}" y="{y(high):.1f}" width="{plot_w}" height="{y(low) - y(high):.1f}" '
                 f'fill="#e6f4ea"/>')
    for label_value in (low, high):
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(label_value):.1f}" y2="{y(label_value):.1f}" '
                     f'stroke="#1b7a36" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{left - 4}" y="{y(label_value) + 4:.1f}" text-anchor="end">'
                     f'{format_number(label_value, 1)}</text>')
    parts.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#555"/>')
    parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#555"/>')
    parts.append(f'<text x="{left - 4}" y="{top - 8}" text-anchor="end">{escape(unit)}</text>')
    path = " ".join(f"{x(t):.1f},{y(float(v)):.1f}" for t, v in points)
    parts.append(f'<polyline points="{path}" fill="none" stroke="#1f4e8c" stroke-width="1.5"/>')
    for moment, value in points:
        outside = not (low <= float(value) <= high)
        colour = "#c0392b" if outside else "#1f4e8c"
        parts.append(f'<circle cx="{x(moment):.1f}" cy="{y(float(value)):.1f}" r="{3 if outside else 2}" '
                     f'fill="{colour}"><title>{moment:%d.%m.%Y %H:%M}: {value}</title></circle>')
    parts.append(f'<text x="{left}" y="{height - 8}">{points[0][0]:%d.%m.%Y}</text>')
    parts.append(f'<text x="{left + plot_w}" y="{height - 8}" text-anchor="end">{points[-1][0]:%d.%m.%Y}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped text and numbers only
