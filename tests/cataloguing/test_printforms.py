"""Forms 607-26 (catalogue cards), 607-27 (passport), 607-28 (transfer slip), 607-29 (UDC log) and the label
sheet, rendered to PDF and read back."""

from __future__ import annotations

import io

import pytest
from freezegun import freeze_time
from pypdf import PdfReader

from cataloguing import services
from cataloguing.constants import WorkType
from cataloguing.labels import render_labels_pdf
from cataloguing.models import Item
from cataloguing.printforms import render_cards_pdf
from forms_registry.registry import FormDataError
from forms_registry.renderer import render_form_pdf
from tests.cataloguing.factories import make_item, make_record
from tests.factories import library_department

pytestmark = pytest.mark.django_db
MM = 72 / 25.4


def pdf_pages(data: bytes):
    return PdfReader(io.BytesIO(data)).pages


def pdf_text(data: bytes) -> str:
    """The PDF's text with every run of white space (line breaks of wrapped cells too) as one space."""
    return " ".join(" ".join(page.extract_text() for page in pdf_pages(data)).split())


def test_catalogue_card_prints_call_number_heading_description_and_tracing():
    record = make_record(title="Таңдамалы еңбектер", authors="Сәтбаев, Қаныш Имантайұлы; Бектұров, Әбікен",
                         udc="55(574)", subjects="Геология; Кен орындары")
    make_item(record, inventory_number="700001")
    text = pdf_text(render_form_pdf("607-26", {"records": str(record.pk), "layout": "single"}))
    assert "55(574)" in text
    assert "Сәтбаев, Қ. И." in text
    assert "Таңдамалы еңбектер / Қ. И. Сәтбаев, Ә. Бектұров" in text
    assert "1. Геология" in text
    assert "I. Бектұров, Ә." in text
    assert "700001" in text


def test_one_card_per_page_is_125_by_75_mm():
    records = [make_record(title=f"Кітап {n}") for n in range(3)]
    pages = pdf_pages(render_form_pdf("607-26", {"records": ",".join(str(r.pk) for r in records),
                                                 "layout": "single"}))
    assert len(pages) == 3
    box = pages[0].mediabox
    assert round(float(box.width) / MM) == 125
    assert round(float(box.height) / MM) == 75


def test_cards_fit_four_to_an_a4_sheet():
    with freeze_time("2026-04-10"):
        records = [make_record(title=f"Оқулық {n}", database_code="methodical", document_type="methodical",
                               subtitle="әдістемелік нұсқаулар") for n in range(5)]
    data = render_form_pdf("607-26", {"database": "methodical", "date_from": "2026-04-01", "date_to": "2026-04-30",
                                      "layout": "sheet"})
    pages = pdf_pages(data)
    assert len(pages) == 2
    assert round(float(pages[0].mediabox.width) / MM) == 297
    text = pdf_text(data)
    for record in records:
        assert record.title in text


def test_admin_selection_of_any_size_prints_cards():
    records = [make_record(title=f"Таңдау {n}") for n in range(2)]
    text = pdf_text(render_cards_pdf(record_ids=[r.pk for r in records]))
    assert "Таңдау 0" in text
    assert "Таңдау 1" in text


def test_cards_for_nothing_are_refused():
    with pytest.raises(FormDataError):
        render_form_pdf("607-26", {"database": "rare", "layout": "sheet"})
    with pytest.raises(FormDataError):
        render_form_pdf("607-26", {"layout": "sheet"})


def test_database_passport_is_computed_from_the_data_and_read_back(cataloguer):
    with freeze_time("2025-06-01"):
        old = make_record(title="Ескі кітап", year=1999)
    with freeze_time("2026-02-01"):
        new = make_record(title="Жаңа кітап", year=2024, language="rus")
        make_item(new, inventory_number="800001")
    with freeze_time("2026-03-01"):
        services.record_save_fields(record=old, user=cataloguer, year=1998)
    with freeze_time("2026-12-31 22:00"):
        passports = services.passports_make(year=2026)
    fund = next(p for p in passports if p.database.code == "fund")
    assert (fund.record_count, fund.records_added, fund.records_edited, fund.item_count) == (2, 1, 1, 1)
    assert (fund.coverage_from, fund.coverage_to) == (1998, 2024)
    assert set(fund.languages.split(", ")) == {"kaz", "rus"}
    text = pdf_text(render_form_pdf("607-27", {"year": 2026, "database": "fund"}))
    assert "Деректер базасының төлқұжаты" in text
    assert "Кітапхана қоры" in text
    assert "Каталогтау секторы" in text
    assert "MARC 21" in text
    assert "ҚазҰТЗУ 607-27 Ү" in text


def test_passports_are_idempotent_and_kept_per_year():
    make_record()
    services.passports_make(year=2026)
    services.passports_make(year=2026)
    from cataloguing.models import CatalogueDatabase, DatabasePassport

    assert DatabasePassport.objects.filter(year=2026).count() == CatalogueDatabase.objects.count() == 8


def test_make_passports_command_for_any_year():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("make_passports", "--year", "2024", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "passports 8"


def test_passport_beat_job_runs_on_31_december():
    from cataloguing.schedule import BEAT_SCHEDULE

    entry = BEAT_SCHEDULE["cataloguing-yearly-database-passports"]
    assert entry["task"] == "cataloguing.passports_make"
    assert entry["schedule"].month_of_year == {12}
    assert entry["schedule"].day_of_month == {31}


def test_passport_task_makes_the_current_years_passports():
    from cataloguing.tasks import passports_make_task

    with freeze_time("2026-12-31 22:00"):
        ids = passports_make_task.delay().get()
    assert len(ids) == 8


def test_passport_not_made_is_not_printed():
    with pytest.raises(FormDataError):
        render_form_pdf("607-27", {"year": 2030})


def test_transfer_slip_pdf_lists_items_and_both_departments(cataloguer):
    record = make_record(title="Жер қойнауы")
    items = [make_item(record, inventory_number=f"90000{n}") for n in range(2)]
    slip = services.transfer_slip_create(items=items, to_department=library_department("storage"), user=cataloguer)
    text = pdf_text(render_form_pdf("607-28", {"year": slip.year, "number": slip.number}))
    assert f"жолдамасы № {slip.number}/{slip.year}" in text
    assert "900000" in text
    assert "900001" in text
    assert "Кітап сақтау бөлімі" in text
    assert "Каталогтау секторы" in text
    assert "Барлығы: 2 дана" in text


def test_udc_log_pdf_for_a_period(reader, cataloguer):
    with freeze_time("2026-05-04"):
        request = services.udc_request_submit(
            requester=reader, authors="Қасымова Ә.Н.", work_type=WorkType.ARTICLE,
            title="Қазақ тіліндегі терминология", department="Бағдарламалық инженерия")
        services.udc_request_answer(request=request, classifier=cataloguer, udc_index="811.512.122'373")
    text = pdf_text(render_form_pdf("607-29", {"date_from": "2026-05-01", "date_to": "2026-05-31"}))
    assert "Қазақ тіліндегі терминология" in text
    assert "811.512.122'373" in text
    assert "Қасымова Ә.Н." in text
    assert "мақала" in text
    with pytest.raises(FormDataError):
        render_form_pdf("607-29", {"date_from": "2026-06-01", "date_to": "2026-06-30"})


def test_barcode_label_sheet_prints_each_item():
    record = make_record(udc="622(075.8)")
    for n in range(3):
        make_item(record, inventory_number=f"66000{n}")
    data = render_labels_pdf(Item.objects.select_related("record"))
    text = pdf_text(data)
    for n in range(3):
        assert f"66000{n}" in text
    assert "622(075.8)" in text


def test_forms_are_listed_as_built():
    from forms_registry.registry import registry

    for code in ("607-26", "607-27", "607-28", "607-29"):
        assert registry.is_ready(code)


def test_bibliographic_record_form_prints_fields_marc_and_copies(cataloguer):
    record = make_record(title="Қазақстанның пайдалы қазбалары", user=cataloguer)
    make_item(record, inventory_number="880001")
    text = pdf_text(render_form_pdf("607-25", {"record": record.control_number}))
    assert "ҚазҰТЗУ 607-25 Ү" in text
    assert "Қазақстанның пайдалы қазбалары" in text
    assert "245" in text
    assert "$a" in text
    assert "880001" in text
    assert record.control_number in text
    assert record.control_number in pdf_text(render_form_pdf("607-25", {"record": str(record.pk)}))


def test_bibliographic_record_form_names_an_unknown_record():
    with pytest.raises(FormDataError, match="NO-SUCH"):
        render_form_pdf("607-25", {"record": "NO-SUCH"})
