"""Use cases of circulation (QP 607-2023 §5.5). Each is keyword-only, typed, runs in a transaction and raises a
domain exception from `exceptions.py` with a message the desk or the cabinet shows as it is.

Item availability is changed in one place (`_item_set_status` / `_items_set_status`), through
`cataloguing.services`, so that the catalogue's read models stay in step.

Issue and return are the desk's hot path (a barcode scanner waits on them): each is one transaction of a
few statements with no savepoints, and the search read model recounts the title's copies in one statement
after commit. `bench/circulation.py --show-queries` prints them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cataloguing.constants import ItemStatus, LoanCategory, ReceiptSource
from cataloguing.models import BibliographicRecord, Item
from cataloguing.services import item_change_status, item_create, items_change_status
from forms_registry.numbering import allocate_number
from storage.services import copy_loan_register

from .calendar import academic_year_of
from .constants import (
    CLEARANCE_SERIES,
    DUE_SOON_DAYS,
    ILL_SERIES,
    OPEN_RESERVATION_STATUSES,
    REPLACEMENT_ACT_SERIES,
    RESERVATION_TTL,
    RETURN_CONFIRM_WINDOW,
    IllStatus,
    LossStatus,
    NoticeKind,
    NoticeStatus,
    RefusalAction,
    RefusalReason,
    ReservationStatus,
)
from .exceptions import (
    BorrowingBlocked,
    ClearanceRefused,
    IllTransitionRefused,
    LoanRefused,
    ReaderNotServed,
    RenewalRefused,
    ReservationRefused,
    ReturnNeedsConfirmation,
    ReturnRefused,
)
from .models import (
    ClearanceCertificate,
    FeedbackCard,
    IllRequest,
    Loan,
    LoanPolicy,
    LostItem,
    OverdueNotice,
    Reader,
    ReaderRegistration,
    Refusal,
    Reservation,
)

# ---------------------------------------------------------------------------------------------------------------
# Items: the one place where circulation changes a copy's status or adds a copy to the fund.


def _item_set_status(*, item: Item, status: str, user=None) -> Item:
    """Change one (already locked) copy's status through cataloguing (keeps the read models in step)."""
    return item_change_status(item=item, status=status, user=user)


def _items_set_status(*, item_ids, from_status: str, to_status: str, record_ids=None) -> int:
    """Set-based status change of many copies (the expiry sweep): one UPDATE per batch."""
    return items_change_status(item_ids=item_ids, from_status=from_status, to_status=to_status,
                               record_ids=record_ids)


def _item_create_replacement(*, record, inventory_number: str, barcode: str, price, lost: Item, user) -> Item:
    """The replacement copy enters the fund as a new item (source: replacement for a lost copy)."""
    return item_create(
        record=record, inventory_number=inventory_number, barcode=barcode, price=price,
        received_on=timezone.localdate(), receipt_source=ReceiptSource.REPLACEMENT, department=lost.department,
        loan_category=lost.loan_category, user=user,
    )


# ---------------------------------------------------------------------------------------------------------------
# Readers


@transaction.atomic(savepoint=False)
def reader_register(*, reader: Reader, academic_year: int | None = None, by=None) -> Reader:
    """(Re-)register the reader for an academic year (the current one by default): they are served again.
    Idempotent; one INSERT … ON CONFLICT DO NOTHING, no savepoint (a bulk import calls it for every row)."""
    year = academic_year if academic_year is not None else academic_year_of(timezone.localdate())
    ReaderRegistration.objects.bulk_create(
        [ReaderRegistration(reader=reader, academic_year=year, registered_by=by)], ignore_conflicts=True
    )
    if reader.registered_year is None or reader.registered_year < year:
        reader.registered_year = year
        reader.save(update_fields=["registered_year", "updated_at"])
    return reader


def reader_debts(*, reader: Reader, at: dt.datetime | None = None) -> list[str]:
    """What the reader owes: every overdue loan and every lost copy not yet replaced, each as a reason."""
    reasons = []
    for loan in reader.loans.overdue(at).select_related("item__record"):
        reasons.append(
            _("Overdue since %(due)s: %(inv)s %(title)s")
            % {"due": loan.due_on.strftime("%d.%m.%Y"), "inv": loan.item.inventory_number,
               "title": loan.item.record.title[:80]}
        )
    for loss in reader.losses.open().select_related("item__record"):
        reasons.append(
            _("Lost and not replaced: %(inv)s %(title)s")
            % {"inv": loss.item.inventory_number, "title": loss.item.record.title[:80]}
        )
    return reasons


def _check_reader_served(reader: Reader, at: dt.datetime | None) -> None:
    if reader.left_on is not None:
        raise ReaderNotServed(_("The reader left the university on %(day)s.") % {"day": reader.left_on})
    if not reader.is_registered(at):
        day = timezone.localdate(at) if at else timezone.localdate()
        year = academic_year_of(day)
        raise ReaderNotServed(
            _("The reader is not re-registered for the academic year %(year)s.") % {"year": f"{year}/{year + 1}"}
        )


def _check_no_debt(reader: Reader, at: dt.datetime | None) -> None:
    debts = reader_debts(reader=reader, at=at)
    if debts:
        raise BorrowingBlocked(_("Borrowing is blocked while the reader has a debt: %(debts)s")
                               % {"debts": "; ".join(debts)})


# ---------------------------------------------------------------------------------------------------------------
# Rules of use: which policy applies, and the "why" the desk shows.


def policy_for(*, reader: Reader, item: Item) -> LoanPolicy | None:
    return LoanPolicy.objects.filter(reader_category_id=reader.category_id, loan_category=item.loan_category).first()


def _policy_with_open_count(*, reader: Reader, item: Item) -> LoanPolicy | None:
    """The policy, annotated with how many copies of this loan category the reader holds (one round trip)."""
    open_loans = (
        Loan.objects.filter(reader_id=reader.pk, returned_at__isnull=True, item__loan_category=item.loan_category)
        .order_by().values("reader_id").annotate(n=Count("pk")).values("n")
    )
    return (
        LoanPolicy.objects.filter(reader_category_id=reader.category_id, loan_category=item.loan_category)
        .annotate(open_count=Coalesce(Subquery(open_loans[:1]), 0))
        .first()
    )


@dataclass
class LoanDecision:
    """The desk's answer to "why": the policy that applies to this reader and copy, and what blocks."""

    reader: Reader
    item: Item
    policy: LoanPolicy | None
    due_on: dt.date | None
    open_in_category: int = 0
    blocks: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.blocks


def loan_explain(*, reader: Reader, item: Item, at: dt.datetime | None = None) -> LoanDecision:
    """Evaluate every rule of issuing `item` to `reader` without changing anything."""
    at = at or timezone.now()
    policy = policy_for(reader=reader, item=item)
    decision = LoanDecision(reader=reader, item=item, policy=policy,
                            due_on=policy.due_on(timezone.localdate(at)) if policy else None)
    try:
        _check_reader_served(reader, at)
    except ReaderNotServed as error:
        decision.blocks.append(str(error))
    decision.blocks.extend(reader_debts(reader=reader, at=at))
    if policy is None:
        decision.blocks.append(
            _("No rule of use is set for %(category)s and %(loan)s.")
            % {"category": reader.category, "loan": item.get_loan_category_display()}
        )
    else:
        decision.open_in_category = reader.loans.open().filter(item__loan_category=item.loan_category).count()
        if decision.open_in_category >= policy.max_items:
            decision.blocks.append(
                ngettext("Limit reached: %(count)s of %(max)s item of this category are on loan.",
                         "Limit reached: %(count)s of %(max)s items of this category are on loan.", policy.max_items)
                % {"count": decision.open_in_category, "max": policy.max_items}
            )
    if item.status == ItemStatus.RESERVED:
        holder = Reservation.objects.active().filter(item=item).select_related("reader").first()
        if holder and holder.reader_id != reader.pk and not holder.is_expired(at):
            decision.blocks.append(_("The copy is held for another reader's order."))
    elif item.status != ItemStatus.ON_SHELF:
        decision.blocks.append(_("The copy is not on the shelf (%(status)s).") % {"status": item.get_status_display()})
    return decision


# ---------------------------------------------------------------------------------------------------------------
# Orders (607-37) and refusals (607-53)


def _refusal_reason_for(record: BibliographicRecord) -> str:
    statuses = set(Item.objects.filter(record=record).values_list("status", flat=True))
    statuses -= {ItemStatus.WRITTEN_OFF, ItemStatus.LOST}
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

        from .tasks import reservation_notify_expired

        for chunk in chunks:
            reservation_notify_expired.delay_on_commit(chunk)
    return expired


@transaction.atomic
def reservation_notify_expired(*, reservation_ids: list[int]) -> int:
    """Queue an e-mail to each reader whose orders expired (one notice per reader, listing them all);
    returns the notices queued."""
    by_reader: dict[int, list[Reservation]] = defaultdict(list)
    rows = Reservation.objects.filter(pk__in=reservation_ids, status=ReservationStatus.EXPIRED).select_related(
        "reader__user", "record"
    )
    for reservation in rows:
        by_reader[reservation.reader_id].append(reservation)
    queued = 0
    day = timezone.localdate()
    with translation.override("kk"):
        template = get_template("circulation/email/reservation_expired.txt")
        subject = _("Kitaphana: your order has expired")
        for reservations in by_reader.values():
            reader = reservations[0].reader
            address = reader.email or reader.user.email
            if address:
                body = template.render({"reader": reader, "reservations": reservations})
                notice_queue(reader=reader, kind=NoticeKind.ORDER_EXPIRED, day=day, email=address, subject=subject,
                             body=body)
                queued += 1
    return queued


def _notice_hold_ready(reservation: Reservation) -> None:
    """Queue the "your book is held" e-mail; it is sent after the return commits, by a task with retries."""
    reader = Reader.objects.select_related("user").get(pk=reservation.reader_id)
    address = reader.email or reader.user.email
    if not address:
        return
    with translation.override("kk"):
        body = render_to_string("circulation/email/hold_ready.txt", {"reservation": reservation})
        subject = _("Kitaphana: the book you were waiting for is held for you")
    notice_queue(reader=reader, kind=NoticeKind.HOLD_READY, day=timezone.localdate(), email=address,
                 subject=subject, body=body)


# ---------------------------------------------------------------------------------------------------------------
# E-mail notices: logged, then sent by a Celery task after commit (retries with backoff); a failure stays logged.


def notice_queue(*, reader: Reader, kind: str, day: dt.date, email: str, subject: str, body: str,
                 loans_count: int = 0) -> OverdueNotice:
    """Log a notice as waiting and send it once the current transaction commits. A notice is never sent from
    inside the use case: an SMTP failure must not undo, or fail, the work it reports."""
    notice = OverdueNotice.objects.create(
        reader=reader, kind=kind, sent_on=day, email=email, subject=str(subject)[:255], body=body,
        loans_count=loans_count, status=NoticeStatus.QUEUED if email else NoticeStatus.NO_ADDRESS,
    )
    if email:
        from .tasks import notice_send as notice_send_task

        notice_send_task.delay_on_commit(notice.pk)
    return notice


def notice_send(*, notice_id: int, last_attempt: bool) -> OverdueNotice | None:
    """Send a waiting notice. A transient failure (SMTP, network) is recorded and raised so that the task
    tries again later; on the last attempt, or for any other error, the notice is marked failed with the
    error, for the notices log. A notice already sent is not sent again."""
    notice = OverdueNotice.objects.filter(pk=notice_id).first()
    if notice is None or notice.status != NoticeStatus.QUEUED:
        return notice
    message = EmailMessage(notice.subject, notice.body, settings.DEFAULT_FROM_EMAIL, [notice.email])
    try:
        get_connection(fail_silently=False).send_messages([message])
    except Exception as error:
        retry = isinstance(error, OSError) and not last_attempt  # smtplib's errors are OSErrors
        OverdueNotice.objects.filter(pk=notice.pk).update(
            attempts=F("attempts") + 1, error=f"{type(error).__name__}: {error}"[:2000],
            status=NoticeStatus.QUEUED if retry else NoticeStatus.FAILED,
        )
        if retry:
            raise
        notice.refresh_from_db()
        return notice
    OverdueNotice.objects.filter(pk=notice.pk).update(
        attempts=F("attempts") + 1, error="", status=NoticeStatus.SENT, delivered_at=timezone.now())
    notice.refresh_from_db()
    return notice


# ---------------------------------------------------------------------------------------------------------------
# Issue, return, renewal (the desk)


def loan_issue(*, reader: Reader, item: Item, by=None, at: dt.datetime | None = None) -> Loan:
    """Issue a copy to a reader. The copy is locked (`select_for_update`) and the database refuses a second
    open loan of it (`circulation_loan_one_open_per_item`), so two desks scanning it at once give one loan."""
    try:
        return _loan_issue(reader=reader, item=item, by=by, at=at or timezone.now())
    except IntegrityError:
        # Only reachable when a copy's status disagrees with its loans: the constraint still wins.
        raise LoanRefused(_("The copy %(inv)s is already on loan.") % {"inv": item.inventory_number}) from None


@transaction.atomic
def _loan_issue(*, reader: Reader, item: Item, by, at: dt.datetime) -> Loan:
    today = timezone.localdate(at)
    # One round trip locks the reader (so two desks cannot exceed their limit) and says whether they owe
    # anything or wait for a title; the reasons are only spelled out when something blocks.
    reader = (
        Reader.objects.select_for_update(of=("self",))
        .select_related("category")
        .annotate(
            has_overdue=Exists(Loan.objects.filter(reader=OuterRef("pk"), returned_at__isnull=True,
                                                   due_on__lt=today)),
            has_loss=Exists(LostItem.objects.filter(reader=OuterRef("pk"), status=LossStatus.OPEN)),
            has_waiting=Exists(Reservation.objects.filter(reader=OuterRef("pk"), status=ReservationStatus.WAITING)),
        )
        .get(pk=reader.pk)
    )
    item = Item.objects.select_for_update().get(pk=item.pk)
    _check_reader_served(reader, at)
    if reader.has_overdue or reader.has_loss:
        _check_no_debt(reader, at)
    if item.status == ItemStatus.ON_LOAN:
        raise LoanRefused(_("The copy %(inv)s is already on loan.") % {"inv": item.inventory_number})
    reservation = None
    if item.status == ItemStatus.RESERVED:
        reservation = Reservation.objects.select_for_update().filter(item=item, status=ReservationStatus.ACTIVE).first()
        if reservation is not None and reservation.reader_id != reader.pk and not reservation.is_expired(at):
            raise LoanRefused(_("The copy %(inv)s is held for another reader's order.")
                              % {"inv": item.inventory_number})
    elif item.status != ItemStatus.ON_SHELF:
        raise LoanRefused(_("The copy %(inv)s is not on the shelf (%(status)s).")
                          % {"inv": item.inventory_number, "status": item.get_status_display()})
    policy = _policy_with_open_count(reader=reader, item=item)
    if policy is None:
        raise LoanRefused(_("No rule of use is set for %(category)s and %(loan)s.")
                          % {"category": reader.category, "loan": item.get_loan_category_display()})
    if policy.open_count >= policy.max_items:
        raise LoanRefused(ngettext("Limit reached: %(count)s of %(max)s item of this category are on loan.",
                                   "Limit reached: %(count)s of %(max)s items of this category are on loan.",
                                   policy.max_items) % {"count": policy.open_count, "max": policy.max_items})
    if reservation is not None:
        reservation.status = (ReservationStatus.FULFILLED if reservation.reader_id == reader.pk
                               else ReservationStatus.EXPIRED)
        reservation.closed_at = at
        reservation.save(update_fields=["status", "closed_at"])
    own_reservation = reservation if reservation is not None and reservation.reader_id == reader.pk else None
    loan = Loan.objects.create(
        reader=reader, item=item, policy=policy, reservation=own_reservation, issued_at=at,
        due_on=policy.due_on(today), reading_room=policy.reading_room_only, issued_by=by,
    )
    _item_set_status(item=item, status=ItemStatus.ON_LOAN, user=by)
    # Storage keeps when each copy was last used: the weeding rule "no loans for N years" reads it.
    copy_loan_register(item=item, loaned_on=today)
    if reader.has_waiting:
        # The reader's own place on the waiting list for this title is fulfilled by this loan too.
        Reservation.objects.filter(reader=reader, record_id=item.record_id, status=ReservationStatus.WAITING).update(
            status=ReservationStatus.FULFILLED, closed_at=at
        )
    return loan


@dataclass
class ReturnResult:
    loan: Loan
    held_for: Reservation | None


def loan_returns_early(loan: Loan, at: dt.datetime) -> bool:
    """True when taking the loan back at `at` is within `RETURN_CONFIRM_WINDOW` of its issue."""
    return at - loan.issued_at < RETURN_CONFIRM_WINDOW


@transaction.atomic
def loan_return(*, item: Item, by=None, at: dt.datetime | None = None, confirmed: bool = False) -> ReturnResult:
    """Take a copy back. If a reader is waiting for the title, the copy is held for them (24 hours).
    A copy issued less than `RETURN_CONFIRM_WINDOW` ago is taken back only with `confirmed=True`, otherwise
    `ReturnNeedsConfirmation` (nothing changes): a repeated scan must not undo the loan just made."""
    at = at or timezone.now()
    item = Item.objects.select_for_update().get(pk=item.pk)
    loan = Loan.objects.open().filter(item=item).select_related("reader__user").first()
    if loan is None:
        raise ReturnRefused(_("The copy %(inv)s is not on loan.") % {"inv": item.inventory_number})
    if not confirmed and loan_returns_early(loan, at):
        raise ReturnNeedsConfirmation(
            _("The copy %(inv)s was issued to %(name)s at %(time)s, moments ago. Take it back all the same?")
            % {"inv": item.inventory_number, "name": loan.reader.full_name,
               "time": timezone.localtime(loan.issued_at).strftime("%H:%M:%S")},
            loan=loan,
        )
    loan.returned_at = at
    loan.returned_by = by
    loan.save(update_fields=["returned_at", "returned_by"])
    held_for = _release_copy(item=item, at=at)
    return ReturnResult(loan=loan, held_for=held_for)


def title_awaited_by_others(*, record_id: int, reader: Reader) -> bool:
    return Reservation.objects.waiting().filter(record_id=record_id).exclude(reader=reader).exists()


@transaction.atomic
def loan_renew(*, loan: Loan, at: dt.datetime | None = None) -> Loan:
    """Renew a loan per its policy: refused when the renewals are used up, when the reader is not served, or
    when someone else waits for the title (forms-structure §22: "loans can be extended if no other reader
    needs the item")."""
    at = at or timezone.now()
    loan = Loan.objects.select_for_update(of=("self",)).select_related("reader", "item", "policy").get(pk=loan.pk)
    if loan.returned_at is not None or loan.lost:
        raise RenewalRefused(_("The loan is closed."))
    _check_reader_served(loan.reader, at)
    policy = loan.policy or policy_for(reader=loan.reader, item=loan.item)
    if policy is None or policy.reading_room_only:
        raise RenewalRefused(_("Reading-room loans are not renewed."))
    if loan.renewals >= policy.renewals_allowed:
        raise RenewalRefused(_("No renewals left: %(n)s allowed.") % {"n": policy.renewals_allowed})
    if title_awaited_by_others(record_id=loan.item.record_id, reader=loan.reader):
        raise RenewalRefused(_("Another reader is waiting for this title, so it cannot be renewed."))
    today = timezone.localdate(at)
    loan.due_on = max(loan.due_on, today) + dt.timedelta(days=policy.renewal_days)
    loan.renewals += 1
    loan.save(update_fields=["due_on", "renewals"])
    return loan


# ---------------------------------------------------------------------------------------------------------------
# Lost books (607-43, 607-44)


@transaction.atomic
def loan_declare_lost(*, loan: Loan, by=None, at: dt.datetime | None = None) -> LostItem:
    """The reader reports the copy lost: the loan closes as lost, the copy goes to status "lost" (the
    acquisitions write-off queue), and the loss is the reader's debt until an equivalent copy is accepted."""
    at = at or timezone.now()
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if loan.returned_at is not None:
        raise ReturnRefused(_("The loan is closed."))
    item = Item.objects.select_for_update().get(pk=loan.item_id)
    loan.lost = True
    loan.returned_at = at
    loan.returned_by = by
    loan.save(update_fields=["lost", "returned_at", "returned_by"])
    _item_set_status(item=item, status=ItemStatus.LOST, user=by)
    return LostItem.objects.create(loan=loan, reader_id=loan.reader_id, item=item, declared_at=at, declared_by=by)


@transaction.atomic
def loss_replace(*, loss: LostItem, inventory_number: str, barcode: str, price: Decimal | None = None,
                 record: BibliographicRecord | None = None, by=None, at: dt.datetime | None = None) -> LostItem:
    """Accept an equivalent copy in place of the lost one: the replacement enters the fund as a new item
    (receipt source "replacement"), the act (607-43) gets its number, and only then the debt is cleared."""
    at = at or timezone.now()
    loss = LostItem.objects.select_for_update(of=("self",)).select_related("item").get(pk=loss.pk)
    if loss.status != LossStatus.OPEN:
        raise ReturnRefused(_("This loss has already been replaced."))
    replacement = _item_create_replacement(
        record=record or loss.item.record, inventory_number=inventory_number, barcode=barcode, price=price,
        lost=loss.item, user=by,
    )
    day = timezone.localdate(at)
    loss.replacement_item = replacement
    loss.replaced_on = day
    loss.act_year = day.year
    loss.act_number = allocate_number(REPLACEMENT_ACT_SERIES, day.year)
    loss.status = LossStatus.REPLACED
    loss.accepted_by = by
    loss.save()
    return loss


# ---------------------------------------------------------------------------------------------------------------
# Clearance certificate, ILL/EDD, feedback


@transaction.atomic
def clearance_issue(*, reader: Reader, at: dt.datetime | None = None) -> ClearanceCertificate:
    """Issue a no-debt clearance certificate: refused while any loan is open, any loss unreplaced, or any ILL
    original is not yet returned."""
    at = at or timezone.now()
    readers = Reader.objects.select_for_update(of=("self",)).select_related("user", "category", "department")
    reader = readers.get(pk=reader.pk)
    problems = reader_debts(reader=reader, at=at)
    open_loans = reader.loans.open().count()
    if open_loans:
        problems.append(ngettext("%(n)s item still on loan.", "%(n)s items still on loan.", open_loans) % {
            "n": open_loans})
    if reader.ill_requests.filter(kind="ill", status__in=[IllStatus.RECEIVED, IllStatus.DELIVERED]).exists():
        problems.append(_("An interlibrary loan item is not returned yet."))
    if problems:
        raise ClearanceRefused(_("A clearance certificate cannot be issued: %(p)s") % {"p": "; ".join(problems)})
    year = timezone.localdate(at).year
    with translation.override("kk"):
        category = str(reader.category) if reader.category_id else ""
        department = str(reader.department) if reader.department_id else ""
    return ClearanceCertificate.objects.create(
        year=year, number=allocate_number(CLEARANCE_SERIES, year), reader=reader, issued_at=at,
        full_name=reader.full_name, card_number=reader.card_number, category_name=category,
        department_name=department,
    )


@transaction.atomic
def ill_request_create(*, reader: Reader, kind: str, title: str, at: dt.datetime | None = None,
                       **details) -> IllRequest:
    """Register an ILL or EDD request (607-40) with the year's next number."""
    at = at or timezone.now()
    _check_reader_served(reader, at)
    year = timezone.localdate(at).year
    request = IllRequest(reader=reader, kind=kind, title=title, created_at=at, year=year, **details)
    request.number = allocate_number(ILL_SERIES, year)
    request.full_clean()
    request.save()
    return request


ILL_STATUS_DATES = {
    IllStatus.SENT: "sent_on",
    IllStatus.RECEIVED: "received_on",
    IllStatus.DELIVERED: "delivered_on",
    IllStatus.RETURNED: "returned_on",
}


def _ill_move_refusal(request: IllRequest, status: str) -> str:
    allowed = ", ".join(str(IllStatus(step).label) for step in IllStatus if request.can_move_to(step))
    return _("№ %(number)s/%(year)s cannot go from \"%(current)s\" to \"%(target)s\" (allowed: %(allowed)s).") % {
        "number": request.number, "year": request.year, "current": request.get_status_display(),
        "target": IllStatus(status).label, "allowed": allowed or _("none, the request is closed"),
    }


def ill_request_set_status(*, request: IllRequest, status: str, by=None, note: str = "",
                           at: dt.datetime | None = None) -> IllRequest:
    """Move an ILL/EDD request on (607-41) along `ILL_TRANSITIONS`, stamping the date of the step; any other
    move is refused with `IllTransitionRefused`."""
    return ill_requests_set_status(requests=[request], status=status, by=by, note=note, at=at)[0]


@transaction.atomic
def ill_requests_set_status(*, requests, status: str, by=None, note: str = "",
                            at: dt.datetime | None = None) -> list[IllRequest]:
    """Move several ILL/EDD requests (the admin's bulk actions) to `status`: all of them or none. If any cannot
    make the move, `IllTransitionRefused` names each one that cannot and nothing is changed."""
    if status not in IllStatus.values:
        raise IllTransitionRefused(_("Unknown status of a request: %(status)s.") % {"status": status})
    ids = [request.pk for request in requests]
    locked = list(IllRequest.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    refused = [request for request in locked if not request.can_move_to(status)]
    if refused:
        raise IllTransitionRefused(
            _("Nothing was changed: %(reasons)s") % {
                "reasons": " ".join(_ill_move_refusal(request, status) for request in refused)},
            refused=refused,
        )
    return [_ill_move(request=request, status=status, by=by, note=note, at=at) for request in locked]


def _ill_move(*, request: IllRequest, status: str, by, note: str, at: dt.datetime | None) -> IllRequest:
    request.status = status
    date_field = ILL_STATUS_DATES.get(status)
    if date_field and getattr(request, date_field) is None:
        setattr(request, date_field, timezone.localdate(at) if at else timezone.localdate())
    if note:
        request.result_note = note
    request.handled_by = by or request.handled_by
    request.save()
    return request


@transaction.atomic
def feedback_submit(*, reader: Reader | None, **fields) -> FeedbackCard:
    card = FeedbackCard(reader=reader, respondent_category=reader.category if reader else None, **fields)
    card.full_clean()
    card.save()
    return card


# ---------------------------------------------------------------------------------------------------------------
# Overdue notices


def overdue_notices_send(*, at: dt.datetime | None = None) -> int:
    """E-mail every reader with loans due soon or overdue: one message per reader listing all their items,
    never twice the same day (the `OverdueNotice` sent-log is unique per reader and day). Returns messages sent."""
    at = at or timezone.now()
    day = timezone.localdate(at)
    already = OverdueNotice.objects.filter(sent_on=day, kind=NoticeKind.OVERDUE).values("reader_id")
    loans = (
        Loan.objects.open()
        .filter(lost=False, due_on__lte=day + dt.timedelta(days=DUE_SOON_DAYS))
        .exclude(reader_id__in=already)
        .select_related("reader__user", "item__record")
        .only("reader_id", "due_on", "reader__card_number", "reader__email", "reader__user__email",
              "reader__user__username", "reader__user__last_name", "reader__user__first_name",
              "reader__user__patronymic", "item__inventory_number", "item__record__title")
        .order_by("reader_id", "due_on")
    )
    by_reader: dict[int, list[Loan]] = defaultdict(list)
    for loan in loans.iterator(chunk_size=5000):
        by_reader[loan.reader_id].append(loan)
    if not by_reader:
        return 0
    log = []
    with translation.override("kk"):
        template = get_template("circulation/email/overdue.txt")
        subject = _("Kitaphana: books to return")
        for reader_loans in by_reader.values():
            reader = reader_loans[0].reader
            address = reader.email or reader.user.email
            body = template.render({"reader": reader, "loans": reader_loans, "day": day}) if address else ""
            log.append(OverdueNotice(reader=reader, sent_on=day, kind=NoticeKind.OVERDUE,
                                     loans_count=len(reader_loans), email=address, subject=subject, body=body,
                                     status=NoticeStatus.QUEUED if address else NoticeStatus.NO_ADDRESS))
    from .tasks import notice_send as notice_send_task

    with transaction.atomic():
        OverdueNotice.objects.bulk_create(log, ignore_conflicts=True, batch_size=1000)
        # The rows this run made (a concurrent run's rows for the same readers were skipped above or here).
        queued = list(OverdueNotice.objects.filter(
            sent_on=day, kind=NoticeKind.OVERDUE, status=NoticeStatus.QUEUED, attempts=0,
            reader_id__in=list(by_reader)).values_list("pk", flat=True))
        for notice_id in queued:
            notice_send_task.delay_on_commit(notice_id)
    return len(queued)


def readers_with_debt_filter(at: dt.datetime | None = None) -> Q:
    """Q over Reader: has an overdue loan or an unreplaced loss (for lists and statistics)."""
    day = timezone.localdate(at) if at else timezone.localdate()
    return Q(loans__returned_at__isnull=True, loans__due_on__lt=day) | Q(losses__status=LossStatus.OPEN)
