"""The fund's books (607-12 summary book, 607-13 inventory book): ruled tables with every text whole, the column heads
on every page, pages numbered through the book; produced in the background for whoever may print them."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from django.urls import reverse

from acquisitions import services
from acquisitions.models import BookExport, BookExportStatus
from acquisitions.services.exports import book_export_run
from forms_registry.registry import FormDataError
from forms_registry.renderer import render_form_pdf

from .factories import catalogue_record, receive

pytestmark = pytest.mark.django_db

LONG_TITLE = (
    "Мұнай және газ кен орындарын игерудің заманауи әдістері: ұңғымаларды пайдалану, қабат қысымын ұстау, "
    "өнімді қабаттардың мұнай бергіштігін арттыру технологиялары және оларды Қазақстанның батыс өңірлеріндегі "
    "кен орындарында қолдану тәжірибесі. Оқу құралы. Екінші басылым, толықтырылған және өңделген"
)


def _pages(pdf: bytes) -> list:
    return pdfplumber.open(io.BytesIO(pdf)).pages


def _text(page) -> str:
    return " ".join((page.extract_text() or "").split())


def _column_rules(page) -> list[float]:
    """The x of the table's vertical rules (each runs the table's height)."""
    return sorted({round(line["x0"], 1) for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1})


def test_inventory_book_prints_a_long_title_whole_inside_its_ruled_cell(acquisitions_librarian):
    receive(acquisitions_librarian, (catalogue_record(LONG_TITLE, authors="Сәтбаев Қ.И."), 2, "4500", "inventory"))
    page = _pages(render_form_pdf("607-13", {}))[1]
    rules = _column_rules(page)
    assert len(rules) == 11  # ten ruled columns
    title_column = page.crop((rules[3], 0, rules[4], page.height))
    text = " ".join(title_column.extract_text().split())
    # Cut at 72 characters before: now every word is there, wrapped inside the column's rules.
    assert f"Сәтбаев Қ.И. {LONG_TITLE}" in text.replace("- ", "")
    words = title_column.extract_words()
    assert all(rules[3] < word["x0"] and word["x1"] < rules[4] for word in words)
    rows = [line for line in page.lines if abs(line["top"] - line["bottom"]) < 0.1]
    assert len(rows) >= 3 + 2  # the head's three rules and one under each copy


def test_inventory_book_marks_the_years_a_closed_stocktaking_found_the_copy(acquisitions_librarian):
    from cataloguing.models import Item

    receive(acquisitions_librarian, (catalogue_record(), 2, "1000", "inventory"))
    found, missed = Item.objects.order_by("inventory_number")
    session = services.stocktaking_start(user=acquisitions_librarian)
    services.stocktaking_scan(session=session, barcodes=[found.barcode])
    services.stocktaking_close(session=session, user=acquisitions_librarian)
    services.stocktaking_scan(session=services.stocktaking_start(user=acquisitions_librarian),
                              barcodes=[missed.barcode])  # still open: no mark yet
    page = _pages(render_form_pdf("607-13", {}))[1]
    rules = _column_rules(page)
    marks = page.crop((rules[2], 0, rules[3], page.height)).extract_text().split()
    assert marks.count(str(session.year)) == 1


def test_inventory_book_repeats_its_column_heads_on_every_page(acquisitions_librarian):
    receive(acquisitions_librarian, (catalogue_record(), 70, "1000", "inventory"))
    pages = _pages(render_form_pdf("607-13", {}))
    table_pages = pages[1:-1]
    assert len(table_pages) >= 2
    for page in table_pages:
        text = _text(page)
        assert "Жазба күні" in text
        assert "Автор және атауы" in text
        assert "Ескерту" in text


def test_inventory_book_numbers_its_pages_through_the_book_and_certifies_their_count(acquisitions_librarian):
    receive(acquisitions_librarian, (catalogue_record(), 70, "1000", "inventory"))
    pages = _pages(render_form_pdf("607-13", {}))
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {total}" in _text(page)
    assert "ҚазҰТЗУ 607-13 Ү" in _text(pages[0])
    assert f"Осы түгендеу кітабында {total} нөмірленген" in _text(pages[-1])


def test_inventory_book_above_the_limit_is_ordered_in_the_background(acquisitions_librarian, settings, monkeypatch):
    from acquisitions import printforms

    monkeypatch.setattr(printforms, "BOOK_SYNC_LIMIT", 2)
    receive(acquisitions_librarian, (catalogue_record(), 3, "1000", "inventory"))
    with pytest.raises(FormDataError, match=r"^3 "):
        render_form_pdf("607-13", {})


def test_summary_book_prints_its_three_parts_with_each_receipt_and_act(acquisitions_librarian, director):
    book = catalogue_record("Жоғары математика", udc="51")
    receive(acquisitions_librarian, (book, 3, "4500", "inventory"), on=dt.date(2026, 3, 10))
    receive(acquisitions_librarian, (book, 1, "3000", "inventory"), on=dt.date(2026, 4, 2), source="gift",
            donor="Беков Ә.")
    from cataloguing.models import Item

    act = services.write_off_act_create(reason="worn", drawn_on=dt.date(2026, 5, 1), items=[Item.objects.first()],
                                        user=acquisitions_librarian)
    services.write_off_act_approve(act=act, user=director, approved_on=dt.date(2026, 5, 2))
    pages = _pages(render_form_pdf("607-12", {"year": 2026}))
    text = " ".join(_text(page) for page in pages)
    for heading in ("1-бөлім. Қорға түсу", "2-бөлім. Қордан шығару", "3-бөлім. Қор қозғалысының қорытындысы"):
        assert heading in text
    assert "10.03.2026" in text  # both receipts
    assert "02.04.2026" in text
    assert "13 500,00" in text  # 3 × 4,500 with the decimal comma and grouped thousands
    assert f"{act.number}/2026" in text
    assert "Жазба жоқ" not in text
    assert "Жыл соңында тұр" in text
    assert "Түрлері бойынша: Кітаптар" in text
    assert f"{len(pages)} / {len(pages)}" in _text(pages[-1])


def test_summary_book_part_without_lines_still_prints_its_head(acquisitions_librarian):
    receive(acquisitions_librarian, (catalogue_record(), 2, "1000", "inventory"), on=dt.date(2026, 3, 10))
    pages = [_text(page) for page in _pages(render_form_pdf("607-12", {"year": 2026}))]
    part2 = next(text for text in pages if "2026 жыл. 2-бөлім. Қордан шығару" in text)
    assert "Шығару себебі" in part2
    assert "Жазба жоқ" in part2


def test_summary_book_of_a_year_without_movement_is_refused(db):
    with pytest.raises(FormDataError):
        render_form_pdf("607-12", {"year": 2001})


# --- Produced in the background -----------------------------------------------------------------------------------


def test_summary_book_is_produced_in_the_background_with_its_lines_counted(
    client_for, acquisitions_librarian, django_capture_on_commit_callbacks
):
    receive(acquisitions_librarian, (catalogue_record(), 2, "1000", "inventory"), on=dt.date(2026, 3, 10))
    client = client_for(acquisitions_librarian)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("acquisitions:book_export_create"), {"book": "607-12", "year": "2026"})
    assert response.status_code == 302
    export = BookExport.objects.get()
    assert (export.form_code, export.params, export.status) == ("607-12", {"year": 2026}, BookExportStatus.DONE)
    # one receipt, and part 3's copies, value, 5 types, 10 subject classes and 4 languages
    assert export.done_parts == export.total_parts == 1 + 21
    status = client.get(reverse("acquisitions:book_export_status", args=[export.pk])).json()
    assert status["progress"] == 100
    download = client.get(reverse("acquisitions:book_export_download", args=[export.pk]))
    pdf = b"".join(download.streaming_content)
    assert "1-бөлім. Қорға түсу" in _text(_pages(pdf)[1])


def test_summary_book_is_not_ordered_without_a_year(client_for, acquisitions_librarian):
    client_for(acquisitions_librarian).post(reverse("acquisitions:book_export_create"), {"book": "607-12"})
    assert not BookExport.objects.exists()


def test_book_export_task_claims_its_job_once(acquisitions_librarian):
    receive(acquisitions_librarian, (catalogue_record(), 2, "1000", "inventory"))
    export = BookExport.objects.create(form_code="607-13", params={}, requested_by=acquisitions_librarian)
    book_export_run(export_id=export.pk)
    export.refresh_from_db()
    produced = (export.status, export.file.name, export.finished_at)
    assert export.status == BookExportStatus.DONE
    book_export_run(export_id=export.pk)  # delivered twice, or queued again by the sweep
    export.refresh_from_db()
    assert (export.status, export.file.name, export.finished_at) == produced


def test_book_export_claimed_by_another_worker_is_left_to_it(acquisitions_librarian):
    receive(acquisitions_librarian, (catalogue_record(), 2, "1000", "inventory"))
    export = BookExport.objects.create(form_code="607-12", params={"year": 2026}, requested_by=acquisitions_librarian,
                                       status=BookExportStatus.RUNNING)
    book_export_run(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == BookExportStatus.RUNNING
    assert not export.file


@pytest.fixture
def produced(acquisitions_librarian):
    receive(acquisitions_librarian, (catalogue_record(), 2, "1000", "inventory"), on=dt.date(2026, 3, 10))
    export = BookExport.objects.create(form_code="607-12", params={"year": 2026}, requested_by=acquisitions_librarian)
    return book_export_run(export_id=export.pk)


def test_the_director_downloads_the_summary_book_they_ordered(client_for, director, produced):
    produced.requested_by = director
    produced.save(update_fields=["requested_by"])
    response = client_for(director).get(reverse("acquisitions:book_export_download", args=[produced.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(("persona", "status"), [
    ("acquisitions_librarian", 200),
    ("director", 404),  # someone else's order
    ("librarian", 403),
    ("storage_librarian", 403),
    ("reader", 403),
])
def test_book_download_is_refused_by_role(request, client_for, produced, persona, status):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("acquisitions:book_export_download", args=[produced.pk]))
    assert response.status_code == status


@pytest.mark.parametrize("persona", ["librarian", "reader", "department_head"])
def test_a_role_without_the_fund_cannot_order_a_book(request, client_for, persona):
    user = request.getfixturevalue(persona)
    client_for(user).post(reverse("acquisitions:book_export_create"), {"book": "607-12", "year": "2026"})
    assert not BookExport.objects.exists()


# --- The reports page prints a small book through the same renderer ---------------------------------------------


@pytest.mark.parametrize("action", ["pdf", "preview"])
def test_reports_page_prints_the_inventory_book_as_its_ruled_table(client_for, acquisitions_librarian, action):
    receive(acquisitions_librarian, (catalogue_record(LONG_TITLE), 1, "1000", "inventory"))
    url = reverse("forms_registry:form", args=["607-13"])
    response = client_for(acquisitions_librarian).get(url, {"action": action, "number_from": "", "number_to": ""})
    assert response["Content-Type"] == "application/pdf"
    disposition = "inline" if action == "preview" else "attachment"
    assert response["Content-Disposition"].startswith(disposition)
    page = _pages(response.content)[1]
    assert len(_column_rules(page)) == 11


def test_reports_page_refers_a_large_summary_book_to_the_background(client_for, acquisitions_librarian, monkeypatch):
    from acquisitions import printforms

    monkeypatch.setattr(printforms, "BOOK_SYNC_LIMIT", 1)
    receive(acquisitions_librarian, (catalogue_record(), 1, "1000", "inventory"), on=dt.date(2026, 3, 10))
    receive(acquisitions_librarian, (catalogue_record(), 1, "1000", "inventory"), on=dt.date(2026, 3, 11))
    url = reverse("forms_registry:form", args=["607-12"])
    response = client_for(acquisitions_librarian).get(url, {"action": "pdf", "year": "2026"})
    assert response["Content-Type"].startswith("text/html")
    assert "2 жол" in response.content.decode()
