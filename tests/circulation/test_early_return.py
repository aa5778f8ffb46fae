"""A copy scanned back moments after its issue (a scanner's double read: 6 loans closed in 0.35 s) is taken back
only once the librarian confirms (issue 13, point 9): the service refuses an unconfirmed early return with
`ReturnNeedsConfirmation`, and the desk shows the question instead."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from cataloguing.constants import ItemStatus
from circulation.constants import RETURN_CONFIRM_WINDOW
from circulation.exceptions import ReturnNeedsConfirmation
from circulation.models import Loan
from circulation.services import loan_issue, loan_return

pytestmark = pytest.mark.django_db

ISSUED_AT = dt.datetime(2026, 10, 5, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def loan(reader_profile, item, librarian):
    return loan_issue(reader=reader_profile, item=item, by=librarian, at=ISSUED_AT)


def test_return_confirm_window_is_a_couple_of_minutes():
    assert dt.timedelta(minutes=1) <= RETURN_CONFIRM_WINDOW <= dt.timedelta(minutes=5)


def test_return_within_the_window_of_issue_is_refused_until_confirmed(loan, item):
    with pytest.raises(ReturnNeedsConfirmation) as asked:
        loan_return(item=item, at=ISSUED_AT + dt.timedelta(seconds=3))
    assert asked.value.loan == loan
    assert item.inventory_number in str(asked.value)
    loan.refresh_from_db()
    item.refresh_from_db()
    assert loan.returned_at is None
    assert item.status == ItemStatus.ON_LOAN


def test_confirmed_return_within_the_window_takes_the_copy_back(loan, item):
    result = loan_return(item=item, at=ISSUED_AT + dt.timedelta(seconds=3), confirmed=True)
    item.refresh_from_db()
    assert result.loan.returned_at == ISSUED_AT + dt.timedelta(seconds=3)
    assert item.status == ItemStatus.ON_SHELF


def test_return_once_the_window_is_over_needs_no_confirmation(loan, item):
    result = loan_return(item=item, at=ISSUED_AT + RETURN_CONFIRM_WINDOW)
    assert result.loan.returned_at is not None


def test_desk_scan_of_a_copy_just_issued_asks_and_keeps_the_loan(client_for, librarian, reader_profile, item):
    client = client_for(librarian)
    scan = {"card": reader_profile.card_number, "item": item.barcode}
    with freeze_time(ISSUED_AT):
        client.post(reverse("circulation:desk_scan"), scan)
    with freeze_time(ISSUED_AT + dt.timedelta(seconds=1)):
        response = client.post(reverse("circulation:desk_scan"), scan, follow=True)
        page = response.content.decode()
    assert response.status_code == 200
    assert 'id="confirm-return"' in page
    assert item.inventory_number in page.split('id="confirm-return"')[1].split("</section>")[0]
    assert f'name="confirm_return" value="{item.barcode}"' in page
    assert Loan.objects.open().filter(item=item).exists()


def test_desk_takes_the_copy_back_when_the_librarian_confirms(client_for, librarian, reader_profile, item):
    client = client_for(librarian)
    scan = {"card": reader_profile.card_number, "item": item.barcode}
    with freeze_time(ISSUED_AT):
        client.post(reverse("circulation:desk_scan"), scan)
    with freeze_time(ISSUED_AT + dt.timedelta(seconds=20)):
        response = client.post(reverse("circulation:desk_scan"), scan | {"confirm_return": item.barcode},
                               follow=True)
    item.refresh_from_db()
    assert not Loan.objects.open().filter(item=item).exists()
    assert item.status == ItemStatus.ON_SHELF
    assert 'id="confirm-return"' not in response.content.decode()


def test_confirmation_of_another_copy_does_not_take_this_one_back(client_for, librarian, reader_profile, item):
    client = client_for(librarian)
    scan = {"card": reader_profile.card_number, "item": item.barcode}
    with freeze_time(ISSUED_AT):
        client.post(reverse("circulation:desk_scan"), scan)
    with freeze_time(ISSUED_AT + dt.timedelta(seconds=20)):
        client.post(reverse("circulation:desk_scan"), scan | {"confirm_return": "SOMETHING-ELSE"})
    assert Loan.objects.open().filter(item=item).exists()
