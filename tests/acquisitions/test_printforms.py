"""Every acquisitions form renders from real data and reads back from the PDF (the books: see test_books.py)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from acquisitions import services
from acquisitions.constants import RequestKind
from acquisitions.models import (
    Discipline,
    EducationalProgramme,
    LicensedDatabase,
    NonInventoryCard,
    Periodical,
    RecommendedLiterature,
    Subscription,
    UsageFigure,
)
from cataloguing.models import Item
from forms_registry.registry import FormDataError
from forms_registry.renderer import render_form_pdf

from .factories import catalogue_record, purchase_request, receive

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The PDF's text with line breaks folded into spaces (table cells wrap)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def library(department_head, acquisitions_librarian, director):
    """A small library with something in every register."""
    book = catalogue_record("Жоғары математика", udc="51")
    textbook = catalogue_record("Физика оқулығы", udc="53", document_type="textbook")
    receipt = receive(acquisitions_librarian, (book, 3, "4500", "inventory"), (textbook, 12, "2500", "card"))
    gift = receive(acquisitions_librarian, (book, 1, "3000", "inventory"), source="gift", donor="Беков Ә.")
    item = Item.objects.filter(record=book).first()
    write_off = services.write_off_act_create(reason="worn", drawn_on=dt.date(2026, 5, 1), items=[item],
                                              user=acquisitions_librarian)
    services.write_off_act_approve(act=write_off, user=director, approved_on=dt.date(2026, 5, 2))
    defect = services.defect_act_create(kind="delivery", drawn_on=dt.date(2026, 3, 11), user=acquisitions_librarian,
                                        lines=[{"description": "Жоғары математика, 2023", "quantity_invoiced": 4,
                                                "quantity_received": 3, "defect": "беттер жетіспейді"}])
    session = services.stocktaking_start(user=acquisitions_librarian)
    services.stocktaking_scan(session=session, barcodes=[Item.objects.exclude(status="written_off").first().barcode])
    services.stocktaking_close(session=session, user=acquisitions_librarian)
    periodical = Periodical.objects.create(title="Егемен Қазақстан", subscription_index="65001", language="kaz",
                                           issues_per_year=12)
    subscription = Subscription.objects.create(periodical=periodical, year=2026, period="year", copies=2,
                                               price=Decimal("12000"))
    services.subscription_expect_issues(subscription=subscription)
    services.issue_receive(issue=subscription.issues.get(number=1), received_on=dt.date(2026, 1, 5))
    database = LicensedDatabase.objects.create(
        name="Scopus", provider="Elsevier", basis="Ұлттық жазылым", access_from=dt.date(2026, 1, 1),
        access_to=dt.date(2026, 12, 31), access_model="ip", cost=Decimal("0"))
    UsageFigure.objects.create(database=database, month=dt.date(2026, 2, 1), sessions=120, searches=300,
                               downloads=95)
    programme = EducationalProgramme.objects.create(code="6B06102", name="Бағдарламалық инженерия",
                                                    department=department_head.academic_department)
    discipline = Discipline.objects.create(code="MAT101", name="Математика", programme=programme,
                                           department=department_head.academic_department, semester=1, students=40)
    RecommendedLiterature.objects.create(discipline=discipline, record=book, kind="main", e_access=10)
    request = purchase_request(head=department_head)
    subscription_request = services.request_create(
        department=department_head.academic_department, kind=RequestKind.SUBSCRIPTION, academic_year=2026,
        created_by=department_head, lines=[{"title": "Вопросы философии", "language": "rus", "period": "h1",
                                            "subscription_index": "70150", "issues_per_year": 12}])
    trial = services.request_create(
        department=department_head.academic_department, kind=RequestKind.TRIAL_ACCESS, academic_year=2026,
        created_by=department_head, lines=[{"title": "IEEE Xplore", "provider": "IEEE"}])
    e_purchase = services.request_create(
        department=department_head.academic_department, kind=RequestKind.E_PURCHASE, academic_year=2026,
        created_by=department_head, lines=[{"title": "Юрайт ЭБС", "provider": "Юрайт", "copies_requested": 50}])
    return {
        "607-05": ({"discipline_id": discipline.pk}, "MAT101"),
        "607-06": ({"department": department_head.academic_department.code}, "Математика"),
        "607-07": ({"request_id": request.pk}, "Python негіздері"),
        "607-08": ({"request_id": subscription_request.pk}, "70150"),
        "607-09": ({"year": 2026}, "Егемен Қазақстан"),
        "607-10": ({"request_id": trial.pk}, "IEEE Xplore"),
        "607-11": ({"request_id": e_purchase.pk}, "Юрайт"),
        "607-12": ({"year": 2026}, "Қорға түсу"),
        "607-13": ({}, "Жоғары математика"),
        "607-14": ({"number": NonInventoryCard.objects.get().number}, "Физика оқулығы"),
        "607-15": ({"year": 2026}, "65001"),
        "607-16": ({"year": 2026, "number": receipt.act_number}, "Фолиант"),
        "607-17": ({"date_from": "2026-01-01", "date_to": "2026-12-31"}, "Scopus"),
        "607-18": ({"year": 2026}, "Elsevier"),
        "607-19": ({"year": 2026, "number": gift.act_number}, "Беков"),
        "607-20": ({"year": 2026, "number": defect.number}, "беттер жетіспейді"),
        "607-21": ({"year": session.year, "number": session.number}, "Табылмады"),
        "607-22": ({"year": 2026, "number": write_off.number}, "Тозған"),
        "607-23": ({"year": 2026, "number": write_off.number}, "Жоғары математика"),
    }


@pytest.mark.parametrize("code", [f"607-{n:02d}" for n in range(5, 24)])
def test_form_renders_from_real_data_and_reads_back(library, code):
    params, expected = library[code]
    text = pdf_text(render_form_pdf(code, params))
    assert f"ҚазҰТЗУ {code} Ү" in text
    if code != "607-22":  # the reason is printed through its translated label
        assert expected in text


def test_form_for_missing_data_is_refused_not_printed_empty(db):
    with pytest.raises(FormDataError):
        render_form_pdf("607-22", {"year": 2026, "number": 99})


def test_book_export_runs_in_the_background_and_offers_the_download(
    client_for, acquisitions_librarian, django_capture_on_commit_callbacks, settings
):
    from django.urls import reverse

    from acquisitions.models import BookExport

    receive(acquisitions_librarian, (catalogue_record(), 3, "1000", "inventory"))
    client = client_for(acquisitions_librarian)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("acquisitions:book_export_create"),
                               {"book": "607-13", "number_from": "", "number_to": ""})
    assert response.status_code == 302
    export = BookExport.objects.get()
    status = client.get(reverse("acquisitions:book_export_status", args=[export.pk])).json()
    assert status["status"] == "done"
    assert status["progress"] == 100
    download = client.get(reverse("acquisitions:book_export_download", args=[export.pk]))
    assert download["Content-Type"] == "application/pdf"


def test_a_failed_book_export_says_why_in_the_readers_language(client_for, acquisitions_librarian, settings):
    """The worker stores the reason in English (it runs in no reader's language); the list translates it."""
    from django.urls import reverse

    from acquisitions.models import BookExport
    from acquisitions.services.exports import book_export_run
    from forms_registry.registry import FormDataError

    export = BookExport.objects.create(form_code="607-13", params={"number_from": 999998, "number_to": 999999},
                                       requested_by=acquisitions_librarian)
    with pytest.raises(FormDataError):
        book_export_run(export_id=export.pk)
    export.refresh_from_db()
    assert export.error == "The inventory book has no entries in this range."
    client = client_for(acquisitions_librarian)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(reverse("acquisitions:book_exports")).content.decode()
    assert "В инвентарной книге нет записей в этом диапазоне." in page
