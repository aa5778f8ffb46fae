"""Every circulation form renders from real data for a chosen period or document, and refuses to print empty."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from freezegun import freeze_time
from pypdf import PdfReader

from circulation.constants import DeliveryKind, FeedbackService, InfoServiceKind, ReferenceKind
from circulation.models import (
    Event,
    EventParticipant,
    ExhibitionRequest,
    InfoServiceRequest,
    Publication,
    ReferenceEntry,
)
from circulation.services import (
    feedback_submit,
    ill_request_create,
    loan_declare_lost,
    loan_issue,
    loan_return,
    loss_replace,
    reservation_create,
)
from forms_registry.registry import FormDataError, registry
from forms_registry.renderer import render_form_pdf
from tests.circulation.factories import make_item, make_reader, make_record
from tests.factories import AcademicDepartmentFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 10, 5)
PERIOD = {"date_from": "2026-10-01", "date_to": "2026-10-31"}


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def activity(reader_profile, librarian):
    department = AcademicDepartmentFactory(code="mining", name_kk="Тау-кен ісі")
    with freeze_time("2026-10-05 10:00"):
        reader = make_reader()
        ordered = make_item(make_record("Жер асты кен қазу"))
        reservation_create(reader=reader_profile, record=ordered.record)
        loan_issue(reader=reader_profile, item=ordered, by=librarian)
        returned = make_item(make_record("Геостатистика", year=2019))
        loan_issue(reader=reader, item=returned, by=librarian)
        loan_return(item=returned, by=librarian, confirmed=True)
        lost = make_item(make_record("Тау-кен машиналары"))
        loss = loan_declare_lost(loan=loan_issue(reader=reader, item=lost, by=librarian), by=librarian)
        loss = loss_replace(loss=loss, inventory_number="R-1", barcode="R-1", by=librarian)
        ill = ill_request_create(reader=reader_profile, kind=DeliveryKind.EDD, title="Rock mechanics review",
                                 author="Brady B.")
        card = feedback_submit(reader=reader_profile, service=FeedbackService.LENDING, rating_access=5, rating_fund=3,
                               rating_e_resources=4, rating_staff=5, rating_comfort=4, rating_overall=4,
                               not_obtained="Кен геологиясы оқулығы")
        ReferenceEntry.objects.create(given_on=DAY, kind=ReferenceKind.THEMATIC, question="Жерасты суларының сүзілуі",
                                      answer="ЭК бойынша 12 жазба", requester="Ахметова А., 3 курс")
        exhibition = ExhibitionRequest.objects.create(department=department, topic="Қ.И. Сәтбаев — 127 жыл",
                                                      date_from=DAY, date_to=DAY + dt.timedelta(days=10))
        info = InfoServiceRequest.objects.create(department=department, kind=InfoServiceKind.TRAINING,
                                                 topic="Scopus-пен жұмыс", audience="ГД-21")
        event = Event.objects.create(title="Кітап көрмесінің ашылуы", held_on=DAY)
        EventParticipant.objects.create(event=event, full_name="Серікова Әйгерім", unit="ГД-21", certified=True)
    Publication.objects.create(source="scopus", external_id="2-s2.0-1", year=2025, title="Ore sorting",
                               university_authors="Әбенов Қ.; Ким О.", department=department, citations=7,
                               quartile="Q1")
    return {"reader": reader_profile, "loss": loss, "ill": ill, "card": card, "exhibition": exhibition,
            "info": info, "event": event}


def forms_params(activity):
    reader = activity["reader"]
    return {
        "607-36": ({"card_number": reader.card_number}, reader.card_number),
        "607-37": (PERIOD, "Жер асты кен қазу"),
        "607-38": ({"card_number": reader.card_number, **PERIOD}, "Жер асты кен қазу"),
        "607-39": (PERIOD, "Геостатистика"),
        "607-40": ({"year": activity["ill"].year, "number": activity["ill"].number}, "Rock mechanics review"),
        "607-41": (PERIOD, "Rock mechanics review"),
        "607-42": (PERIOD, "Барлығы"),
        "607-43": ({"year": activity["loss"].act_year, "number": activity["loss"].act_number}, "R-1"),
        "607-44": (PERIOD, "Тау-кен машиналары"),
        "607-45": ({"number": activity["card"].pk}, "Кен геологиясы оқулығы"),
        "607-46": (PERIOD, "Жерасты суларының сүзілуі"),
        "607-47": ({"number": activity["exhibition"].pk}, "Сәтбаев"),
        "607-49": ({"number": activity["info"].pk}, "Scopus"),
        "607-50": ({"number": activity["event"].pk}, "Серікова Әйгерім"),
        "607-51": ({"year_from": 2024, "year_to": 2026}, "Тау-кен ісі"),
    }


CODES = ["607-36", "607-37", "607-38", "607-39", "607-40", "607-41", "607-42", "607-43", "607-44", "607-45",
         "607-46", "607-47", "607-49", "607-50", "607-51"]


def test_every_circulation_form_is_built():
    for code in CODES:
        assert registry.is_ready(code), code


@pytest.mark.parametrize("code", CODES)
def test_form_renders_from_real_data(code, activity):
    params, expected = forms_params(activity)[code]
    with timezone.override("Asia/Almaty"):
        text = pdf_text(render_form_pdf(code, params))
    assert f"ҚазҰТЗУ {code} Ү" in text
    assert expected in text


@pytest.mark.parametrize("code", ["607-37", "607-39", "607-41", "607-42", "607-44", "607-46"])
def test_period_form_with_no_data_is_refused(code, db):
    with pytest.raises(FormDataError):
        render_form_pdf(code, {"date_from": "2001-01-01", "date_to": "2001-01-31"})
