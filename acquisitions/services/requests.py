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


def _record(*, actor, status: str, note: str = "", request=None, line=None, order=None) -> None:
    StatusChange.objects.create(actor=actor, status=status, note=note[:500], request=request, line=line, order=order)


def _set_line_status(lines, status: str, *, actor, note: str = "") -> None:
    for line in lines:
        line.status = status
        line.save(update_fields=["status"])
        _record(actor=actor, status=status, note=note, line=line)


@transaction.atomic
def request_create(*, department, kind: str, academic_year: int, created_by, lines: list[dict],
                   funding_source: str = "", note: str = "") -> AcquisitionRequest:
    """A draft request of a department with its lines (each a dict of RequestLine fields)."""
    request = AcquisitionRequest(department=department, kind=kind, academic_year=academic_year,
                                 created_by=created_by, funding_source=funding_source, note=note)
    request.full_clean()
    request.save()
    for data in lines:
        line = RequestLine(request=request, **data)
        line.full_clean()
        line.save()
    _record(actor=created_by, status=RequestStatus.DRAFT, request=request)
    return request


@transaction.atomic
def request_submit(*, request: AcquisitionRequest, user) -> AcquisitionRequest:
    """Send a draft to the library; from now on the department follows each line's status."""
    request = AcquisitionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.DRAFT:
        raise AcquisitionsError(_("Only a draft can be submitted."))
    lines = list(request.lines.all())
    if not lines:
        raise AcquisitionsError(_("A request needs at least one line."))
    for line in lines:
        if request.kind == RequestKind.SUBSCRIPTION and not line.period:
            raise AcquisitionsError(_("Every periodical needs a subscription period."))
        try:
            line.full_clean()
        except ValidationError as error:
            raise AcquisitionsError(f"{line.title}: {' '.join(error.messages)}") from error
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
        line.save(update_fields=["refusal_reason"])
    _set_line_status(zero, LineStatus.REFUSED, actor=user, note=_("Corrected to zero copies"))
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
    for group in groups.values():
        first = group[0]
        order_line = ConsolidatedOrderLine.objects.create(
            order=order, author=first.author, title=first.title, publisher=first.publisher, year=first.year,
            isbn=first.isbn, language=first.language, subscription_index=first.subscription_index,
            period=first.period, quantity=sum(line.copies for line in group),
        )
        for line in group:
            line.order_line = order_line
            line.save(update_fields=["order_line"])
        _set_line_status(group, LineStatus.IN_ORDER, actor=user,
                         note=_("Consolidated order № %(number)s/%(year)s") % {"number": order.number,
                                                                               "year": order.year})
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
        line.save(update_fields=["refusal_reason"])
    _set_line_status(lines, LineStatus.REFUSED, actor=user, note=order_line.refusal_reason)
    return order_line


@transaction.atomic
def order_line_receive(*, order_line: ConsolidatedOrderLine, copies: int, user) -> ConsolidatedOrderLine:
    """Copies of an ordered line arrived (called by the receipt): received in part or in full."""
    order_line = _lock_order_line(order_line)
    if order_line.status not in (LineStatus.ORDERED, LineStatus.PARTLY_RECEIVED, LineStatus.IN_PROCUREMENT):
        raise AcquisitionsError(_("Copies can be received only against an ordered line."))
    order_line.quantity_received += copies
    full = order_line.quantity_received >= order_line.quantity
    order_line.status = LineStatus.RECEIVED if full else LineStatus.PARTLY_RECEIVED
    order_line.save(update_fields=["quantity_received", "status"])
    note = f"{order_line.quantity_received} / {order_line.quantity}"
    _set_line_status(order_line.request_lines.all(), order_line.status, actor=user, note=note)
    return order_line
