"""Every form prints from the demo library, and nothing it prints lies outside the printable area (issue 20.3/4).

One module fixture loads the demo (`load_demo`'s loaders) and runs `forms render-all` on it, as a director would
after `make run`; each form's PDF is then read back with pdfplumber, which gives the position of every glyph
and rule on the page (pypdf gives the text only)."""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from core.demodata import load_all
from forms_registry.registry import registry
from forms_registry.renderer import html_to_pdf, render_form_html

MM = 72 / 25.4  # PDF points per millimetre
# A rule drawn on the edge of the content box is centred on it: half a hairline may stick out.
TOLERANCE = 0.5
# Nothing at all within this distance of the paper's edge: what office printers cannot print.
PRINTER_EDGE_MM = 5
CODES = [entry.code for entry in registry.entries()]


@dataclass(frozen=True)
class Margins:
    """The page margins a form declares in its CSS (`@page { margin: … }`), in millimetres."""

    top: float
    right: float
    bottom: float
    left: float


def declared_margins(html: str) -> Margins:
    """The margins of the last `@page` rule that sets them (the form's own rule comes after the base form's)."""
    found = re.findall(r"@page\s*\{[^{}]*?\bmargin\s*:\s*([^;}]+)", html)
    assert found, "the form declares no page margins"
    values = []
    for value in found[-1].split():
        number = re.fullmatch(r"(\d+(?:\.\d+)?)(mm)?", value)
        assert number, f"margin in mm expected: {value}"
        assert number.group(2) or float(number.group(1)) == 0, f"margin in mm expected: {value}"
        values.append(float(number.group(1)))
    assert 1 <= len(values) <= 4, f"a margin has one to four values: {found[-1]}"
    # CSS's shorthand: one value for all sides; top-bottom and right-left; top, right-left, bottom; all four.
    while len(values) < 4:
        values.append(values[{1: 0, 2: 0, 3: 1}[len(values)]])
    return Margins(*values)


def objects_outside(pdf: bytes, margins: Margins, printed_code: str) -> list[str]:
    """Every glyph, line and rectangle of the PDF outside the content box, described for the failure message.

    The running header and footer live in the margins by design: in the top margin only the form's code, in the
    bottom one only "N / M", and neither closer to the paper's edge than a printer can print."""
    problems = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, 1):
            left, right = margins.left * MM - TOLERANCE, page.width - margins.right * MM + TOLERANCE
            top, bottom = margins.top * MM - TOLERANCE, page.height - margins.bottom * MM + TOLERANCE
            edge = PRINTER_EDGE_MM * MM
            header, footer = [], []
            for kind in ("chars", "lines", "rects"):
                for obj in getattr(page, kind):
                    where = (f"page {number}: {kind[:-1]} {obj.get('text', '')!r} at x {obj['x0'] / MM:.1f}–"
                             f"{obj['x1'] / MM:.1f} mm, y {obj['top'] / MM:.1f}–{obj['bottom'] / MM:.1f} mm")
                    inside_x = obj["x0"] >= left and obj["x1"] <= right
                    if kind == "chars" and obj["bottom"] <= top and obj["top"] >= edge and inside_x:
                        header.append(obj)
                    elif kind == "chars" and obj["top"] >= bottom and obj["bottom"] <= page.height - edge \
                            and inside_x:
                        footer.append(obj)
                    elif not (inside_x and obj["top"] >= top and obj["bottom"] <= bottom):
                        problems.append(where)
            header_text = "".join(c["text"] for c in sorted(header, key=lambda c: c["x0"])).replace(" ", "")
            footer_text = "".join(c["text"] for c in sorted(footer, key=lambda c: c["x0"])).replace(" ", "")
            if header_text not in ("", printed_code.replace(" ", "")):
                problems.append(f"page {number}: top margin holds {header_text!r}")
            if footer_text and not re.fullmatch(r"\d+/\d+", footer_text):
                problems.append(f"page {number}: bottom margin holds {footer_text!r}")
    return problems


@dataclass
class Rendered:
    line: str
    pdf: bytes | None
    margins: Margins | None


@pytest.fixture(scope="module")
def demo_forms(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Rendered]:
    """`forms render-all` on the demo library: each form's line of output, its PDF and its declared margins.
    The demo is loaded in a transaction rolled back at the end, so the other modules find an empty database."""
    out = tmp_path_factory.mktemp("forms")
    output = io.StringIO()
    rendered: dict[str, Rendered] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        load_all(io.StringIO())
        # The lines say which forms did not render; the tests below fail on them one by one.
        with contextlib.suppress(CommandError):
            call_command("forms", "render-all", "--out", str(out), stdout=output)
        lines = dict(line.split("\t", 1) for line in output.getvalue().splitlines() if "\t" in line)
        for code in CODES:
            line = lines.get(code, "no line")
            match = re.match(r"(\S+\.pdf) \(\d+ bytes\)$", line)
            pdf = Path(match.group(1)).read_bytes() if match else None
            margins = None
            if pdf is not None:
                margins = declared_margins(render_form_html(code, registry.implementation(code).example_params()))
            rendered[code] = Rendered(line, pdf, margins)
        transaction.set_rollback(True)
    return rendered


# The marker has pytest-django create the test database the module fixture loads the demo into.
@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_every_form_prints_from_the_demo_with_its_example_parameters(demo_forms, code):
    assert demo_forms[code].pdf, f"{code}: {demo_forms[code].line}"


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_nothing_a_form_prints_lies_outside_the_printable_area(demo_forms, code):
    rendered = demo_forms[code]
    assert rendered.pdf, f"{code}: {rendered.line}"
    problems = objects_outside(rendered.pdf, rendered.margins, registry.get(code).printed_code)
    assert not problems, f"{code}: {len(problems)} outside the margins, first: " + "; ".join(problems[:5])


# The check itself, on a page made for it.
PAGE = """<html><head><style>@page {{ size: A4; margin: 20mm 15mm 18mm 25mm;
  @top-right {{ content: "ҚазҰТЗУ 607-04 Ү"; }} @bottom-center {{ content: counter(page) " / " counter(pages); }} }}
  {style}</style></head><body><table style="width: 100%; border-collapse: collapse"><tr>
  <td style="border: 0.5pt solid black">Кітап</td></tr></table>{body}</body></html>"""


def test_the_check_passes_a_page_that_keeps_to_its_margins():
    html = PAGE.format(style="", body="<p>Сәтбаев университеті</p>")
    assert declared_margins(html) == Margins(20, 15, 18, 25)
    assert objects_outside(html_to_pdf(html), declared_margins(html), "ҚазҰТЗУ 607-04 Ү") == []


@pytest.mark.parametrize(("style", "body"), [
    ("", '<p style="margin-left: -8mm">Тізім</p>'),  # 607-07's kind of fault: into the left margin
    ("", '<p style="white-space: nowrap">' + "Кітапхана " * 40 + "</p>"),  # 607-42's: off the paper's edge
    ("", '<div style="width: 200mm; border-top: 0.5pt solid black"></div>'),  # a rule past the right margin
])
def test_the_check_finds_what_lies_outside_the_margins(style, body):
    html = PAGE.format(style=style, body=body)
    assert objects_outside(html_to_pdf(html), declared_margins(html), "ҚазҰТЗУ 607-04 Ү")


def test_the_check_finds_text_other_than_the_code_in_the_top_margin():
    html = PAGE.format(style="", body="").replace("ҚазҰТЗУ 607-04 Ү", "ҚазҰТЗУ 607-05 Ү")
    assert objects_outside(html_to_pdf(html), declared_margins(html), "ҚазҰТЗУ 607-04 Ү")
