"""Orders (607-37) and refusals (607-53): placing, waiting, renewing, cancelling, and the expiry sweep."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cataloguing.constants import NOT_IN_FUND_STATUSES, ItemStatus, LoanCategory
from cataloguing.models import BibliographicRecord, Item

from ..constants import OPEN_RESERVATION_STATUSES, RESERVATION_TTL, RefusalAction, RefusalReason, ReservationStatus
from ..exceptions import RenewalRefused, ReservationRefused
from ..models import Loan, Reader, Refusal, Reservation
from .items import _item_set_status, _items_set_status
from .notices import _notice_hold_ready
from .readers import _check_no_debt, _check_reader_served


def _refusal_reason_for(record: BibliographicRecord) -> str:
    statuses = set(Item.objects.filter(record=record).values_list("status", flat=True))
    statuses -= set(NOT_IN_FUND_STATUSES)
    if not statuses:
        return RefusalReason.NOT_IN_FUND
    if statuses & {ItemStatus.ON_LOAN, ItemStatus.RESERVED}:
        return RefusalReason.ALL_ON_LOAN
    return RefusalReason.IN_PROCESSING


@transaction.atomic
def refusal_record(*, record: BibliographicRecord, reader: Reader | None, reason: str,
                   action: str = RefusalAction.NONE, at: dt.datetime | None = None) -> Refusal:
    """Record that an order could not be satisfied (read by the storage refusal log, 607-53)."""
    return Refusal.objects.create(record=record, reader=reader, reason=reason, action=action,
                                  created_at=at or timezone.now())


@transaction.atomic
def _reserve_copy(*, reader: Reader, record: BibliographicRecord, at: dt.datetime,
                  prefer_item_id: int | None = None) -> Reservation | None:
    copies = (
        Item.objects.select_for_update(skip_locked=True)
        .filter(record=record, status=ItemStatus.ON_SHELF)
        .exclude(loan_category=LoanCategory.READING_ROOM)
        .order_by("pk")
    )
    item = None
    if prefer_item_id:
        item = copies.filter(pk=prefer_item_id).first()
    item = item or copies.first()
    if item is None:
        return None
    reservation = Reservation.objects.create(
        reader=reader, record=record, item=item, status=ReservationStatus.ACTIVE, created_at=at, held_at=at,
        expires_at=at + RESERVATION_TTL,
    )
    _item_set_status(item=item, status=ItemStatus.RESERVED)
    return reservation


def _lock_reader(reader: Reader) -> Reader:
    """Lock the reader's row: their orders are checked and placed one at a time, so parallel orders of one
    reader see each other (the constraint `circulation_reservation_one_open_per_reader_title` backs this)."""
    return Reader.objects.select_for_update(of=("self",)).select_related("user").get(pk=reader.pk)


def _open_order_exists(*, reader: Reader, record_id: int) -> bool:
    return Reservation.objects.filter(reader=reader, record_id=record_id, status__in=OPEN_RESERVATION_STATUSES).exists()


def _already_ordered() -> ReservationRefused:
    return ReservationRefused(_("You have already ordered this title."))


def reservation_create(*, reader: Reader, record: BibliographicRecord, at: dt.datetime | None = None) -> Reservation:
    """Order a copy from the personal cabinet (607-37): one copy on the shelf is held for exactly 24 hours.
    One open order per reader per title: the reader is locked before the check, and an insert the constraint
    refuses all the same becomes the same refusal, never an error page.

    With no copy on the shelf the order is recorded as a refusal (607-53) and `ReservationRefused` carries it,
    so the cabinet can offer the alternatives (waiting list, ILL/EDD, the electronic version)."""
    at = at or timezone.now()
    try:
        reservation = _reservation_create(reader=reader, record=record, at=at)
    except IntegrityError:
        # The constraint refused a second open order that got past the check: the same answer as the check.
        if Reservation.objects.filter(reader=reader, record=record, status__in=OPEN_RESERVATION_STATUSES).exists():
            raise _already_ordered() from None
        raise
    if reservation is not None:
        return reservation
    refusal = refusal_record(record=record, reader=reader, reason=_refusal_reason_for(record), at=at)
    raise ReservationRefused(_("No copy of this title is on the shelf now."), refusal=refusal)


@transaction.atomic
def _reservation_create(*, reader: Reader, record: BibliographicRecord, at: dt.datetime) -> Reservation | None:
    reader = _lock_reader(reader)
    _check_reader_served(reader, at)
    _check_no_debt(reader, at)
    if _open_order_exists(reader=reader, record_id=record.pk):
        raise _already_ordered()
    if Loan.objects.open().filter(reader=reader, item__record=record).exists():
        raise ReservationRefused(_("You already have a copy of this title on loan."))
    return _reserve_copy(reader=reader, record=record, at=at)


@transaction.atomic
def reservation_wait(*, reader: Reader, record: BibliographicRecord, refusal: Refusal | None = None,
                     at: dt.datetime | None = None) -> Reservation:
    """Join the waiting list of a title with no copy on the shelf; the next returned copy is held for the first
    reader waiting. Readers waiting for a title stop others from renewing it."""
    at = at or timezone.now()
    reader = _lock_reader(reader)  # the check below and the insert are one step for this reader
    _check_reader_served(reader, at)
    existing = Reservation.objects.filter(reader=reader, record=record, status__in=OPEN_RESERVATION_STATUSES).first()
    if existing:
        return existing
    if refusal is not None:
        Refusal.objects.filter(pk=refusal.pk).update(action=RefusalAction.WAITLIST)
    return Reservation.objects.create(reader=reader, record=record, status=ReservationStatus.WAITING, created_at=at)


@transaction.atomic
def reservation_renew(*, reservation: Reservation, at: dt.datetime | None = None) -> Reservation:
    """Renew an order: hold the copy again for 24 hours from now (QP 607 §5.5: "to reserve again, the reader
    renews the order"). An order the sweep already released takes the same copy if still on the shelf."""
    at = at or timezone.now()
    _lock_reader(reservation.reader)  # the reader first, as in ordering (one lock order, no deadlock)
    reservation = Reservation.objects.select_for_update().get(pk=reservation.pk)
    _check_reader_served(reservation.reader, at)
    if reservation.status == ReservationStatus.ACTIVE:
        reservation.expires_at = at + RESERVATION_TTL
        reservation.renewals += 1
        reservation.save(update_fields=["expires_at", "renewals"])
        return reservation
    if reservation.status != ReservationStatus.EXPIRED:
        raise RenewalRefused(_("Only a held or expired order can be renewed."))
    if _open_order_exists(reader=reservation.reader, record_id=reservation.record_id):
        raise RenewalRefused(_("You have already ordered this title."))
    fresh = _reserve_copy(reader=reservation.reader, record=reservation.record, at=at,
                          prefer_item_id=reservation.item_id)
    if fresh is None:
        raise RenewalRefused(_("No copy of this title is on the shelf now."))
    fresh.renewals = reservation.renewals + 1
    fresh.save(update_fields=["renewals"])
    return fresh


@transaction.atomic
def reservation_cancel(*, reservation: Reservation, at: dt.datetime | None = None) -> Reservation:
    at = at or timezone.now()
    reservation = Reservation.objects.select_for_update().get(pk=reservation.pk)
    if reservation.status not in OPEN_RESERVATION_STATUSES:
        return reservation
    was_active = reservation.status == ReservationStatus.ACTIVE
    reservation.status = ReservationStatus.CANCELLED
    reservation.closed_at = at
    reservation.save(update_fields=["status", "closed_at"])
    if was_active:
        item = Item.objects.select_for_update().get(pk=reservation.item_id)
        _release_copy(item=item, at=at)
    return reservation


def _release_copy(*, item: Item, at: dt.datetime) -> Reservation | None:
    """A copy comes free (returned, order expired or cancelled): hold it for the first reader waiting for the
    title, or put it back on the shelf. Caller holds the item's lock."""
    waiting = (
        Reservation.objects.select_for_update(skip_locked=True)
        .filter(record_id=item.record_id, status=ReservationStatus.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        if item.status != ItemStatus.ON_SHELF:
            _item_set_status(item=item, status=ItemStatus.ON_SHELF)
        return None
    waiting.item = item
    waiting.status = ReservationStatus.ACTIVE
    waiting.held_at = at
    waiting.expires_at = at + RESERVATION_TTL
    waiting.save(update_fields=["item", "status", "held_at", "expires_at"])
    if item.status != ItemStatus.RESERVED:
        _item_set_status(item=item, status=ItemStatus.RESERVED)
    _notice_hold_ready(waiting)
    return waiting


SWEEP_BATCH = 10_000  # rows per UPDATE: well under PostgreSQL's 65,535 bind parameters
NOTIFY_BATCH = 1_000  # reservations per notification task (a reader's orders are never split)


def _batches(values: list, size: int):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def reservation_expire_due(*, at: dt.datetime | None = None) -> int:
    """Release every hold whose 24 hours are over, in one set-based pass (one UPDATE of the orders and one of
    the copies per 10,000 rows); idempotent: a second run finds nothing, and a concurrent run skips the rows
    this one has locked. The copies go back on the shelf and each reader is told (after commit, by a Celery
    task). Copies of titles someone is waiting for are then held for the first reader waiting."""
    at = at or timezone.now()
    with transaction.atomic():
        due = list(
            Reservation.objects.due_to_expire(at)
            .select_for_update(skip_locked=True)
            .values_list("pk", "item_id", "reader_id", "record_id")
            .order_by("reader_id", "pk")
        )
        if not due:
            return 0
        expired = 0
        awaited_records: set[int] = set()
        for batch in _batches(due, SWEEP_BATCH):
            ids = [row[0] for row in batch]
            item_ids = [row[1] for row in batch]
            record_ids = sorted({row[3] for row in batch})  # an order's record is its copy's record
            expired += Reservation.objects.filter(pk__in=ids, status=ReservationStatus.ACTIVE).update(
                status=ReservationStatus.EXPIRED, closed_at=at
            )
            _items_set_status(item_ids=item_ids, from_status=ItemStatus.RESERVED, to_status=ItemStatus.ON_SHELF,
                              record_ids=record_ids)
            awaited_records.update(
                Reservation.objects.waiting().filter(record_id__in=record_ids).values_list("record_id", flat=True)
            )
        if awaited_records:
            released_items = [row[1] for row in due]
            for batch in _batches(released_items, SWEEP_BATCH):
                for item in Item.objects.select_for_update().filter(
                    pk__in=batch, record_id__in=awaited_records, status=ItemStatus.ON_SHELF
                ):
                    _release_copy(item=item, at=at)

        chunks: list[list[int]] = [[]]
        last_reader = None
        for pk, _item, reader_id, _record in due:
            if len(chunks[-1]) >= NOTIFY_BATCH and reader_id != last_reader:
                chunks.append([])
            chunks[-1].append(pk)
            last_reader = reader_id

        from ..tasks import reservation_notify_expired

        for chunk in chunks:
            reservation_notify_expired.delay_on_commit(chunk)
    return expired
