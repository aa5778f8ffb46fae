"""Acts on the fund: defects (607-20), stocktaking (607-21), write-off (607-22/23)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cataloguing.constants import ItemStatus
from forms_registry.numbering import allocate_number

from ..classification import classify
from ..constants import DEFECT_ACT_SERIES, STOCKTAKING_ACT_SERIES, WRITE_OFF_ACT_SERIES, WriteOffReason
from ..exceptions import AcquisitionsError
from ..models import (
    CardMovement,
    DefectAct,
    DefectLine,
    InventoryEntry,
    StocktakingExpected,
    StocktakingScan,
    StocktakingSession,
    StocktakingStatus,
    WriteOffAct,
    WriteOffActStatus,
    WriteOffLine,
)

GONE = (ItemStatus.WRITTEN_OFF,)


def card_balance(card) -> int:
    """Copies a non-inventory card holds now: received minus withdrawn by approved acts."""
    return card_balances([card.pk])[card.pk]


def card_balances(card_ids: Iterable[int]) -> dict[int, int]:
    """`card_balance` of many cards in one query: each card's id → the copies it holds."""
    from django.db.models import Sum

    balances = dict.fromkeys(card_ids, 0)
    for totals in (CardMovement.objects.filter(card_id__in=list(balances)).values("card_id")
                   .annotate(received=Sum("received"), withdrawn=Sum("withdrawn")).order_by()):
        balances[totals["card_id"]] = (totals["received"] or 0) - (totals["withdrawn"] or 0)
    return balances


@transaction.atomic
def write_off_act_create(
    *, reason: str, drawn_on: dt.date, user, items: Iterable = (), cards: Iterable[tuple] = (),
    commission: str = "", protocol: str = "", fate: str = "",
) -> WriteOffAct:
    """Draw up a numbered write-off act for one reason with its list; nothing leaves the fund until approval."""
    from cataloguing.models import Item

    if reason not in WriteOffReason.values:
        raise AcquisitionsError(_("Choose one reason for the act."))
    items = list(Item.objects.select_for_update().filter(pk__in=[item.pk for item in items]).select_related("record"))
    cards = list(cards)
    if not items and not cards:
        raise AcquisitionsError(_("The act lists no items."))
    for item in items:
        if item.status in GONE:
            raise AcquisitionsError(_("Item %(number)s is already written off.") % {"number": item.inventory_number})
    pending = WriteOffLine.objects.filter(item__in=items, act__status=WriteOffActStatus.DRAFT)
    if pending.exists():
        raise AcquisitionsError(_("Item %(number)s is already listed in another act awaiting approval.")
                                % {"number": pending.first().item.inventory_number})
    act = WriteOffAct(year=drawn_on.year, drawn_on=drawn_on, reason=reason, commission=commission,
                      protocol=protocol, fate=fate, created_by=user)
    act.number = allocate_number(WRITE_OFF_ACT_SERIES, act.year)
    act.save()
    lines = [WriteOffLine(act=act, item=item, copies=1, price=item.price or 0, **classify(item.record))
             for item in items]
    for card, copies in cards:
        if copies < 1 or copies > card_balance(card):
            raise AcquisitionsError(_("Card № %(number)s holds fewer copies than listed.") % {"number": card.number})
        lines.append(WriteOffLine(act=act, card=card, copies=copies, price=_card_price(card), **classify(card.record)))
    WriteOffLine.objects.bulk_create(lines)
    return act


def _card_price(card):
    movement = card.movements.filter(received__gt=0).order_by("-moved_on", "-id").first()
    return movement.price if movement else 0


@transaction.atomic
def write_off_act_approve(*, act: WriteOffAct, user, approved_on: dt.date | None = None) -> WriteOffAct:
    """Approve the act: the listed copies leave the fund (status written off), the inventory book shows the act,
    cards record the withdrawal, part 2 of the summary book counts it from the approval date, and the records
    left without a copy in the fund are withdrawn from the catalogue."""
    from cataloguing import services as catalogue
    from cataloguing.models import Item

    act = WriteOffAct.objects.select_for_update().get(pk=act.pk)
    if act.is_approved:
        raise AcquisitionsError(_("The act is already approved."))
    approved_on = approved_on or timezone.localdate()
    if approved_on < act.drawn_on:
        raise AcquisitionsError(_("An act cannot be approved before it is drawn up."))
    # Set-based: the listed copies locked and checked together, each table written once.
    lines = list(act.lines.select_related("card"))
    item_ids = [line.item_id for line in lines if line.item_id]
    leaving = list(Item.objects.select_for_update().filter(pk__in=item_ids).order_by("pk"))
    for item in leaving:
        if item.status in GONE:
            raise AcquisitionsError(_("Item %(number)s is already written off.") % {"number": item.inventory_number})
    InventoryEntry.objects.filter(item_id__in=item_ids).update(write_off_act=act)
    card_lines = [line for line in lines if line.card_id]
    balances = card_balances({line.card_id for line in card_lines})
    # The copies that physically leave a card: those on the shelf first, never one out on loan.
    on_cards: dict[int, list] = {}
    # A line handed over from the desk or a weeding list names its card copy (`item`): that copy leaves, none is
    # picked for it.
    for item in (Item.objects.select_for_update(of=("self",))
                 .filter(card_copy__card_id__in=balances).exclude(status__in=(*GONE, ItemStatus.ON_LOAN))
                 .exclude(pk__in=item_ids)
                 .annotate(card_id=F("card_copy__card_id")).order_by("status", "pk")):
        on_cards.setdefault(item.card_id, []).append(item)
    movements = []
    for line in card_lines:
        if line.copies > balances[line.card_id]:
            raise AcquisitionsError(_("Card № %(number)s holds fewer copies than listed.")
                                    % {"number": line.card.number})
        balances[line.card_id] -= line.copies
        movements.append(CardMovement(card=line.card, moved_on=approved_on, write_off_act=act, withdrawn=line.copies,
                                      price=line.price))
        if line.item_id:
            continue
        copies = on_cards.get(line.card_id, [])
        leaving += copies[: line.copies]
        del copies[: line.copies]
    CardMovement.objects.bulk_create(movements)
    by_status: dict[str, list[int]] = {}
    for item in leaving:
        by_status.setdefault(item.status, []).append(item.pk)
    for status, ids in by_status.items():  # one UPDATE per status the copies had (a handful at most)
        catalogue.items_change_status(item_ids=ids, from_status=status, to_status=ItemStatus.WRITTEN_OFF)
    # QP 607 §5.3: a record whose last copy left with this act leaves the catalogue (one query for them all).
    catalogue.records_withdrawal_sync(record_ids={item.record_id for item in leaving})
    act.status = WriteOffActStatus.APPROVED
    act.approved_by = user
    act.approved_on = approved_on
    act.save(update_fields=["status", "approved_by", "approved_on"])
    return act


@transaction.atomic
def defect_act_create(*, kind: str, drawn_on: dt.date, lines: list[dict], user, supplier=None, invoice=None,
                      commission: str = "", conclusion: str = "") -> DefectAct:
    """A numbered act on defects (607-20) with its lines (dicts of DefectLine fields)."""
    if not lines:
        raise AcquisitionsError(_("The act lists no items."))
    act = DefectAct(year=drawn_on.year, kind=kind, drawn_on=drawn_on, supplier=supplier, invoice=invoice,
                    commission=commission, conclusion=conclusion, created_by=user)
    act.number = allocate_number(DEFECT_ACT_SERIES, act.year)
    act.full_clean()
    act.save()
    DefectLine.objects.bulk_create([DefectLine(act=act, **line) for line in lines])
    return act


@transaction.atomic
def stocktaking_start(*, user, department=None, database=None, basis: str = "",
                      commission: str = "") -> StocktakingSession:
    """Open a fund inspection over a part of the fund; the expected list is frozen now."""
    from cataloguing.models import Item

    today = timezone.localdate()
    session = StocktakingSession(year=today.year, department=department, database=database, basis=basis,
                                 commission=commission, started_by=user)
    session.number = allocate_number(STOCKTAKING_ACT_SERIES, session.year)
    session.save()
    items = Item.objects.exclude(status__in=GONE)
    if department is not None:
        items = items.filter(department=department)
    if database is not None:
        items = items.filter(database=database)
    batch = []
    for item_id, status in items.values_list("pk", "status").iterator(chunk_size=5000):
        batch.append(StocktakingExpected(session=session, item_id=item_id, status_at_start=status))
        if len(batch) >= 5000:
            StocktakingExpected.objects.bulk_create(batch)
            batch = []
    StocktakingExpected.objects.bulk_create(batch)
    return session


@transaction.atomic
def stocktaking_scan(*, session: StocktakingSession, barcodes: Iterable[str]) -> int:
    """Record scanned barcodes (a scanner's input or a file); a barcode read twice counts once. Returns new reads."""
    from cataloguing.models import Item

    session = StocktakingSession.objects.select_for_update().get(pk=session.pk)
    if not session.is_open:
        raise AcquisitionsError(_("The inspection is closed."))
    codes = list(dict.fromkeys(code.strip() for code in barcodes if code and code.strip()))
    known = set(StocktakingScan.objects.filter(session=session, barcode__in=codes).values_list("barcode", flat=True))
    new = [code for code in codes if code not in known]
    items = dict(Item.objects.filter(barcode__in=new).values_list("barcode", "pk"))
    StocktakingScan.objects.bulk_create(
        [StocktakingScan(session=session, barcode=code, item_id=items.get(code)) for code in new], batch_size=2000
    )
    return len(new)


@transaction.atomic
def stocktaking_close(*, session: StocktakingSession, user) -> StocktakingSession:
    """Close the inspection; its act (607-21) reports what the scans found."""
    session = StocktakingSession.objects.select_for_update().get(pk=session.pk)
    if not session.is_open:
        raise AcquisitionsError(_("The inspection is closed."))
    session.status = StocktakingStatus.CLOSED
    session.closed_at = timezone.now()
    session.save(update_fields=["status", "closed_at"])
    return session
