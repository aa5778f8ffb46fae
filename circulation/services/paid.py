"""Paid services: the director approves a price list; the desk records a service when the reader pays, which
gives the receipt its number; a mistaken row is cancelled with its reason."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forms_registry.numbering import allocate_number

from ..constants import PAID_SERVICE_SERIES
from ..exceptions import PaidServiceRefused
from ..models import PriceList, PriceListItem, Reader, RenderedService
from ..models.paid import PriceListStatus


@transaction.atomic
def price_list_approve(*, price_list: PriceList, by, at: dt.datetime | None = None) -> PriceList:
    """The director approves a draft price list; from its date it replaces the list in force before it."""
    price_list = PriceList.objects.select_for_update().get(pk=price_list.pk)
    if price_list.is_approved:
        raise PaidServiceRefused(_("The price list is already approved."))
    if not price_list.items.exists():
        raise PaidServiceRefused(_("A price list without services cannot be approved."))
    price_list.status = PriceListStatus.APPROVED
    price_list.approved_by = by
    price_list.approved_at = at or timezone.now()
    price_list.save(update_fields=["status", "approved_by", "approved_at"])
    return price_list


@transaction.atomic
def paid_service_record(*, reader: Reader, service: PriceListItem, quantity: int, by,
                        at: dt.datetime | None = None) -> RenderedService:
    """The reader paid at the desk for `quantity` units of a service of the price list in force today: the row of
    the register takes the list's price and the year's next receipt number."""
    at = at or timezone.now()
    day = timezone.localdate(at)
    in_force = PriceList.objects.in_force(day)
    if in_force is None:
        raise PaidServiceRefused(_("No approved price list is in force: the director approves one first."))
    if service.price_list_id != in_force.pk:
        raise PaidServiceRefused(_("This service is not on the price list in force (%(list)s).")
                                 % {"list": in_force})
    if quantity is None or quantity < 1:
        raise PaidServiceRefused(_("The quantity must be a whole number of at least 1."))
    return RenderedService.objects.create(
        year=day.year, number=allocate_number(PAID_SERVICE_SERIES, day.year), rendered_on=day, reader=reader,
        service=service, quantity=quantity, unit_price=service.price, amount=service.price * quantity,
        received_at=at, received_by=by,
    )


@transaction.atomic
def paid_service_cancel(*, rendered: RenderedService, by, reason: str,
                        at: dt.datetime | None = None) -> RenderedService:
    """Cancel a row entered by mistake (the money is given back): it keeps its number, leaves the totals."""
    reason = (reason or "").strip()
    if not reason:
        raise PaidServiceRefused(_("Say why the service is cancelled."))
    rendered = RenderedService.objects.select_for_update().get(pk=rendered.pk)
    if rendered.is_cancelled:
        raise PaidServiceRefused(_("Receipt № %(number)s is already cancelled.") % {"number": rendered.receipt_number})
    rendered.cancelled_at = at or timezone.now()
    rendered.cancelled_by = by
    rendered.cancel_reason = reason[:255]
    rendered.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    return rendered
