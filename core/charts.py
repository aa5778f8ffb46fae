"""Server-side SVG bar charts for figures people compare (the KPI dashboard, survey results, paid services,
visit statistics): the same markup renders in the browser and in WeasyPrint PDFs, with no script."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.numbers import format_number


def comparison_bars_svg(rows: list[tuple[str, int | None, int | None]], *, current_label: str,
                        previous_label: str | None, width: int = 720) -> SafeString:
    """Horizontal bars: for each label the current figure (dark) over the previous one (light). With no
    `previous_label` it is a plain bar chart of one series (pass None as each row's previous figure).

    Rows without data are left out of the chart (the table beside it says "no data")."""
    rows = [(label, value, previous) for label, value, previous in rows if value is not None]
    label_w, right, bar_h, gap = 260, 60, 9, 10
    row_h = bar_h * 2 + gap
    height = 30 + row_h * len(rows)
    peak = max([1, *(v for _l, v, _p in rows), *(p for _l, _v, p in rows if p is not None)])
    scale = (width - label_w - right) / peak
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;font-family:sans-serif;font-size:11px" role="img">',
        f'<rect x="{label_w}" y="4" width="10" height="8" fill="#1f4e8c"/>'
        f'<text x="{label_w + 14}" y="12">{escape(current_label)}</text>',
    ]
    if previous_label is not None:
        parts.append(f'<rect x="{label_w + 200}" y="4" width="10" height="8" fill="#9db7dc"/>'
                     f'<text x="{label_w + 214}" y="12">{escape(previous_label)}</text>')
    for index, (label, value, previous) in enumerate(rows):
        top = 24 + index * row_h
        short = label if len(label) <= 36 else label[:35] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{top + bar_h + 3}" text-anchor="end">{escape(short)}</text>')
        parts.append(f'<rect x="{label_w}" y="{top}" width="{value * scale:.1f}" height="{bar_h}" fill="#1f4e8c"/>')
        parts.append(f'<text x="{label_w + value * scale + 4:.1f}" y="{top + bar_h - 1}">{format_number(value)}</text>')
        if previous is not None:
            parts.append(f'<rect x="{label_w}" y="{top + bar_h}" width="{previous * scale:.1f}" height="{bar_h}" '
                         f'fill="#9db7dc"/>')
            parts.append(f'<text x="{label_w + previous * scale + 4:.1f}" y="{top + 2 * bar_h - 1}" '
                         f'fill="#555">{format_number(previous)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - escaped labels and numbers only
