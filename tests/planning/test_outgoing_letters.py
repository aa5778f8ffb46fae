"""607-04: outgoing letters are numbered per year without gaps and never deleted."""

import datetime as dt
import threading

import pytest
from django.db import connection

from planning.models import OutgoingLetter
from planning.services import outgoing_letter_cancel
from tests.planning.factories import register_letter

pytestmark = pytest.mark.django_db


def test_letters_are_numbered_one_by_one_within_a_year():
    numbers = [register_letter().number for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_numbering_starts_again_each_year():
    register_letter(on=dt.date(2025, 12, 31))
    register_letter(on=dt.date(2025, 12, 31))
    letter = register_letter(on=dt.date(2026, 1, 5))
    assert (letter.year, letter.number) == (2026, 1)


def test_failed_registration_leaves_no_gap():
    register_letter()
    with pytest.raises(Exception, match="subject"):
        register_letter(subject="")  # full_clean refuses an empty subject inside the numbering transaction
    assert register_letter().number == 2


def test_cancelled_letter_keeps_its_number():
    letter = register_letter()
    outgoing_letter_cancel(letter=letter, reason="Қате адресат")
    assert OutgoingLetter.objects.get(pk=letter.pk).is_cancelled
    assert register_letter().number == 2


def test_letters_cannot_be_deleted_in_the_admin(client_for, director):
    letter = register_letter()
    client = client_for(director)
    assert client.get(f"/admin/planning/outgoingletter/{letter.pk}/delete/").status_code == 403


def test_admin_registers_a_letter_with_the_next_number(client_for, director):
    register_letter(on=dt.date(2026, 2, 1))
    response = client_for(director).post("/admin/planning/outgoingletter/add/", {
        "registered_on": "2026-02-03", "addressee": "«Фолиант» баспасы", "subject": "Жеткізу мерзімі",
        "body": "Мәтін", "signatory_name": "Омарова Г.С.", "signatory_position": "Директор", "executor": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    letter = OutgoingLetter.objects.get(subject="Жеткізу мерзімі")
    assert (letter.year, letter.number, letter.created_by) == (2026, 2, director)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_distinct_consecutive_numbers():
    results, errors = [], []

    def worker():
        try:
            results.append(register_letter(on=dt.date(2026, 5, 1)).number)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == list(range(1, 13))
