"""The fund's hand-offs without retyping (issue 17.5): a copy lost by a reader (the desk, 607-43/44) and a confirmed
weeding list (storage) become a draft write-off act (607-22) with its list (607-23), the inventory numbers, reasons
and receipt prices filled in. Nothing leaves the fund here: the acquisitions librarian checks the draft and the
director approves it through `write_off_act_approve`, as any act.

Both are idempotent: a repeated hand-off finds the act and lines it made and adds nothing. Circulation, above
acquisitions in the apps' order, calls `write_off_handoff_loss` by import; storage, below it, announces a confirmed
list with `storage.signals.weeding_list_confirmed`, which `acquisitions.receivers` turns into
`write_off_handoff_weeding`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cataloguing.models import Item
from forms_registry.numbering import allocate_number
from storage.constants import CandidateDecision, WeedingListStatus, WeedingRule
from storage.models import WeedingList

from ..classification import classify
from ..constants import WRITE_OFF_ACT_SERIES, WriteOffReason
from ..models import CardCopy, InventoryEntry, WriteOffAct, WriteOffActStatus, WriteOffLine, WriteOffSource
from .acts import GONE

# The act's one reason for each weeding rule (QP 607 §5.2, the reasons of part 2 of the summary book).
REASON_OF_WEEDING_RULE: dict[str, str] = {
    WeedingRule.WORN: WriteOffReason.WORN,
    WeedingRule.OUTDATED: WriteOffReason.OBSOLETE,
    WeedingRule.SURPLUS: WriteOffReason.DUPLICATE,
    WeedingRule.NO_LOANS: WriteOffReason.NON_CORE,
}


@transaction.atomic
def write_off_handoff_loss(*, item: Item, lost_item_id: int, user=None,
                           on: dt.date | None = None) -> WriteOffAct | None:
    """A copy a reader lost (607-44) goes on the desk's draft act for reason "lost": the open one, or a new one
    drawn up by `user`. A loss already on an act (draft or approved) is left there and its act returned; a loss
    recorded by no one (a data fix) opens no act, as an act names who drew it up."""
    listed = (WriteOffLine.objects.filter(Q(lost_item_id=lost_item_id) | Q(item_id=item.pk))
              .select_related("act").order_by("-act_id").first())
    if listed is not None:
        return listed.act
    act = (WriteOffAct.objects.select_for_update()
           .filter(source=WriteOffSource.DESK_LOSS, reason=WriteOffReason.LOST, status=WriteOffActStatus.DRAFT)
           .order_by("-pk").first())
    if act is None:
        if user is None:
            return None
        act = _act_create(source=WriteOffSource.DESK_LOSS, reason=WriteOffReason.LOST, user=user, on=on)
    _lines_create(act, Item.objects.filter(pk=item.pk), lost_item_id=lost_item_id)
    return act


@transaction.atomic
def write_off_handoff_weeding(*, weeding_list: WeedingList, user=None, on: dt.date | None = None) -> WriteOffAct | None:
    """A confirmed weeding list becomes a draft act for the reason of its rule, listing the copies decided "write
    off" (those already written off or on another act are left out). One act per list: a repeated hand-off returns
    it. None when the list is not confirmed or leaves no copy to write off."""
    existing = WriteOffAct.objects.filter(weeding_list=weeding_list).first()
    if existing is not None or weeding_list.status != WeedingListStatus.CONFIRMED:
        return existing
    items = Item.objects.filter(
        pk__in=weeding_list.candidates.filter(decision=CandidateDecision.WRITE_OFF).values("item_id"))
    items = items.exclude(status__in=GONE).exclude(
        pk__in=WriteOffLine.objects.filter(item__isnull=False).values("item_id"))
    if not items.exists():
        return None
    drawn_by = user or weeding_list.confirmed_by
    if drawn_by is None:
        return None
    act = _act_create(source=WriteOffSource.WEEDING, reason=REASON_OF_WEEDING_RULE[weeding_list.rule], user=drawn_by,
                      on=on, weeding_list=weeding_list)
    _lines_create(act, items)
    return act


def _act_create(*, source: str, reason: str, user, on: dt.date | None,
                weeding_list: WeedingList | None = None) -> WriteOffAct:
    drawn_on = on or timezone.localdate()
    act = WriteOffAct(year=drawn_on.year, drawn_on=drawn_on, reason=reason, source=source, created_by=user,
                      weeding_list=weeding_list)
    act.number = allocate_number(WRITE_OFF_ACT_SERIES, act.year)
    act.save()
    return act


def _lines_create(act: WriteOffAct, items, *, lost_item_id: int | None = None) -> None:
    """The act's lines for these copies, set-based: an inventoried copy on a line of its own, a copy of a
    non-inventory card on a line of its card naming it; each at the price it was received at."""
    copies = list(items.select_for_update(of=("self",)).select_related("record").order_by("inventory_number"))
    ids = [item.pk for item in copies]
    entries = dict(InventoryEntry.objects.filter(item_id__in=ids).values_list("item_id", "price"))
    on_cards = {copy.item_id: copy for copy in CardCopy.objects.filter(item_id__in=ids).select_related(
        "card", "receipt_line")}
    lines = []
    for item in copies:
        card_copy = on_cards.get(item.pk)
        price = entries.get(item.pk)
        if price is None and card_copy is not None:
            price = card_copy.receipt_line.price
        if price is None:
            price = item.price or Decimal(0)
        lines.append(WriteOffLine(act=act, item=item, card=card_copy.card if card_copy else None, copies=1,
                                  price=price, lost_item_id=lost_item_id, **classify(item.record)))
    WriteOffLine.objects.bulk_create(lines)
