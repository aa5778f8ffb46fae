"""The inventory book (607-13) of any size as one PDF, rendered in parts so memory stays flat.

Every page holds a fixed number of lines, so the page count is known before rendering: each part is rendered
by WeasyPrint on its own with its first page number passed into the CSS page counter, and the parts are merged
with pypdf. Page numbers run "N / M" through the whole book.
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from forms_registry.registry import FormDataError, FormImplementation, registry
from forms_registry.renderer import form_context, html_to_pdf

from .constants import INVENTORY_CHUNK_PAGES, INVENTORY_ROWS_PER_PAGE
from .printforms import inventory_chunk_context, inventory_entries, inventory_page_count

TEMPLATE = "acquisitions/forms/inventory_book.html"


def _render_part(entries, *, count: int, page_start: int, first: bool, last: bool, params: dict) -> bytes:
    entry = registry.get("607-13")
    context = inventory_chunk_context(entries, count=count, page_offset=page_start - 1, first=first, last=last)
    implementation = FormImplementation(template=TEMPLATE, build_context=lambda _params: context,
                                        orientation="landscape")
    with translation.override("kk"):
        html = render_to_string(TEMPLATE, form_context(entry, implementation, params))
    return html_to_pdf(html)


def render_inventory_book(*, destination: Path, number_from: int | None = None, number_to: int | None = None,
                          progress: Callable[[int, int], None] | None = None,
                          chunk_pages: int = INVENTORY_CHUNK_PAGES) -> int:
    """Write the inventory book for a range of numbers to `destination`; returns the number of pages."""
    from pypdf import PdfWriter

    entries = inventory_entries(number_from, number_to).order_by("number")
    count = entries.count()
    if not count:
        raise FormDataError("The inventory book has no entries in this range.")
    rows_per_part = INVENTORY_ROWS_PER_PAGE * chunk_pages
    parts = -(-count // rows_per_part)
    params = {"number_from": number_from, "number_to": number_to}
    with tempfile.TemporaryDirectory(prefix="inventory-book-") as workdir:
        paths, last_number = [], None
        for index in range(parts):
            part = entries if last_number is None else entries.filter(number__gt=last_number)
            numbers = list(part.values_list("number", flat=True)[:rows_per_part])
            last_number = numbers[-1]
            chunk = entries.filter(number__gte=numbers[0], number__lte=last_number)
            # The cover is page 1; part i's data pages start after the cover and the parts before it.
            page_start = 1 if index == 0 else 2 + index * chunk_pages
            pdf = _render_part(chunk, count=count, page_start=page_start, first=index == 0,
                               last=index == parts - 1, params=params)
            path = Path(workdir) / f"part-{index:05d}.pdf"
            path.write_bytes(pdf)
            paths.append(path)
            del pdf
            gc.collect()
            if progress:
                progress(index + 1, parts)
        writer = PdfWriter()
        for path in paths:
            writer.append(str(path))
        with open(destination, "wb") as out:
            writer.write(out)
        pages = len(writer.pages)
    expected = inventory_page_count(count)
    if pages != expected:
        raise RuntimeError(f"inventory book has {pages} pages, {expected} expected: a line overflowed its page")
    return pages
