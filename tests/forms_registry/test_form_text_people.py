"""What is printed is for people (issue 20, item 6): languages and roles in words, a dictionary's changes with
the fields' names, one full stop after initials, the database's name in the form's language, and a column for
the signature of whoever signs a line (607-30, 607-44, 607-50)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from freezegun import freeze_time
from pypdf import PdfReader

from accounts import roles
from acquisitions.models import Discipline, EducationalProgramme, LicensedDatabase, RecommendedLiterature
from cataloguing import services as catalogue
from cataloguing.constants import ItemStatus
from cataloguing.languages import language_name, language_names
from circulation.models import Event, EventParticipant
from circulation.services import loan_declare_lost, loan_issue
from digital_library.choices import AccountRequestKind
from digital_library.models import LanguageEntry
from digital_library.services import account_request_create, dictionary_entry_save
from forms_registry.renderer import render_form_pdf
from tests.acquisitions.factories import catalogue_record
from tests.cataloguing.factories import make_item as make_priced_item
from tests.cataloguing.factories import make_record
from tests.circulation.factories import make_item, make_reader

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": "2026-10-01", "date_to": "2026-10-31"}


def pdf_text(code: str, params: dict) -> str:
    reader = PdfReader(io.BytesIO(render_form_pdf(code, params)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def today() -> dict[str, str]:
    day = timezone.localdate().isoformat()
    return {"date_from": day, "date_to": day}


# --- Languages as words -----------------------------------------------------------------------------------------


def test_language_codes_are_named_and_words_are_kept_as_written():
    with translation.override("kk"):
        assert language_names("kaz, rus; eng") == "Қазақ тілі, Орыс тілі, Ағылшын тілі"
        assert language_names("орыс, ағылшын тілдері") == "орыс, ағылшын тілдері"
        assert language_name("xyz") == "xyz"


def test_discipline_provision_names_the_literatures_language(department_head):
    book = catalogue_record("Высшая математика", language="rus")
    programme = EducationalProgramme.objects.create(code="6B06102", name="Бағдарламалық инженерия",
                                                    department=department_head.academic_department)
    discipline = Discipline.objects.create(code="MAT101", name="Математика", programme=programme,
                                           department=department_head.academic_department, semester=1, students=40)
    RecommendedLiterature.objects.create(discipline=discipline, record=book, kind="main")
    text = pdf_text("607-05", {"discipline_id": discipline.pk})
    assert "Орыс тілі" in text
    assert " rus " not in f" {text} "


def test_register_of_databases_names_their_languages():
    LicensedDatabase.objects.create(name="Scopus", provider="Elsevier", language="eng, rus", basis="Ұлттық жазылым",
                                    access_from=dt.date(2026, 1, 1), access_to=dt.date(2026, 12, 31),
                                    access_model="ip", cost=Decimal("1250000"))
    text = pdf_text("607-17", {"date_from": "2026-01-01", "date_to": "2026-12-31"})
    assert "Ағылшын тілі, Орыс тілі" in text
    assert "1 250 000,00" in text


def test_bibliographic_record_names_its_language():
    record = make_record(title="Rock mechanics", language="eng")
    text = pdf_text("607-25", {"record": record.control_number})
    assert "Тілі Ағылшын тілі" in text


def test_database_passport_prints_the_name_in_kazakh_only_and_languages_in_words():
    with freeze_time("2026-02-01"):
        make_record(title="Жаңа кітап", language="rus")
        make_record(title="Ескі кітап", language="kaz")
    with freeze_time("2026-12-31 22:00"):
        passport = next(p for p in catalogue.passports_make(year=2026) if p.database.code == "fund")
    passport.name_ru, passport.name_en = "Фонд библиотеки", "Library fund"
    passport.save(update_fields=["name_ru", "name_en"])
    text = pdf_text("607-27", {"year": 2026, "database": "fund"})
    assert passport.name_kk in text
    assert "Фонд библиотеки" not in text
    assert "Library fund" not in text
    assert "Қазақ тілі" in text
    assert "Орыс тілі" in text
    assert "MARC кодтары" not in text


# --- Roles, changes, full stops ---------------------------------------------------------------------------------


def test_account_requests_name_the_roles_and_leave_a_column_for_the_holders_signature(librarian):
    account_request_create(requested_by=librarian, kind=AccountRequestKind.CREATE, person_name="Оспанова Айгерім",
                           roles=f"{roles.LIBRARIAN_SERVICE}, {roles.READER}")
    text = pdf_text("607-30", today())
    assert "Кітапханашы: қызмет көрсету" in text
    assert roles.LIBRARIAN_SERVICE not in text
    assert "Алушының қолы" in text


def test_dictionary_changes_print_each_fields_name_with_old_and_new_value(sysadmin):
    entry = dictionary_entry_save(entry=LanguageEntry(code="kaz", name_kk="қазақша"), user=sysadmin)
    entry.name_kk = "қазақ тілі"
    dictionary_entry_save(entry=entry, user=sysadmin)
    text = pdf_text("607-33", today())
    assert "атауы (қазақша): қазақша → қазақ тілі" in text
    assert "name_kk" not in text


def test_an_author_with_initials_is_followed_by_one_full_stop(librarian):
    reader = make_reader()
    item = make_item(catalogue_record("Clean code", authors="Martin R.C."))
    loan_issue(reader=reader, item=item, by=librarian)
    text = pdf_text("607-38", {"card_number": reader.card_number, **today()})
    assert "Martin R.C. Clean code" in text
    assert "R.C.." not in text


def test_lost_books_book_has_a_column_for_the_readers_signature(librarian):
    with freeze_time("2026-10-05 10:00"):
        reader = make_reader()
        item = make_priced_item(catalogue_record("Тау-кен машиналары"), status=ItemStatus.ON_SHELF,
                                price=Decimal("3500"))
        loan = loan_issue(reader=reader, item=item, by=librarian)
        loan_declare_lost(loan=loan, by=librarian)
    text = pdf_text("607-44", PERIOD)
    assert "Оқырманның қолы" in text
    assert "3 500,00" in text


def test_participants_sheet_has_a_column_for_each_participants_signature():
    event = Event.objects.create(title="Кітап көрмесінің ашылуы", held_on=dt.date(2026, 10, 5))
    EventParticipant.objects.create(event=event, full_name="Серікова Әйгерім", unit="ГД-21")
    text = pdf_text("607-50", {"number": event.pk})
    assert "Сертификат Қолы" in text
