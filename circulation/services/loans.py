"""Issue, return, renewal (the desk) and the rules of use: which policy applies, and the "why" the desk shows.

Issue and return are the desk's hot path (a barcode scanner waits on them): each is one transaction of a
few statements with no savepoints, and the search read model recounts the title's copies in one statement
after commit. `bench/circulation.py --show-queries` prints them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from cataloguing.constants import ItemStatus
from cataloguing.models import Item
from storage.services import copy_loan_register

from ..constants import RETURN_CONFIRM_WINDOW, LossStatus, ReservationStatus
from ..exceptions import LoanRefused, RenewalRefused, ReturnNeedsConfirmation, ReturnRefused
from ..loan_rules import LoanBlock, LoanFacts, loan_blocks
from ..models import Loan, LoanPolicy, LostItem, Reader, Reservation
from .items import _item_set_status
from .readers import _check_reader_served, reader_debts
from .reservations import _release_copy


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
    blocks: list[LoanBlock] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.blocks


def loan_explain(*, reader: Reader, item: Item, at: dt.datetime | None = None) -> LoanDecision:
    """Evaluate every rule of issuing `item` to `reader` without changing anything: the blocks are those
    `loan_issue` would refuse with (`loan_rules.loan_blocks` of the same facts)."""
    at = at or timezone.now()
    policy = _policy_with_open_count(reader=reader, item=item)
    holder = Reservation.objects.active().filter(item=item).first() if item.status == ItemStatus.RESERVED else None
    facts = LoanFacts(reader=reader, item=item, policy=policy, open_in_category=policy.open_count if policy else 0,
                      debts=reader_debts(reader=reader, at=at), holder=holder, at=at)
    return LoanDecision(reader=reader, item=item, policy=policy,
                        due_on=policy.due_on(timezone.localdate(at)) if policy else None,
                        open_in_category=facts.open_in_category, blocks=loan_blocks(facts))


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
    reservation = None
    if item.status == ItemStatus.RESERVED:
        reservation = Reservation.objects.select_for_update().filter(item=item, status=ReservationStatus.ACTIVE).first()
    policy = _policy_with_open_count(reader=reader, item=item)
    blocks = loan_blocks(LoanFacts(
        reader=reader, item=item, policy=policy, open_in_category=policy.open_count if policy else 0,
        debts=reader_debts(reader=reader, at=at) if reader.has_overdue or reader.has_loss else (),
        holder=reservation, at=at,
    ))
    if blocks:
        raise blocks[0].refusal()
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
