"""Lost books (607-43, 607-44): a loan declared lost, and the replacement copy accepted in its place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acquisitions.services import write_off_handoff_loss
from cataloguing.constants import ItemStatus
from cataloguing.models import BibliographicRecord, Item
from forms_registry.numbering import allocate_number

from ..constants import REPLACEMENT_ACT_SERIES, LossStatus
from ..exceptions import ReturnRefused
from ..models import Loan, LostItem
from .items import _item_create_replacement, _item_set_status


@transaction.atomic
def loan_declare_lost(*, loan: Loan, by=None, at: dt.datetime | None = None) -> LostItem:
    """The reader reports the copy lost: the loan closes as lost, the copy goes to status "lost" and onto the draft
    write-off act acquisitions keeps for the desk's losses (607-22, issue 17.5: its inventory number and receipt price
    filled in, no retyping), and the loss is the reader's debt until an equivalent copy is accepted."""
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
    loss = LostItem.objects.create(loan=loan, reader_id=loan.reader_id, item=item, declared_at=at, declared_by=by)
    write_off_handoff_loss(item=item, lost_item_id=loss.pk, user=by, on=timezone.localdate(at))
    return loss


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
