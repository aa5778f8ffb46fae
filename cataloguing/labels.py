"""Printable barcode label sheet for items (Code 128, SVG embedded so WeasyPrint prints it sharp)."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable

from barcode import Code128
from barcode.writer import SVGWriter
from django.template.loader import render_to_string

from forms_registry.renderer import html_to_pdf

from .models import Item


def barcode_svg_data_uri(value: str) -> str:
    out = io.BytesIO()
    Code128(value, writer=SVGWriter()).write(out, options={"module_height": 9.0, "module_width": 0.25,
                                                           "write_text": False, "quiet_zone": 2.0})
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def render_labels_html(items: Iterable[Item]) -> str:
    labels = [{"item": item, "barcode": barcode_svg_data_uri(item.barcode)} for item in items]
    return render_to_string("cataloguing/labels.html", {"labels": labels})


def render_labels_pdf(items: Iterable[Item]) -> bytes:
    """A4 sheets of 3 × 8 labels (70 × 37 mm): barcode, inventory number, call number, short title."""
    return html_to_pdf(render_labels_html(items))
