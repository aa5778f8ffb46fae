"""Readers: registration, whether a reader is served, their debts, and the clearance certificate."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forms_registry.numbering import allocate_number

from ..calendar import academic_year_of
from ..constants import CLEARANCE_SERIES, DeliveryKind, IllStatus
from ..exceptions import ClearanceRefused
from ..loan_rules import debt_block, reader_block
from ..models import ClearanceCertificate, Reader, ReaderRegistration


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
    """Refuse (`ReaderNotServed`) a reader who left or is not re-registered for the academic year of `at`."""
    block = reader_block(reader, at)
    if block is not None:
        raise block.refusal()


def _check_no_debt(reader: Reader, at: dt.datetime | None) -> None:
    """Refuse (`BorrowingBlocked`) a reader with an overdue loan or a lost copy not replaced."""
    block = debt_block(reader_debts(reader=reader, at=at))
    if block is not None:
        raise block.refusal()


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
    if reader.ill_requests.filter(kind=DeliveryKind.ILL, status__in=[IllStatus.RECEIVED, IllStatus.DELIVERED]).exists():
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
