"""Issue 13 point 2: a reader list never matches or changes an account that is not a reader's (a librarian,
the director, a head of department, a superuser), whatever column names it."""

from __future__ import annotations

import pytest
import tablib
from django.utils import translation

from accounts import roles
from accounts.models import User
from circulation.models import Reader
from circulation.resources import StaffListResource, StudentListResource
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADERS = ["card_number", "last_name", "first_name", "patronymic", "category", "email", "phone", "position"]


def _state(user: User) -> tuple:
    user = User.objects.get(pk=user.pk)
    return (user.username, user.last_name, user.first_name, user.email, user.phone, user.reader_card_number,
            user.reader_category_id, user.position, user.is_superuser, user.is_staff, user.password,
            sorted(user.groups.values_list("name", flat=True)))


@pytest.mark.parametrize("resource", [StudentListResource, StaffListResource])
def test_reader_import_never_matches_an_account_that_is_not_a_readers(resource, director, librarian,
                                                                      department_head):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    librarian.reader_card_number = "L-0001"
    librarian.save(update_fields=["reader_card_number"])
    reader = UserFactory(username="reader", roles=[roles.READER], reader_card_number="2026000001")
    targets = [director, librarian, department_head, root]
    before = {user.pk: _state(user) for user in targets}
    dataset = tablib.Dataset(
        ["director", "Басқа", "Біреу", "", "", "director-x@example.kz", "+7 700", "Студент"],  # a username
        ["L-0001", "Басқа", "Біреу", "", "", "", "", ""],  # a librarian's card number
        ["head", "Басқа", "Біреу", "", "", "", "", ""],
        ["root", "Басқа", "Біреу", "", "", "", "", ""],
        ["2026000001", "Оқырман", "Жаңа", "", "", "", "", ""],  # a reader: updated as before
        headers=HEADERS,
    )
    with translation.override("en"):  # the message is checked in English; its kk/ru are checked by test_i18n
        result = resource().import_data(dataset, dry_run=False, raise_errors=False)

    invalid = {row.number: str(row.error_dict) for row in result.invalid_rows}
    assert sorted(invalid) == [1, 2, 3, 4]
    assert "Row 1: the card number director names an account that is not a reader's" in invalid[1]
    assert "Row 4: the card number root" in invalid[4]
    assert {user.pk: _state(user) for user in targets} == before
    assert not Reader.objects.filter(user__in=targets).exists()
    reader.refresh_from_db()
    assert reader.last_name == "Оқырман"
