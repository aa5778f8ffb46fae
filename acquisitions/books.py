"""The inventory book (607-13) of any size as one PDF, rendered in parts so time and memory stay bounded.

Every copy takes exactly one line and every page a fixed number of lines, so the page count is known before
rendering: each part is rendered by WeasyPrint on its own with its first page number passed into the CSS page
counter, and the parts are merged with pypdf. Page numbers run "N / M" through the whole book.

Parts are rendered by worker processes (`manage.py inventory_book_parts`, plain subprocesses, so this also
works inside a Celery worker); with one worker they are rendered in this process.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_noop

from forms_registry.registry import FormDataError, FormImplementation, registry
from forms_registry.renderer import form_context, html_to_pdf

from .constants import INVENTORY_CHUNK_PAGES, INVENTORY_ROWS_PER_PAGE
from .printforms import inventory_chunk_context, inventory_entries, inventory_page_count

TEMPLATE = "acquisitions/forms/inventory_book.html"


@dataclass(frozen=True)
class Part:
    """One part of the book: entries with numbers lo…hi, starting at page `page_start`."""

    index: int
    lo: int
    hi: int
    page_start: int
    first: bool
    last: bool

    def encode(self) -> str:
        return f"{self.index}:{self.lo}:{self.hi}:{self.page_start}:{int(self.first)}:{int(self.last)}"

    @classmethod
    def decode(cls, text: str) -> Part:
        index, lo, hi, page_start, first, last = (int(v) for v in text.split(":"))
        return cls(index, lo, hi, page_start, bool(first), bool(last))

    def filename(self) -> str:
        return f"part-{self.index:05d}.pdf"


def default_workers() -> int:
    configured = getattr(settings, "ACQUISITIONS_BOOK_WORKERS", None)
    return int(configured) if configured else min(4, os.cpu_count() or 1)


def plan_parts(numbers: list[int], chunk_pages: int = INVENTORY_CHUNK_PAGES) -> list[Part]:
    """Split the book's inventory numbers into parts of `chunk_pages` pages; the cover is page 1."""
    rows = INVENTORY_ROWS_PER_PAGE * chunk_pages
    count = len(numbers)
    parts = []
    for index, start in enumerate(range(0, count, rows)):
        end = min(start + rows, count) - 1
        page_start = 1 if index == 0 else 2 + index * chunk_pages
        parts.append(Part(index, numbers[start], numbers[end], page_start, index == 0, end == count - 1))
    return parts


def render_part(part: Part, *, count: int, destination: Path, params: dict | None = None) -> None:
    """Render one part to `destination` (written under a temporary name, then renamed: complete or absent)."""
    entries = inventory_entries(part.lo, part.hi)
    entry = registry.get("607-13")
    context = inventory_chunk_context(entries, count=count, page_offset=part.page_start - 1, first=part.first,
                                      last=part.last)
    implementation = FormImplementation(template=TEMPLATE, build_context=lambda _params: context,
                                        orientation="landscape")
    with translation.override("kk"):
        html = render_to_string(TEMPLATE, form_context(entry, implementation, params or {}))
    pdf = html_to_pdf(html)
    partial = destination.with_suffix(".tmp")
    partial.write_bytes(pdf)
    partial.rename(destination)
    del html, pdf
    gc.collect()


def _run_workers(parts: list[Part], *, count: int, workdir: Path, workers: int,
                 progress: Callable[[int, int], None] | None) -> None:
    manage = Path(settings.BASE_DIR) / "manage.py"
    processes = []
    for worker in range(workers):
        mine = parts[worker::workers]
        if not mine:
            continue
        command = [sys.executable, str(manage), "inventory_book_parts", "--count", str(count), "--workdir",
                   str(workdir), *(part.encode() for part in mine)]
        processes.append(subprocess.Popen(command, env=os.environ.copy()))  # noqa: S603 - our own command
    done = 0
    while any(process.poll() is None for process in processes):
        finished = sum(1 for part in parts if (workdir / part.filename()).exists())
        if progress and finished != done:
            done = finished
            progress(done, len(parts))
        time.sleep(0.5)
    failed = [process.args for process in processes if process.returncode]
    if failed:
        raise RuntimeError(f"{len(failed)} inventory-book worker(s) failed")
    if progress:
        progress(len(parts), len(parts))


def render_inventory_book(*, destination: Path, number_from: int | None = None, number_to: int | None = None,
                          progress: Callable[[int, int], None] | None = None,
                          chunk_pages: int = INVENTORY_CHUNK_PAGES, workers: int | None = None) -> int:
    """Write the inventory book for a range of numbers to `destination`; returns the number of pages."""
    from pypdf import PdfWriter

    numbers = list(inventory_entries(number_from, number_to).order_by("number").values_list("number", flat=True))
    count = len(numbers)
    if not count:
        # Kept in English on the export (gettext_noop) and translated when the list shows it, in its reader's
        # language: the worker that stores it runs in none.
        raise FormDataError(gettext_noop("The inventory book has no entries in this range."))
    parts = plan_parts(numbers, chunk_pages)
    del numbers
    workers = min(workers or default_workers(), len(parts))
    with tempfile.TemporaryDirectory(prefix="inventory-book-") as workdir:
        workdir = Path(workdir)
        if workers > 1:
            _run_workers(parts, count=count, workdir=workdir, workers=workers, progress=progress)
        else:
            for part in parts:
                render_part(part, count=count, destination=workdir / part.filename())
                if progress:
                    progress(part.index + 1, len(parts))
        writer = PdfWriter()
        for part in parts:
            writer.append(str(workdir / part.filename()))
        with open(destination, "wb") as out:
            writer.write(out)
        pages = len(writer.pages)
    expected = inventory_page_count(count)
    if pages != expected:
        raise RuntimeError(f"inventory book has {pages} pages, {expected} expected: a line overflowed its page")
    return pages
