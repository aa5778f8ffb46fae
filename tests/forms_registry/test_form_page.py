"""A form's page offers parameters a browser keeps and that print something, and shows any refusal on the page
itself, styled, with the parameters to change (issue 14.4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from freezegun import freeze_time

from circulation.constants import RefusalReason
from circulation.models import Refusal
from circulation.services import refusal_record
from forms_registry.examples import period_with_rows
from tests.circulation.factories import make_record
from tests.planning.factories import register_letter

pytestmark = pytest.mark.django_db

REFUSALS = "/reports/forms/607-53/"
LETTER = "/reports/forms/607-04/"


def refused_at(day: dt.date):
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(11, 0)))
    return refusal_record(record=make_record("Жер қойнауын пайдалану"), reader=None, reason=RefusalReason.ALL_ON_LOAN,
                          at=at)


@freeze_time("2026-03-05 09:00:00+05:00")
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_date_fields_are_prefilled_in_the_iso_format_a_date_input_keeps(client_for, director, language):
    client = client_for(director)
    client.cookies["django_language"] = language
    html = client.get(REFUSALS, headers={"accept-language": language}).content.decode()
    assert 'type="date" name="date_from" value="2026-01-01"' in html
    assert 'type="date" name="date_to" value="2026-03-05"' in html


@freeze_time("2026-03-05 09:00:00+05:00")
def test_the_iso_dates_a_browser_sends_are_read_back(client_for, director):
    refused_at(dt.date(2026, 2, 10))
    response = client_for(director).get(REFUSALS, {"date_from": "2026-01-01", "date_to": "2026-03-05",
                                                  "action": "preview"})
    assert response.status_code == 200
    assert "Жер қойнауын пайдалану" in response.content.decode()


@freeze_time("2026-03-05 09:00:00+05:00")
def test_example_period_is_this_year_to_date_when_it_has_rows():
    refused_at(dt.date(2026, 2, 10))
    refused_at(dt.date(2025, 6, 1))
    assert period_with_rows(Refusal.objects.all(), "created_at") == (dt.date(2026, 1, 1), dt.date(2026, 3, 5))


@freeze_time("2026-03-05 09:00:00+05:00")
def test_example_period_is_the_last_year_with_rows_when_this_year_has_none(client_for, director):
    refused_at(dt.date(2025, 11, 20))
    client = client_for(director)
    form = client.get(REFUSALS).context["parameter_form"]
    offered = {name: form[name].value() for name in ("date_from", "date_to")}
    assert offered == {"date_from": dt.date(2025, 1, 1), "date_to": dt.date(2025, 12, 31)}

    # What the director gets by keeping the offered values: the refusal, not "nothing in the period".
    response = client.get(REFUSALS, {**{k: v.isoformat() for k, v in offered.items()}, "action": "preview"})
    assert "Жер қойнауын пайдалану" in response.content.decode()


@freeze_time("2026-03-05 09:00:00+05:00")
def test_example_period_without_any_rows_is_this_year_to_date():
    assert period_with_rows(Refusal.objects.all(), "created_at") == (dt.date(2026, 1, 1), dt.date(2026, 3, 5))


def test_a_numbered_document_is_offered_as_the_last_one_registered(client_for, director):
    register_letter()
    last = register_letter()
    form = client_for(director).get(LETTER).context["parameter_form"]
    assert (form["year"].value(), form["number"].value()) == (last.year, last.number)


def test_a_readers_form_is_offered_for_the_reader_who_borrowed_last(client_for, director):
    from circulation.services import loan_issue
    from tests.circulation.factories import make_item, make_reader

    make_reader(card_number="2026000111")
    borrower = make_reader(card_number="2026000222")
    loan_issue(reader=borrower, item=make_item())
    make_reader(card_number="2026000333")  # registered last, borrowed nothing
    form = client_for(director).get("/reports/forms/607-36/").context["parameter_form"]
    assert form["card_number"].value() == "2026000222"


def test_a_form_without_data_of_its_kind_is_offered_empty_but_for_its_own_defaults(client_for, director):
    form = client_for(director).get("/reports/forms/607-26/").context["parameter_form"]
    assert form["records"].value() is None
    assert form["layout"].value() == "sheet"


def test_invalid_parameters_are_shown_styled_on_the_same_page(client_for, director):
    response = client_for(director).get(LETTER, {"year": "last year", "number": "1", "action": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.templates[0].name == "forms_registry/form_detail.html"
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="id_year_error"' in html
    assert '<ul class="messages form-outcome" role="alert">' in html
    assert '<form method="get" class="form-parameters">' in html


def test_a_document_that_does_not_exist_is_said_on_the_page(client_for, director):
    response = client_for(director).get(LETTER, {"year": "2026", "number": "99", "action": "preview"})
    assert response.status_code == 200
    assert response.templates[0].name == "forms_registry/form_detail.html"
    assert response.context["data_error"]
    html = response.content.decode()
    assert '<ul class="messages form-outcome" role="alert">' in html
    assert response.context["data_error"] in html


def test_a_period_without_data_is_said_on_the_page(client_for, director):
    response = client_for(director).get(REFUSALS, {"date_from": "2020-01-01", "date_to": "2020-12-31",
                                                  "action": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["data_error"] in response.content.decode()


def test_preview_opens_in_the_same_tab_and_links_back_to_the_parameters(client_for, director):
    letter = register_letter()
    client = client_for(director)
    assert "formtarget" not in client.get(LETTER).content.decode()
    preview = client.get(LETTER, {"year": letter.year, "number": letter.number, "action": "preview"})
    assert f'href="{LETTER}?year={letter.year}&amp;number={letter.number}"' in preview.content.decode()


def test_coming_back_from_the_preview_keeps_the_parameters(client_for, director):
    register_letter()
    form = client_for(director).get(LETTER, {"year": "2025", "number": "7"}).context["parameter_form"]
    assert (form["year"].value(), form["number"].value()) == ("2025", "7")
