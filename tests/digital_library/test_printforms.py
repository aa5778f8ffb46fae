"""Forms 607-30 … 607-35 render to PDF from real data, and refuse to print an empty period."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from digital_library.choices import AccountRequestKind, LegalBasis, SystemRequestKind
from digital_library.models import SubjectHeading
from digital_library.services import (
    account_request_create,
    dictionary_entry_save,
    scanning_request_submit,
    system_request_submit,
)
from forms_registry.registry import FormDataError
from forms_registry.renderer import render_form_pdf

from .factories import digital_file

pytestmark = pytest.mark.django_db


def pdf_text(code, params):
    """The PDF's text with all whitespace removed: table cells wrap words at any point."""
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(render_form_pdf(code, params))).pages)
    return "".join(text.split())


def squash(value: str) -> str:
    return "".join(value.split())


def today_period():
    today = timezone.localdate()
    return {"date_from": today.isoformat(), "date_to": today.isoformat()}


def test_607_30_lists_account_requests_of_the_period(librarian):
    account_request_create(requested_by=librarian, kind=AccountRequestKind.CREATE, person_name="Оспанова Айгерім")
    text = pdf_text("607-30", today_period())
    assert squash("Оспанова Айгерім") in text
    assert squash("607-30") in text


def test_607_31_lists_uploads_of_the_period(digital_librarian):
    digital_file(user=digital_librarian, name="Магистрлік-диссертация.pdf")
    assert squash("Магистрлік-диссертация.pdf") in pdf_text("607-31", today_period())


def test_607_32_lists_resources_with_their_rights(digital_librarian):
    digital_file(user=digital_librarian, legal_basis=LegalBasis.LICENCE, licence="CC BY-SA 4.0")
    text = pdf_text("607-32", {"database": ""})
    assert squash("CC BY-SA 4.0") in text


def test_607_33_lists_dictionary_edits_of_the_period(sysadmin):
    dictionary_entry_save(entry=SubjectHeading(heading="Мұнай-газ ісі"), user=sysadmin)
    assert squash("Мұнай-газ ісі") in pdf_text("607-33", today_period())


def test_607_34_lists_system_requests_of_the_period(librarian):
    system_request_submit(submitted_by=librarian, kind=SystemRequestKind.ADAPTATION,
                          subject="Оқырман билетін басып шығару үлгісі", description="Жаңа үлгі қажет.")
    assert squash("Оқырман билетін басып шығару үлгісі") in pdf_text("607-34", today_period())


def test_607_35_prints_one_scanning_request(department_head):
    scanning_request = scanning_request_submit(requested_by=department_head, course="Кристаллография",
                                               material="Оқулық, 2-тарау")
    text = pdf_text("607-35", {"year": scanning_request.year, "number": scanning_request.number})
    assert squash("Кристаллография") in text


@pytest.mark.parametrize("code", ["607-30", "607-31", "607-33", "607-34"])
def test_empty_period_is_not_printed(code):
    with pytest.raises(FormDataError):
        render_form_pdf(code, {"date_from": "2001-01-01", "date_to": "2001-01-31"})


def test_unknown_scanning_request_is_not_printed():
    with pytest.raises(FormDataError):
        render_form_pdf("607-35", {"year": dt.date.today().year, "number": 999})


def test_director_prints_the_system_request_log_from_the_reports_page(client_for, director, librarian):
    system_request_submit(submitted_by=librarian, kind=SystemRequestKind.FAULT, subject="Принтер", description="d")
    response = client_for(director).get("/reports/forms/607-34/", {**today_period(), "action": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_reader_cannot_print_the_digital_library_logs(client_for, reader):
    response = client_for(reader).get("/reports/forms/607-30/", {**today_period(), "action": "pdf"})
    assert response.status_code in (302, 403)
