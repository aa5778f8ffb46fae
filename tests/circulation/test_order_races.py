"""One open order per reader per title (issue 13, point 9): the reader is locked before the "already ordered"
check, a named partial unique constraint refuses whatever gets past it, and a refused insert is the domain
refusal, never an error page. The thread tests run on PostgreSQL with real threads and their own connections."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from cataloguing.constants import ItemStatus
from cataloguing.models import Item
from circulation import services
from circulation.constants import OPEN_RESERVATION_STATUSES, ReservationStatus
from circulation.exceptions import LoanRefused, RenewalRefused, ReservationRefused
from circulation.models import Loan, Refusal, Reservation
from circulation.services import (
    loan_issue,
    reservation_create,
    reservation_expire_due,
    reservation_renew,
    reservation_wait,
)
from tests.circulation.factories import make_item, make_reader, make_record

CONSTRAINT = "circulation_reservation_one_open_per_reader_title"


def test_one_open_order_per_reader_and_title_is_a_named_constraint_over_the_open_statuses():
    constraint = next(c for c in Reservation._meta.constraints if c.name == CONSTRAINT)
    assert constraint.fields == ("reader", "record")
    assert dict(constraint.condition.children) == {"status__in": OPEN_RESERVATION_STATUSES}


@pytest.mark.django_db
def test_database_refuses_a_second_open_order_of_one_reader_for_one_title(reader_profile, item):
    reservation_wait(reader=reader_profile, record=item.record)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.create(reader=reader_profile, record=item.record, status=ReservationStatus.WAITING)
    # Closed orders do not count: a reader may order the title again after an order is over.
    Reservation.objects.update(status=ReservationStatus.CANCELLED)
    Reservation.objects.create(reader=reader_profile, record=item.record, status=ReservationStatus.WAITING)


@pytest.mark.django_db
def test_order_that_slips_past_the_check_is_refused_by_the_constraint_as_already_ordered(
        reader_profile, record, monkeypatch):
    for _ in range(2):
        make_item(record)
    reservation_create(reader=reader_profile, record=record)
    # As if the check had run before the first order was committed (the race the lock closes).
    monkeypatch.setattr(services.reservations, "_open_order_exists", lambda **kwargs: False)
    with pytest.raises(ReservationRefused) as refused, translation.override("en"):
        reservation_create(reader=reader_profile, record=record)
    assert str(refused.value) == "You have already ordered this title."
    assert refused.value.refusal is None
    assert Reservation.objects.filter(reader=reader_profile, record=record).count() == 1
    assert Item.objects.filter(record=record, status=ItemStatus.RESERVED).count() == 1


@pytest.mark.django_db
def test_second_order_of_the_same_title_from_the_cabinet_is_a_message_not_an_error(client_for, reader_profile,
                                                                                   record):
    for _ in range(2):
        make_item(record)
    client = client_for(reader_profile.user)
    client.post(reverse("circulation:order", args=[record.pk]))
    response = client.post(reverse("circulation:order", args=[record.pk]), follow=True)
    assert response.status_code == 200
    with translation.override("kk"):
        assert translation.gettext("You have already ordered this title.") in response.content.decode()
    assert Reservation.objects.filter(reader=reader_profile).count() == 1


@pytest.mark.django_db
def test_renewing_an_expired_order_is_refused_while_the_reader_has_another_open_order_of_the_title(
        reader_profile, record):
    first, second = make_item(record), make_item(record)
    ordered_at = dt.datetime(2026, 10, 5, 10, 0, tzinfo=dt.UTC)
    with freeze_time(ordered_at):
        expired = reservation_create(reader=reader_profile, record=record)
    reservation_expire_due(at=ordered_at + dt.timedelta(days=1))
    with freeze_time(ordered_at + dt.timedelta(days=1, hours=1)):
        reservation_create(reader=reader_profile, record=record)
        with pytest.raises(RenewalRefused):
            reservation_renew(reservation=expired)
    assert Reservation.objects.filter(reader=reader_profile, status=ReservationStatus.ACTIVE).count() == 1
    assert sorted(Item.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == [
        ItemStatus.ON_SHELF, ItemStatus.RESERVED]


# ---------------------------------------------------------------------------------------------------------------
# Real threads, each with its own connection (PostgreSQL: SQLite serialises writers and cannot show a race).


def _run_in_threads(calls) -> list[str]:
    """Start every call at once (a barrier) in its own thread and connection; return their outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait()
            with translation.override("en"):
                outcome = call()
        except ReservationRefused as refused:
            outcome = "refused:" + ("no copy" if refused.refusal is not None else str(refused))
        except Exception as error:  # any other error (an IntegrityError: a 500) is the failure looked for
            outcome = f"error:{type(error).__name__}:{error}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_parallel_orders_of_one_reader_give_exactly_one_order():
    record = make_record("Параллель тапсырыс")
    copies = [make_item(record) for _ in range(3)]
    reader = make_reader()

    def order():
        reservation_create(reader=reader, record=record)
        return "ordered"

    outcomes = _run_in_threads([order] * 20)
    assert outcomes.count("ordered") == 1, outcomes
    assert outcomes.count("refused:You have already ordered this title.") == 19, outcomes
    assert Reservation.objects.filter(reader=reader, record=record).count() == 1
    assert Reservation.objects.get(reader=reader).status == ReservationStatus.ACTIVE
    statuses = sorted(Item.objects.filter(pk__in=[c.pk for c in copies]).values_list("status", flat=True))
    assert statuses == [ItemStatus.ON_SHELF, ItemStatus.ON_SHELF, ItemStatus.RESERVED]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_parallel_waiting_list_requests_of_one_reader_give_one_place():
    record = make_record("Кезек")
    make_item(record, status=ItemStatus.ON_LOAN)
    reader = make_reader()

    def wait():
        return f"waiting:{reservation_wait(reader=reader, record=record).pk}"

    outcomes = _run_in_threads([wait] * 20)
    assert len(set(outcomes)) == 1, outcomes
    assert outcomes[0].startswith("waiting:")
    assert Reservation.objects.filter(reader=reader, record=record).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_orders_of_many_readers_for_three_copies_give_exactly_three_holds():
    record = make_record("Үш дана")
    copies = [make_item(record) for _ in range(3)]
    readers = [make_reader() for _ in range(12)]
    # Each reader also sends a second order at the same moment: still one hold per reader at most.
    calls = [(lambda r=reader: (reservation_create(reader=r, record=record), "held")[1])
             for reader in readers for _ in range(2)]

    outcomes = _run_in_threads(calls)
    assert not [o for o in outcomes if o.startswith("error:")], outcomes
    assert outcomes.count("held") == 3, outcomes
    holds = Reservation.objects.filter(record=record, status=ReservationStatus.ACTIVE)
    assert holds.count() == 3
    assert sorted(holds.values_list("item_id", flat=True)) == sorted(c.pk for c in copies)
    assert len(set(holds.values_list("reader_id", flat=True))) == 3
    assert set(Item.objects.filter(record=record).values_list("status", flat=True)) == {ItemStatus.RESERVED}
    # Each order that found no copy is in the refusal log (607-53), one row per such order.
    assert Refusal.objects.filter(record=record).count() == outcomes.count("refused:no copy")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_issue_of_held_copies_still_gives_one_loan_per_copy():
    """The earlier figure still holds with the reader lock in ordering: zero double loans."""
    record = make_record("Бір дана")
    copy = make_item(record)
    holder = make_reader()
    reservation_create(reader=holder, record=record)
    others = [make_reader() for _ in range(7)]

    def issue(reader):
        def call():
            try:
                loan_issue(reader=reader, item=Item.objects.get(pk=copy.pk))
            except LoanRefused:
                return "refused"
            return "issued"
        return call

    outcomes = _run_in_threads([issue(holder)] + [issue(reader) for reader in others])
    assert outcomes.count("issued") == 1, outcomes
    assert Loan.objects.filter(item=copy, returned_at__isnull=True).get().reader == holder


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_closes_duplicate_open_orders_before_adding_the_constraint():
    """Existing duplicates (the race let them in) do not break the migration: the order holding a copy (the
    earliest) is kept, else the earliest waiting one; the others are cancelled and their copies released."""
    from django.db.migrations.executor import MigrationExecutor

    before = [("circulation", "0004_loan_reader_index_covered")]
    after = [("circulation", "0006_one_open_order_per_reader_title")]
    record = make_record("Қайталанған тапсырыс")
    held, duplicate_hold, other_copy = (make_item(record) for _ in range(3))
    twice, waiting_twice, single = make_reader(), make_reader(), make_reader()
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        Item.objects.filter(pk__in=[held.pk, duplicate_hold.pk, other_copy.pk]).update(status=ItemStatus.RESERVED)
        at = dt.datetime(2026, 10, 5, 10, 0, tzinfo=dt.UTC)

        def order(reader, status, minutes, item=None):
            return Reservation.objects.create(
                reader=reader, record=record, item=item, status=status, created_at=at + dt.timedelta(minutes=minutes),
                held_at=at if item else None, expires_at=at + dt.timedelta(days=1) if item else None)

        waiting_first = order(twice, ReservationStatus.WAITING, 0)
        kept = order(twice, ReservationStatus.ACTIVE, 1, held)
        dropped_hold = order(twice, ReservationStatus.ACTIVE, 2, duplicate_hold)
        kept_waiting = order(waiting_twice, ReservationStatus.WAITING, 3)
        dropped_waiting = order(waiting_twice, ReservationStatus.WAITING, 4)
        untouched = order(single, ReservationStatus.ACTIVE, 5, other_copy)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        # Back to the newest schema: the later migrations' tables are gone after the trip back, and the tests after
        # this one (browser tests on the live server) would meet "relation does not exist".
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    status = dict(Reservation.objects.values_list("pk", "status"))
    assert status[kept.pk] == status[untouched.pk] == ReservationStatus.ACTIVE
    assert status[kept_waiting.pk] == ReservationStatus.WAITING
    assert status[waiting_first.pk] == status[dropped_hold.pk] == status[dropped_waiting.pk] == (
        ReservationStatus.CANCELLED)
    items = dict(Item.objects.filter(record=record).values_list("pk", "status"))
    assert items == {held.pk: ItemStatus.RESERVED, duplicate_hold.pk: ItemStatus.ON_SHELF,
                     other_copy.pk: ItemStatus.RESERVED}
    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.create(reader=single, record=record, status=ReservationStatus.WAITING)
