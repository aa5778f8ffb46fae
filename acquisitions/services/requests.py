"""Requests of departments, their review, the consolidated order and its path to procurement (5.2)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forms_registry.numbering import allocate_number

from ..constants import (
    CONSOLIDATED_ORDER_SERIES,
    CorrectionReason,
    LineStatus,
    OrderStatus,
    RequestKind,
    RequestStatus,
)
from ..exceptions import AcquisitionsError
from ..models import AcquisitionRequest, ConsolidatedOrder, ConsolidatedOrderLine, RequestLine, StatusChange

REVIEWABLE = (LineStatus.SUBMITTED, LineStatus.CORRECTED)
# The statuses of an order line copies may arrive against.
RECEIVABLE = (LineStatus.ORDERED, LineStatus.PARTLY_RECEIVED, LineStatus.IN_PROCUREMENT)


def _record(*, actor, status: str, note: str = "", request=None, line=None, order=None) -> None:
    StatusChange.objects.create(actor=actor, status=status, note=note[:500], request=request, line=line, order=order)


def _set_line_status(lines, status: str, *, actor, note: str = "", fields: tuple[str, ...] = ()) -> None:
    """Move request lines to a status, each change in the lines' history: one UPDATE and one INSERT for all of
    them (`fields`: other fields of the lines changed with it)."""
    lines = list(lines)
    for line in lines:
        line.status = status
    _set_lines_status_notes([(line, note) for line in lines], actor=actor, fields=fields)


def _set_lines_status_notes(changes: list[tuple[RequestLine, str]], *, actor, fields: tuple[str, ...] = ()) -> None:
    """The lines' new statuses (already set on them), each with its note, written set-based."""
    if not changes:
        return
    RequestLine.objects.bulk_update([line for line, _note in changes], ["status", *fields])
    StatusChange.objects.bulk_create([StatusChange(actor=actor, status=line.status, note=note[:500], line=line)
                                      for line, note in changes])


@transaction.atomic
def request_create(*, department, kind: str, academic_year: int, created_by, lines: list[dict],
                   funding_source: str = "", note: str = "") -> AcquisitionRequest:
    """A draft request of a department with its lines (each a dict of RequestLine fields)."""
    request = AcquisitionRequest(department=department, kind=kind, academic_year=academic_year,
                                 created_by=created_by, funding_source=funding_source, note=note)
    request.full_clean()
    request.save()
    request_lines = [RequestLine(request=request, **data) for data in lines]
    problems = _line_problems(request_lines)
    if problems:
        raise ValidationError(problems)
    RequestLine.objects.bulk_create(request_lines)
    _record(actor=created_by, status=RequestStatus.DRAFT, request=request)
    return request


def _line_problems(lines: list[RequestLine]) -> list[str]:
    """Why lines of a request cannot be kept, each naming its line's number: every line checked in Python before
    any is written (the model's field rules and `clean()`), with no query per line; the request itself and the
    named constraints are the database's to hold."""
    problems = []
    for number, line in enumerate(lines, start=1):
        try:
            line.full_clean(exclude=["request", "order_line"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            problems.append(_("Line %(number)s: %(reason)s") % {"number": number,
                                                                 "reason": " ".join(error.messages)})
    return problems


@transaction.atomic
def request_submit(*, request: AcquisitionRequest, user) -> AcquisitionRequest:
    """Send a draft to the library; from now on the department follows each line's status."""
    request = AcquisitionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.DRAFT:
        raise AcquisitionsError(_("Only a draft can be submitted."))
    lines = list(request.lines.all())
    if not lines:
        raise AcquisitionsError(_("A request needs at least one line."))
    if request.kind == RequestKind.SUBSCRIPTION and any(not line.period for line in lines):
        raise AcquisitionsError(_("Every periodical needs a subscription period."))
    problems = _line_problems(lines)
    if problems:
        raise AcquisitionsError(" ".join(problems))
    request.status = RequestStatus.SUBMITTED
    request.submitted_at = timezone.now()
    request.save(update_fields=["status", "submitted_at"])
    _record(actor=user, status=RequestStatus.SUBMITTED, request=request)
    _set_line_status(lines, LineStatus.SUBMITTED, actor=user)
    return request


@transaction.atomic
def request_line_correct(*, line: RequestLine, copies: int, reason: str, user, note: str = "") -> RequestLine:
    """The head of acquisitions with the director corrects the quantity, always with a reason."""
    line = RequestLine.objects.select_for_update().get(pk=line.pk)
    if line.status not in REVIEWABLE:
        raise AcquisitionsError(_("This line is no longer under review."))
    if reason not in CorrectionReason.values:
        raise AcquisitionsError(_("Choose the reason for the correction."))
    if copies < 0:
        raise AcquisitionsError(_("The number of copies cannot be negative."))
    line.copies_approved = copies
    line.correction_reason = reason
    line.correction_note = note.strip()[:300]
    line.status = LineStatus.CORRECTED
    line.save(update_fields=["copies_approved", "correction_reason", "correction_note", "status"])
    reason_label = CorrectionReason(reason).label
    _record(actor=user, status=LineStatus.CORRECTED, line=line,
            note=f"{line.copies_requested} → {copies}: {reason_label}. {line.correction_note}".strip())
    return line


@transaction.atomic
def order_build(*, kind: str, user, lines=None) -> ConsolidatedOrder:
    """Build the consolidated order from reviewed lines of one kind, merging identical lines of departments.

    Lines corrected to zero copies are refused with their correction as the reason.
    """
    queryset = RequestLine.objects.select_for_update().filter(
        request__kind=kind, request__status=RequestStatus.SUBMITTED, status__in=REVIEWABLE, order_line__isnull=True
    )
    if lines is not None:
        queryset = queryset.filter(pk__in=[line.pk for line in lines])
    candidates = list(queryset.select_related("request").order_by("id"))
    zero = [line for line in candidates if line.copies == 0]
    for line in zero:
        line.refusal_reason = line.get_correction_reason_display()
    _set_line_status(zero, LineStatus.REFUSED, actor=user, note=_("Corrected to zero copies"),
                     fields=("refusal_reason",))
    candidates = [line for line in candidates if line.copies > 0]
    if not candidates:
        raise AcquisitionsError(_("There are no reviewed lines to put into an order."))
    today = timezone.localdate()
    order = ConsolidatedOrder(kind=kind, year=today.year, built_by=user)
    order.number = allocate_number(CONSOLIDATED_ORDER_SERIES, order.year)
    order.save()
    groups: dict[tuple, list[RequestLine]] = {}
    for line in candidates:
        groups.setdefault(line.merge_key(), []).append(line)
    order_lines = ConsolidatedOrderLine.objects.bulk_create([
        ConsolidatedOrderLine(
            order=order, author=group[0].author, title=group[0].title, publisher=group[0].publisher,
            year=group[0].year, isbn=group[0].isbn, language=group[0].language,
            subscription_index=group[0].subscription_index, period=group[0].period,
            quantity=sum(line.copies for line in group))
        for group in groups.values()
    ])
    for order_line, group in zip(order_lines, groups.values(), strict=True):
        for line in group:
            line.order_line = order_line
    _set_line_status(candidates, LineStatus.IN_ORDER, actor=user, fields=("order_line",),
                     note=_("Consolidated order № %(number)s/%(year)s") % {"number": order.number, "year": order.year})
    _record(actor=user, status=OrderStatus.DRAFT, order=order)
    return order


def _order_request_lines(order: ConsolidatedOrder):
    return RequestLine.objects.filter(order_line__order=order).exclude(status=LineStatus.REFUSED)


@transaction.atomic
def order_agree(*, order: ConsolidatedOrder, user) -> ConsolidatedOrder:
    """The supervising vice-rector agrees the consolidated order."""
    order = ConsolidatedOrder.objects.select_for_update().get(pk=order.pk)
    if not order.awaits_agreement:
        raise AcquisitionsError(_("The order has already been agreed."))
    order.status = OrderStatus.AGREED
    order.agreed_by = user
    order.agreed_at = timezone.now()
    order.save(update_fields=["status", "agreed_by", "agreed_at"])
    _record(actor=user, status=OrderStatus.AGREED, order=order)
    order.lines.filter(status=LineStatus.IN_ORDER).update(status=LineStatus.AGREED)
    _set_line_status(_order_request_lines(order), LineStatus.AGREED, actor=user)
    return order


@transaction.atomic
def order_send_to_procurement(*, order: ConsolidatedOrder, user) -> ConsolidatedOrder:
    """An agreed order goes to the university's procurement office."""
    order = ConsolidatedOrder.objects.select_for_update().get(pk=order.pk)
    if not order.awaits_sending:
        raise AcquisitionsError(_("Only an agreed order goes to procurement."))
    order.status = OrderStatus.IN_PROCUREMENT
    order.sent_at = timezone.now()
    order.save(update_fields=["status", "sent_at"])
    _record(actor=user, status=OrderStatus.IN_PROCUREMENT, order=order)
    order.lines.filter(status=LineStatus.AGREED).update(status=LineStatus.IN_PROCUREMENT)
    _set_line_status(_order_request_lines(order), LineStatus.IN_PROCUREMENT, actor=user)
    return order


def _lock_order_line(order_line: ConsolidatedOrderLine) -> ConsolidatedOrderLine:
    return ConsolidatedOrderLine.objects.select_for_update().select_related("order").get(pk=order_line.pk)


@transaction.atomic
def order_line_mark_ordered(*, order_line: ConsolidatedOrderLine, user) -> ConsolidatedOrderLine:
    """Procurement placed the order with a supplier."""
    order_line = _lock_order_line(order_line)
    if order_line.order.status != OrderStatus.IN_PROCUREMENT or not order_line.awaits_ordering:
        raise AcquisitionsError(_("Only a line sent to procurement can be ordered."))
    order_line.status = LineStatus.ORDERED
    order_line.save(update_fields=["status"])
    _set_line_status(order_line.request_lines.all(), LineStatus.ORDERED, actor=user)
    return order_line


@transaction.atomic
def order_line_refuse(*, order_line: ConsolidatedOrderLine, reason: str, user) -> ConsolidatedOrderLine:
    """A line cannot be supplied: refused with a reason the departments see."""
    order_line = _lock_order_line(order_line)
    if not reason.strip():
        raise AcquisitionsError(_("A refusal needs a reason."))
    if order_line.is_closed:
        raise AcquisitionsError(_("This line is already closed."))
    order_line.status = LineStatus.REFUSED
    order_line.refusal_reason = reason.strip()[:300]
    order_line.save(update_fields=["status", "refusal_reason"])
    lines = list(order_line.request_lines.all())
    for line in lines:
        line.refusal_reason = order_line.refusal_reason
    _set_line_status(lines, LineStatus.REFUSED, actor=user, note=order_line.refusal_reason, fields=("refusal_reason",))
    return order_line


@transaction.atomic
def order_lines_receive(*, received: list[tuple[ConsolidatedOrderLine, int]], user) -> list[ConsolidatedOrderLine]:
    """Copies of ordered lines arrived (a receipt's lines, each with its order line and copies): each order line
    received in part or in full, and its departments' lines with it; locked, checked and written set-based."""
    locked = ConsolidatedOrderLine.objects.select_for_update().in_bulk([line.pk for line, _copies in received])
    if any(line.status not in RECEIVABLE for line in locked.values()):
        raise AcquisitionsError(_("Copies can be received only against an ordered line."))
    for order_line, copies in received:
        line = locked[order_line.pk]
        line.quantity_received += copies
        line.status = LineStatus.RECEIVED if line.quantity_received >= line.quantity else LineStatus.PARTLY_RECEIVED
    ConsolidatedOrderLine.objects.bulk_update(locked.values(), ["quantity_received", "status"])
    changes = []
    for line in RequestLine.objects.filter(order_line__in=locked.values()).order_by("pk"):
        order_line = locked[line.order_line_id]
        line.status = order_line.status
        changes.append((line, f"{order_line.quantity_received} / {order_line.quantity}"))
    _set_lines_status_notes(changes, actor=user)
    return [locked[order_line.pk] for order_line, _copies in received]
