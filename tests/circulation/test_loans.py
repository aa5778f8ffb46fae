"""Issue, return and renewal at the desk: debts block, the rules of use apply, one open loan per copy."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone
from freezegun import freeze_time

from cataloguing.constants import ItemStatus, LoanCategory, ReceiptSource
from cataloguing.models import Item
from circulation.constants import LossStatus, ReservationStatus
from circulation.exceptions import BorrowingBlocked, LoanRefused, RenewalRefused
from circulation.models import Loan, LoanPolicy
from circulation.services import (
    loan_declare_lost,
    loan_explain,
    loan_issue,
    loan_renew,
    loan_return,
    loss_replace,
    reservation_create,
    reservation_wait,
)
from tests.circulation.factories import make_item, make_reader, make_record

pytestmark = pytest.mark.django_db


def test_issue_follows_the_policy_of_the_reader_category_and_item(reader_profile, item, librarian):
    with freeze_time("2026-10-05 10:00"):
        loan = loan_issue(reader=reader_profile, item=item, by=librarian)
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_LOAN
    assert loan.policy.period_days == 30
    assert loan.due_on == dt.date(2026, 11, 4)


def test_textbook_is_lent_to_the_end_of_the_semester(reader_profile):
    textbook = make_item(loan_category=LoanCategory.TEXTBOOK)
    with freeze_time("2026-10-05 10:00"):
        loan = loan_issue(reader=reader_profile, item=textbook)
    assert loan.due_on == dt.date(2027, 1, 31)


def test_reading_room_copy_is_due_the_same_day_and_not_renewed(reader_profile):
    copy = make_item(loan_category=LoanCategory.READING_ROOM)
    with freeze_time("2026-10-05 10:00"):
        loan = loan_issue(reader=reader_profile, item=copy)
        assert loan.reading_room
        assert loan.due_on == dt.date(2026, 10, 5)
        with pytest.raises(RenewalRefused):
            loan_renew(loan=loan)


def test_reader_with_overdue_loan_cannot_borrow(reader_profile, item):
    with freeze_time("2026-09-10 10:00"):
        loan_issue(reader=reader_profile, item=item)
    with freeze_time("2026-10-20 10:00"), pytest.raises(BorrowingBlocked) as excinfo:
        loan_issue(reader=reader_profile, item=make_item())
    assert item.inventory_number in str(excinfo.value)


def test_reader_with_unreplaced_lost_book_cannot_borrow(reader_profile, item):
    loan = loan_issue(reader=reader_profile, item=item)
    loan_declare_lost(loan=loan)
    item.refresh_from_db()
    assert item.status == ItemStatus.LOST  # in the acquisitions write-off queue
    with pytest.raises(BorrowingBlocked) as excinfo:
        loan_issue(reader=reader_profile, item=make_item())
    assert item.inventory_number in str(excinfo.value)


def test_replacement_enters_the_fund_and_only_then_clears_the_debt(reader_profile, item, librarian):
    loss = loan_declare_lost(loan=loan_issue(reader=reader_profile, item=item))
    loss = loss_replace(loss=loss, inventory_number="R-000001", barcode="R-000001", by=librarian)
    assert loss.status == LossStatus.REPLACED
    assert loss.act_number == 1
    replacement = Item.objects.get(inventory_number="R-000001")
    assert replacement.receipt_source == ReceiptSource.REPLACEMENT
    assert replacement.record == item.record
    assert loan_issue(reader=reader_profile, item=make_item())


def test_the_same_copy_is_never_on_two_open_loans(reader_profile, item):
    loan_issue(reader=reader_profile, item=item)
    with pytest.raises(LoanRefused):
        loan_issue(reader=make_reader(), item=item)
    item.status = ItemStatus.ON_SHELF  # even if the status were wrong, the database refuses
    item.save()
    with pytest.raises(IntegrityError):
        Loan.objects.create(reader=make_reader(), item=item, due_on=timezone.localdate())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issue_of_one_copy_gives_one_loan():
    copy = make_item()
    readers = [make_reader() for _ in range(8)]
    barrier = threading.Barrier(len(readers))
    outcomes: list[str] = []

    def desk(reader):
        try:
            barrier.wait()
            loan_issue(reader=reader, item=Item.objects.get(pk=copy.pk))
            outcomes.append("issued")
        except LoanRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=desk, args=(r,)) for r in readers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("issued") == 1
    assert outcomes.count("refused") == len(readers) - 1
    assert Loan.objects.filter(item=copy, returned_at__isnull=True).count() == 1


def test_renewal_refused_when_another_reader_awaits_the_title(reader_profile, item):
    loan = loan_issue(reader=reader_profile, item=item)
    reservation_wait(reader=make_reader(), record=item.record)
    with pytest.raises(RenewalRefused):
        loan_renew(loan=loan)


def test_renewal_extends_by_the_policy_and_only_as_often_as_allowed(reader_profile, item):
    with freeze_time("2026-10-05 10:00"):
        loan = loan_issue(reader=reader_profile, item=item)
        loan = loan_renew(loan=loan)
        assert loan.due_on == dt.date(2026, 12, 4)
        with pytest.raises(RenewalRefused):
            loan_renew(loan=loan)


def test_limit_of_items_per_category_is_kept(reader_profile):
    LoanPolicy.objects.filter(reader_category=reader_profile.category, loan_category=LoanCategory.REGULAR).update(
        max_items=1
    )
    loan_issue(reader=reader_profile, item=make_item())
    with pytest.raises(LoanRefused):
        loan_issue(reader=reader_profile, item=make_item())


def test_copy_held_for_another_reader_is_not_issued(reader_profile, item):
    reservation_create(reader=make_reader(), record=item.record)
    with pytest.raises(LoanRefused):
        loan_issue(reader=reader_profile, item=item)


def test_issuing_the_held_copy_fulfils_the_order(reader_profile, item):
    order = reservation_create(reader=reader_profile, record=item.record)
    loan = loan_issue(reader=reader_profile, item=item)
    order.refresh_from_db()
    assert order.status == ReservationStatus.FULFILLED
    assert loan.reservation == order


def test_return_holds_the_copy_for_the_first_reader_waiting(reader_profile, item, django_capture_on_commit_callbacks):
    loan_issue(reader=reader_profile, item=item)
    waiting_reader = make_reader()
    waiting = reservation_wait(reader=waiting_reader, record=item.record)
    with django_capture_on_commit_callbacks(execute=True):
        result = loan_return(item=item)
    item.refresh_from_db()
    waiting.refresh_from_db()
    assert result.held_for == waiting
    assert waiting.status == ReservationStatus.ACTIVE
    assert item.status == ItemStatus.RESERVED


def test_why_names_the_policy_and_what_blocks(reader_profile, item):
    with freeze_time("2026-09-10 10:00"):
        loan_issue(reader=reader_profile, item=item)
    other = make_item(make_record("Геофизика"))
    with freeze_time("2026-10-20 10:00"):
        decision = loan_explain(reader=reader_profile, item=other)
    assert decision.policy.reader_category == reader_profile.category
    assert decision.policy.loan_category == LoanCategory.REGULAR
    assert not decision.allowed
    assert any(item.inventory_number in block for block in decision.blocks)


def test_an_issue_tells_storage_when_the_copy_was_last_used(reader_profile, item, librarian):
    from storage.models import CopyState

    loan_issue(reader=reader_profile, item=item, by=librarian)
    state = CopyState.objects.get(item=item)
    assert state.loan_count == 1
    assert state.last_loaned_on == timezone.localdate()
