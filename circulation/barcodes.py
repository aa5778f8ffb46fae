"""Code 128 barcodes of reader cards as SVG (printed by WeasyPrint, scanned at the desk)."""

from __future__ import annotations

import base64
import io

import barcode
from barcode.writer import SVGWriter


def code128_svg(value: str) -> bytes:
    buffer = io.BytesIO()
    barcode.get("code128", value, writer=SVGWriter()).write(
        buffer, options={"module_height": 12.0, "module_width": 0.3, "font_size": 8, "text_distance": 4,
                         "quiet_zone": 2.0},
    )
    return buffer.getvalue()


def data_uri(content: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"
