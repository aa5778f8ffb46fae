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
        result = loan_return(item=item, confirmed=True)
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
    assert any(item.inventory_number in str(block) for block in decision.blocks)


def test_an_issue_tells_storage_when_the_copy_was_last_used(reader_profile, item, librarian):
    from storage.models import CopyState

    loan_issue(reader=reader_profile, item=item, by=librarian)
    state = CopyState.objects.get(item=item)
    assert state.loan_count == 1
    assert state.last_loaned_on == timezone.localdate()


def _desk_statements(captured) -> tuple[list[str], int]:
    sql = [query["sql"] for query in captured.captured_queries]
    savepoints = sum(1 for s in sql if s.startswith("SAVEPOINT"))
    work = [s for s in sql if not s.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT"))]
    return work, savepoints


def test_issue_and_return_stay_a_few_statements_in_one_transaction(reader_profile, item,
                                                                    django_capture_on_commit_callbacks):
    """The desk's hot path: a scanner waits on it, so no nested savepoints and no re-index of the record."""
    from django.test.utils import CaptureQueriesContext

    make_item(item.record)  # the title has another copy: availability is recounted, not re-derived
    with CaptureQueriesContext(connection) as issued, django_capture_on_commit_callbacks(execute=False):
        loan_issue(reader=reader_profile, item=item)
    work, savepoints = _desk_statements(issued)
    # lock reader, lock copy, policy with open count, insert loan, copy status, copy state (an UPDATE, and an
    # INSERT the first time the copy is lent, as here)
    assert len(work) <= 7, work
    assert savepoints <= 1  # the service's own transaction (a savepoint only because the test holds one)
    with CaptureQueriesContext(connection) as returned, django_capture_on_commit_callbacks(execute=False):
        loan_return(item=item, confirmed=True)
    work, savepoints = _desk_statements(returned)
    # lock copy, open loan, close loan, first waiting order, copy status
    assert len(work) <= 5, work
    assert savepoints <= 1


def test_issue_and_return_recount_the_title_in_search_without_reindexing_it(reader_profile, item,
                                                                          django_capture_on_commit_callbacks):
    from catalogue_search.models import SearchEntry
    from catalogue_search.services import reindex_records
    from cataloguing.signals import items_changed, record_changed

    reindex_records([item.record_id])
    sent = {"record_changed": [], "items_changed": []}

    def listen(signal_name):
        def receiver(sender, record_ids=(), **kwargs):
            sent[signal_name].append(list(record_ids))
        return receiver

    on_record, on_items = listen("record_changed"), listen("items_changed")
    record_changed.connect(on_record, dispatch_uid="test-desk-record")
    items_changed.connect(on_items, dispatch_uid="test-desk-items")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            loan_issue(reader=reader_profile, item=item)
        entry = SearchEntry.objects.get(record_id=item.record_id)
        assert (entry.items_count, entry.available_count) == (1, 0)
        with django_capture_on_commit_callbacks(execute=True):
            loan_return(item=item, confirmed=True)
        entry.refresh_from_db()
        assert (entry.items_count, entry.available_count) == (1, 1)
    finally:
        record_changed.disconnect(dispatch_uid="test-desk-record")
        items_changed.disconnect(dispatch_uid="test-desk-items")
    assert sent == {"record_changed": [], "items_changed": [[item.record_id], [item.record_id]]}
