"""The fund's two large books as PDF: the inventory book (607-13) and the summary accounting book (607-12).

Both are ruled tables of any length: every cell's full text wrapped inside its ruling, the column heads repeated
at the top of each page, pages numbered "N / M" through the whole book. WeasyPrint lays a table out at about a
second per page (10,000 inventory lines: 336 s, 843 MiB, see bench/README.md), so the table pages are drawn with
ReportLab's canvas, which only draws what we place: the rows are measured and wrapped here (font metrics), a row
never splits over two pages unless it is taller than a page, and the total page count is written once known
through a form XObject every page refers to. The cover (the university's title block, shared by every form
through forms_registry/base_form.html) and the certification page with the signatures are rendered by
WeasyPrint from the book's template and joined to the table pages with pypdf.

The same code serves the reports page and the CLI (through the form registry's `render_pdf`) for a small book
and the Celery task of `acquisitions.services.exports` for any size.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.numbers import format_amount
from core.text import with_full_stop
from forms_registry.registry import FormDataError, registry
from forms_registry.renderer import form_context, html_to_pdf

Progress = Callable[[int, int], None]

# Debian's fonts-dejavu-core (the Dockerfile installs it), the faces WeasyPrint prints the other forms with.
FONT_DIR = Path(getattr(settings, "PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
FONT, FONT_BOLD = "DejaVuSerif", "DejaVuSerif-Bold"

MM = 72 / 25.4
# A4 landscape and the margins of forms_registry/base_form.html, so the book's pages line up with its cover.
PAGE_WIDTH, PAGE_HEIGHT = 297 * MM, 210 * MM
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 20 * MM, 15 * MM, 18 * MM, 25 * MM
BODY_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FONT_SIZE, LEADING = 7.5, 9.0
HEAD_SIZE, HEAD_LEADING = 7.0, 8.4
PAD_X, PAD_Y = 1.2 * MM, 0.9 * MM
RULE = 0.5
VERTICAL_HEAD = 30 * MM  # the height of a head printed upwards
PROGRESS_EVERY = 500
NOTHING = "Жазба жоқ"  # rows between two progress reports


@dataclass(frozen=True)
class Column:
    """One column of a ruled book: its head, width in millimetres and alignment ("left", "right", "center")."""

    title: str
    width: float
    align: str = "left"
    # A narrow column's head printed upwards (a figure under a long head: "Мерзімді басылымдар").
    vertical: bool = False


@dataclass(frozen=True)
class Section:
    """A table of the book: a heading printed above it on each of its pages, its columns, and optional groups of
    columns headed together above theirs ((title, number of columns), …)."""

    heading: str
    columns: tuple[Column, ...]
    groups: tuple[tuple[str, int], ...] = ()


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    for name in (FONT, FONT_BOLD):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))


class _Measure:
    """Word wrapping by the font's metrics, with the width of each word remembered (titles repeat words)."""

    def __init__(self, font: str, size: float):
        from reportlab.pdfbase import pdfmetrics

        self._width = pdfmetrics.getFont(font).stringWidth
        self.size = size
        self._words: dict[str, float] = {}
        self.space = self._width(" ", size)

    def width(self, text: str) -> float:
        known = self._words.get(text)
        if known is None:
            known = self._width(text, self.size)
            if len(self._words) < 200_000:
                self._words[text] = known
        return known

    def wrap(self, text: str, width: float) -> list[str]:
        """The text in lines no wider than `width`: broken between words, and inside a word only when the word
        alone is wider than the cell. Nothing is cut."""
        if not text:
            return []
        if self._width(text, self.size) <= width:
            return [text]
        lines: list[str] = []
        line, used = "", 0.0
        for word in text.split():
            word_width = self.width(word)
            if line and used + self.space + word_width <= width:
                line, used = f"{line} {word}", used + self.space + word_width
                continue
            if line:
                lines.append(line)
            while word_width > width:  # a word longer than the cell: split it by characters
                cut = len(word) - 1
                while cut > 1 and self._width(word[:cut], self.size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                word_width = self._width(word, self.size)
            line, used = word, word_width
        if line:
            lines.append(line)
        return lines


class _Operators:
    """PDF text operators of one font and size, each distinct string encoded once.

    ReportLab's text object re-encodes every string it is given, character by character, into the font's subsets;
    a book repeats its dates, prices, departments and, copy after copy, its titles. This is the encoding ReportLab
    documents for its dynamic (TrueType) fonts, `font.splitString` and `font.getSubsetInternalName`, remembered."""

    def __init__(self, canvas, font: str, size: float):
        from reportlab.pdfbase import pdfmetrics

        self._font = pdfmetrics.getFont(font)
        self._doc = canvas._doc
        self._escape = canvas._escape
        self._size = size
        self._encoded: dict[str, list[tuple[str, str]]] = {}

    def show(self, operators: list[str], x: float, y: float, text: str, current: str | None) -> str | None:
        """Append the operators that print `text` at (x, y); returns the font selection in force after them."""
        chunks = self._encoded.get(text)
        if chunks is None:
            chunks = [(f"{self._font.getSubsetInternalName(subset, self._doc)} {self._size} Tf",
                       f"({self._escape(encoded)}) Tj") for subset, encoded in self._font.splitString(text, self._doc)]
            if len(self._encoded) < 200_000:
                self._encoded[text] = chunks
        operators.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        for select, show in chunks:
            if select != current:
                operators.append(select)
                current = select
            operators.append(show)
        return current


@dataclass
class RuledBook:
    """Draws sections of ruled rows onto A4 landscape pages; `pages` counts the pages drawn."""

    stream: Any
    printed_code: str
    first_page: int = 1
    pages: int = 0
    _canvas: Any = None
    _section: Section | None = None
    _xs: list[float] = field(default_factory=list)
    _head: list[tuple[float, list[str], str]] = field(default_factory=list)
    _head_height: float = 0.0
    _y: float = 0.0
    _top: float = 0.0
    _page_open: bool = False

    def __post_init__(self) -> None:
        from reportlab.pdfgen.canvas import Canvas

        _register_fonts()
        self._canvas = Canvas(self.stream, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
        self._text = _Measure(FONT, FONT_SIZE)
        self._operators = _Operators(self._canvas, FONT, FONT_SIZE)
        self._bold = _Measure(FONT_BOLD, HEAD_SIZE)

    # --- sections and pages ------------------------------------------------------------------------------------

    def section(self, section: Section) -> None:
        """Start a table on a new page; its head is measured once here and drawn on every page it takes."""
        if self._page_open:
            self._end_page()
        self._section = section
        widths = [column.width * MM for column in section.columns]
        scale = BODY_WIDTH / sum(widths)  # the columns fill the printable width exactly
        self._xs = [MARGIN_LEFT]
        for width in widths:
            self._xs.append(self._xs[-1] + width * scale)
        self._head = [self._bold.wrap(c.title, VERTICAL_HEAD if c.vertical else self._cell_width(i))
                      for i, c in enumerate(section.columns)]
        self._group_lines = [self._bold.wrap(title, self._span_width(section, index))
                             for index, (title, _n) in enumerate(section.groups)]
        self._group_height = (max(len(lines) for lines in self._group_lines) * HEAD_LEADING + 2 * PAD_Y
                              if section.groups else 0.0)
        self._title_height = max(
            max((self._bold.width(line) for line in lines), default=0) if column.vertical
            else len(lines) * HEAD_LEADING
            for column, lines in zip(section.columns, self._head, strict=True)) + 2 * PAD_Y
        self._numbers_height = HEAD_LEADING + 2 * PAD_Y
        self._head_height = self._group_height + self._title_height + self._numbers_height
        # Inside a titled group the vertical rules start below the group's title.
        self._inner, first = set(), 0
        for title, span in section.groups:
            if title:
                self._inner.update(range(first + 1, first + span))
            first += span

    def _span_width(self, section: Section, group: int) -> float:
        first = sum(span for _title, span in section.groups[:group])
        return self._xs[first + section.groups[group][1]] - self._xs[first] - 2 * PAD_X

    def _cell_width(self, index: int) -> float:
        return self._xs[index + 1] - self._xs[index] - 2 * PAD_X

    def _start_page(self) -> None:
        canvas = self._canvas
        number = self.first_page + self.pages
        self.pages += 1
        self._page_open = True
        canvas.setFont(FONT, 8)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, PAGE_HEIGHT - MARGIN_TOP / 2, self.printed_code)
        canvas.drawRightString(PAGE_WIDTH / 2, MARGIN_BOTTOM / 2, f"{number} / ")
        canvas.saveState()
        canvas.translate(PAGE_WIDTH / 2, MARGIN_BOTTOM / 2)
        canvas.doForm("total_pages")
        canvas.restoreState()
        top = PAGE_HEIGHT - MARGIN_TOP
        if self._section.heading:
            canvas.setFont(FONT_BOLD, 9)
            canvas.drawString(MARGIN_LEFT, top - 9, self._section.heading)
            top -= 14
        self._top = top
        self._draw_head(top)
        self._y = top - self._head_height

    def _draw_head(self, top: float) -> None:
        canvas, section = self._canvas, self._section
        canvas.setFillGray(0.92)
        canvas.rect(MARGIN_LEFT, top - self._head_height, BODY_WIDTH, self._head_height, stroke=0, fill=1)
        canvas.setFillGray(0)
        text = canvas.beginText()
        text.setFont(FONT_BOLD, HEAD_SIZE)
        y = top
        if section.groups:
            first = 0
            for (title, span), lines in zip(section.groups, self._group_lines, strict=True):
                if title:
                    left, right = self._xs[first], self._xs[first + span]
                    self._put(text, lines, left, right, y, "center", HEAD_SIZE, HEAD_LEADING, self._bold)
                    canvas.line(left, y - self._group_height, right, y - self._group_height)
                first += span
            y -= self._group_height
        upright = []
        for index, (column, lines) in enumerate(zip(section.columns, self._head, strict=True)):
            if column.vertical:
                upright.append((index, lines))
            else:
                self._put(text, lines, self._xs[index], self._xs[index + 1], y, "center", HEAD_SIZE, HEAD_LEADING,
                          self._bold)
        y -= self._title_height
        canvas.setFont(FONT_BOLD, HEAD_SIZE)
        for index, lines in upright:  # read from the bottom up, centred across the column
            centre = (self._xs[index] + self._xs[index + 1]) / 2
            for number, line in enumerate(lines):
                baseline = centre - len(lines) * HEAD_LEADING / 2 + (number + 1) * HEAD_LEADING - (
                    HEAD_LEADING - HEAD_SIZE) / 2
                canvas.saveState()
                canvas.translate(baseline, y + PAD_Y)
                canvas.rotate(90)
                canvas.drawString(0, 0, line)
                canvas.restoreState()
        numbers = [str(n) for n in range(1, len(section.columns) + 1)]
        for index, number in enumerate(numbers):
            self._put(text, [number], self._xs[index], self._xs[index + 1], y, "center", HEAD_SIZE, HEAD_LEADING,
                      self._bold)
        canvas.drawText(text)
        canvas.setLineWidth(RULE)
        canvas.line(MARGIN_LEFT, top, MARGIN_LEFT + BODY_WIDTH, top)
        canvas.line(MARGIN_LEFT, y, MARGIN_LEFT + BODY_WIDTH, y)
        canvas.line(MARGIN_LEFT, y - self._numbers_height, MARGIN_LEFT + BODY_WIDTH, y - self._numbers_height)

    def _end_page(self) -> None:
        canvas = self._canvas
        bottom = self._y
        head_top = self._top
        below_groups = head_top - self._group_height
        for index, x in enumerate(self._xs):
            start = below_groups if index in self._inner else head_top
            canvas.line(x, start, x, bottom)
        canvas.showPage()
        self._page_open = False

    def _put(self, text, lines: list[str], left: float, right: float, top: float, align: str, size: float,
             leading: float, measure: _Measure) -> None:
        y = top - PAD_Y - size
        for line in lines:
            if align == "right":
                x = right - PAD_X - measure.width(line)
            elif align == "center":
                x = (left + right - measure.width(line)) / 2
            else:
                x = left + PAD_X
            text.setTextOrigin(x, y)
            text.textOut(line)
            y -= leading

    # --- rows ---------------------------------------------------------------------------------------------------

    def rows(self, rows: Iterable[Sequence[Any]], *, progress: Callable[[int], None] | None = None) -> int:
        """Draw the rows of the current section; returns how many were drawn."""
        columns = self._section.columns
        count = 0
        for count, row in enumerate(rows, start=1):
            cells = [self._text.wrap(" ".join(str(value).split()) if value not in (None, "") else "",
                                     self._cell_width(index)) for index, value in enumerate(row)]
            self._row(cells, columns)
            if progress and count % PROGRESS_EVERY == 0:
                progress(count)
        if not count:  # the section's head is printed all the same, over a line saying there is nothing
            self._row([self._text.wrap(NOTHING, self._cell_width(0))], columns)
        if progress:
            progress(count)
        return count

    def _row(self, cells: list[list[str]], columns: tuple[Column, ...]) -> None:
        height = max((len(lines) for lines in cells), default=0) or 1
        while True:
            if not self._page_open:
                self._start_page()
            room = int((self._y - MARGIN_BOTTOM - 2 * PAD_Y) // LEADING)
            if room >= height or (room > 0 and self._y == self._top - self._head_height):
                # the row fits, or it is taller than a whole page: draw what fits and go on overleaf
                take = min(room, height)
                self._draw_row([lines[:take] for lines in cells], columns, take)
                if take == height:
                    return
                cells = [lines[take:] for lines in cells]
                height -= take
            self._end_page()

    def _draw_row(self, cells: list[list[str]], columns: tuple[Column, ...], height: int) -> None:
        canvas, measure, show = self._canvas, self._text, self._operators.show
        operators, current = ["BT"], None
        for index, lines in enumerate(cells):
            left, right, align = self._xs[index], self._xs[index + 1], columns[index].align
            y = self._y - PAD_Y - FONT_SIZE
            for line in lines:
                if align == "right":
                    x = right - PAD_X - measure.width(line)
                elif align == "center":
                    x = (left + right - measure.width(line)) / 2
                else:
                    x = left + PAD_X
                current = show(operators, x, y, line, current)
                y -= LEADING
        operators.append("ET")
        canvas.addLiteral("\n".join(operators))
        self._y -= height * LEADING + 2 * PAD_Y
        canvas.line(MARGIN_LEFT, self._y, MARGIN_LEFT + BODY_WIDTH, self._y)

    def finish(self, total_pages: int) -> None:
        """Close the last page and write the book's page count where every page refers to it."""
        if self._page_open:
            self._end_page()
        canvas = self._canvas
        canvas.beginForm("total_pages")
        canvas.setFont(FONT, 8)
        canvas.drawString(0, 0, str(total_pages))
        canvas.endForm()
        canvas.save()


# --- The book: cover, table pages, certification ------------------------------------------------------------------


def _form_page(code: str, template: str, context: dict[str, Any], *, page: int, total: int) -> bytes:
    """One page of the book rendered by WeasyPrint from its template (the title block, the signatures)."""
    from forms_registry.registry import FormImplementation

    entry = registry.get(code)
    implementation = FormImplementation(template=template, build_context=lambda _params: context,
                                        orientation="landscape")
    with translation.override("kk"):
        html = render_to_string(template, {**form_context(entry, implementation, {}), "page_number": page,
                                           "total_pages": total})
    return html_to_pdf(html)


def write_book(destination: Path | io.BytesIO, *, code: str, template: str, context: dict[str, Any],
               sections: Iterable[tuple[Section, Iterable[Sequence[Any]]]], total_rows: int,
               progress: Progress | None = None) -> int:
    """Cover, the sections' ruled pages, certification page; returns the number of pages."""
    from pypdf import PdfReader, PdfWriter

    entry = registry.get(code)
    done = 0

    def report(count: int) -> None:
        if progress:
            progress(done + count, total_rows)

    with tempfile.TemporaryFile() as table:
        book = RuledBook(table, entry.printed_code, first_page=2)
        for section, rows in sections:
            book.section(section)
            done += book.rows(rows, progress=report)
        total = book.pages + 2
        book.finish(total)
        table.seek(0)
        writer = PdfWriter()
        for page, part in ((1, "cover"), (total, "end")):
            pdf = _form_page(code, template, {**context, "part": part}, page=page, total=total)
            if len(PdfReader(io.BytesIO(pdf)).pages) != 1:
                raise RuntimeError(f"the {part} page of {code} took more than one page")
            if part == "cover":
                writer.append(io.BytesIO(pdf))
                writer.append(table)
            else:
                writer.append(io.BytesIO(pdf))
        writer.write(destination)
    return total


# --- Inventory book (607-13) --------------------------------------------------------------------------------------

INVENTORY_TEMPLATE = "acquisitions/forms/inventory_book.html"
# The columns of Order 590, App. 2 (spec: forms-structure.md, "Inventory book"); widths in millimetres.
INVENTORY_SECTION = Section("", (
    Column("Жазба күні", 19, "center"),
    Column("Түгендеу нөмірі", 18, "right"),
    Column("Тексеру белгісі", 14),
    Column("Автор және атауы", 84),
    Column("Басылым жылы", 16, "center"),
    Column("Бағасы, тг", 18, "right"),
    Column("ЖЕК жазбасының № (ілеспе құжат)", 22, "center"),
    Column("Бөлім (сақтау орны)", 15, "center"),
    Column("Шығару актісінің № мен күні", 24),
    Column("Ескерту", 24),
))


def check_marks(entries) -> dict[int, str]:
    """Column 3, the inventory-check marks: the years of the closed stocktakings that found each copy (item id →
    "2024, 2026"), read in one query for the whole range."""
    from .models import StocktakingScan, StocktakingStatus

    years: dict[int, set[int]] = {}
    scans = StocktakingScan.objects.filter(session__status=StocktakingStatus.CLOSED,
                                           item_id__in=entries.values("item_id"))
    for item_id, year in scans.values_list("item_id", "session__year").distinct():
        years.setdefault(item_id, set()).add(year)
    return {item_id: ", ".join(str(year) for year in sorted(found)) for item_id, found in years.items()}


def inventory_rows(entries) -> Iterable[tuple]:
    """The book's rows for a queryset of entries, in inventory-number order, read in chunks."""
    checked = check_marks(entries)
    values = entries.order_by("number").values_list(
        "number", "entered_on", "price", "item__record__authors", "item__record__title", "item__record__year",
        "receipt_line__receipt__number", "receipt_line__receipt__year", "item__department__abbreviation",
        "write_off_act__number", "write_off_act__year", "write_off_act__approved_on", "item__location_note",
        "item_id",
    )
    for (number, entered_on, price, authors, title, year, ksu, ksu_year, dept, act, act_year, act_on,
         note, item_id) in values.iterator(chunk_size=2000):
        author = ", ".join(name.strip() for name in (authors or "").split(";") if name.strip())
        yield (
            f"{entered_on:%d.%m.%Y}", number, checked.get(item_id, ""),
            f"{with_full_stop(author)} {title}" if author else title,
            year or "", format_amount(price), f"{ksu}/{ksu_year}" if ksu else "", dept or "",
            f"№ {act}/{act_year}, {act_on:%d.%m.%Y}" if act and act_on else "", note or "",
        )


def render_inventory_book(*, destination: Path | io.BytesIO, number_from: int | None = None,
                          number_to: int | None = None, progress: Progress | None = None) -> int:
    """Write the inventory book for a range of numbers; returns the number of pages."""
    from django.utils.translation import gettext_noop

    from .printforms import inventory_entries

    entries = inventory_entries(number_from, number_to)
    count = entries.count()
    if not count:
        # Kept in English on the export (gettext_noop) and translated when the list shows it, in its reader's
        # language: the worker that stores it runs in none.
        raise FormDataError(gettext_noop("The inventory book has no entries in this range."))
    bounds = entries.order_by("number").values_list("number", flat=True)
    context = {"count": count, "number_first": bounds.first(), "number_last": bounds.last(),
               "signatures": [{"position": "Кітапхана директоры", "name": ""}]}
    return write_book(destination, code="607-13", template=INVENTORY_TEMPLATE, context=context,
                      sections=[(INVENTORY_SECTION, inventory_rows(entries))], total_rows=count, progress=progress)


# --- Summary accounting book (607-12) -----------------------------------------------------------------------------

SUMMARY_TEMPLATE = "acquisitions/forms/summary_book.html"


def render_summary_book(*, destination: Path | io.BytesIO, year: int, progress: Progress | None = None) -> int:
    """Write the summary book of a year (its three parts); returns the number of pages."""
    from .printforms import summary_book_sections

    sections, total_rows = summary_book_sections(year)
    context = {"year": year, "signatures": [{"position": "ҚЖжҒӨБ меңгерушісі", "name": ""}]}
    return write_book(destination, code="607-12", template=SUMMARY_TEMPLATE, context=context, sections=sections,
                      total_rows=total_rows, progress=progress)


BOOKS: dict[str, Callable[..., int]] = {"607-12": render_summary_book, "607-13": render_inventory_book}


def render_book(code: str, *, destination: Path | io.BytesIO, params: dict[str, Any],
                progress: Progress | None = None) -> int:
    """Write book `code` ("607-12", "607-13") for its form parameters; returns the number of pages."""
    return BOOKS[code](destination=destination, progress=progress, **params)


def book_pdf_of(code: str, params: dict[str, Any]) -> bytes:
    """The book as bytes, for the form registry's reports page and CLI (a book small enough to print at once)."""
    buffer = io.BytesIO()
    render_book(code, destination=buffer, params=params)
    return buffer.getvalue()
