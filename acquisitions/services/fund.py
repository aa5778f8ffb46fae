"""Receipt of documents into the fund: summary book part 1, inventory book, non-inventory cards (5.2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from forms_registry.numbering import allocate_number

from ..classification import classify
from ..constants import (
    ACCEPTANCE_ACT_SERIES,
    GIFT_ACT_SERIES,
    NON_INVENTORY_CARD_SERIES,
    SUMMARY_BOOK_RECEIPT_SERIES,
    Accounting,
    ReceiptSource,
)
from ..exceptions import AcquisitionsError
from ..models import CardCopy, CardMovement, InventoryEntry, NonInventoryCard, Receipt, ReceiptLine
from ..numbering import allocate_inventory_numbers
from .requests import order_line_receive


@dataclass(frozen=True)
class ReceiptLineInput:
    """A title of a batch as the librarian enters it."""

    record: object
    copies: int
    price: Decimal = Decimal(0)
    accounting: str = Accounting.INVENTORY
    order_line: object = None
    discipline: str = ""


def _card_for(record, *, opened_on: dt.date, discipline: str) -> NonInventoryCard:
    card = NonInventoryCard.objects.select_for_update().filter(record=record).first()
    if card is None:
        card = NonInventoryCard(record=record, opened_on=opened_on, discipline=discipline)
        card.number = allocate_number(NON_INVENTORY_CARD_SERIES, 0)
        card.save()
    return card


@transaction.atomic
def receipt_create(
    *,
    received_on: dt.date,
    source: str,
    lines: list[ReceiptLineInput],
    user,
    supplier=None,
    contract=None,
    invoice=None,
    donor: str = "",
    document: str = "",
    commission: str = "",
    department=None,
) -> Receipt:
    """Enter a batch: a numbered line of the summary book (part 1) with its act of acceptance (607-16) or gift
    act (607-19); every copy gets an item, and either its own inventory number (607-13) or a place on the
    title's non-inventory card (607-14). Ordered lines are marked received in part or in full."""
    from cataloguing import services as catalogue

    if source not in ReceiptSource.values:
        raise AcquisitionsError(_("Unknown source of receipt."))
    if not lines or any(line.copies < 1 for line in lines):
        raise AcquisitionsError(_("A receipt needs lines with at least one copy each."))
    if source == ReceiptSource.PURCHASE and contract is None:
        raise AcquisitionsError(_("A purchase is received against a contract."))
    if source == ReceiptSource.GIFT and not donor.strip():
        raise AcquisitionsError(_("Name the donor of the gift."))
    if invoice is not None and contract is not None and invoice.contract_id != contract.pk:
        raise AcquisitionsError(_("The invoice belongs to another contract."))
    receipt = Receipt(
        year=received_on.year, received_on=received_on, source=source, supplier=supplier or (
            contract.supplier if contract else None), contract=contract, invoice=invoice, donor=donor.strip(),
        document=document.strip(), commission=commission, department=department, created_by=user,
    )
    receipt.number = allocate_number(SUMMARY_BOOK_RECEIPT_SERIES, receipt.year)
    series = GIFT_ACT_SERIES if source == ReceiptSource.GIFT else ACCEPTANCE_ACT_SERIES
    receipt.act_number = allocate_number(series, receipt.year)
    receipt.full_clean()
    receipt.save()
    loan_category = {"textbook": "textbook"}
    for data in lines:
        line = ReceiptLine(receipt=receipt, record=data.record, order_line=data.order_line, copies=data.copies,
                           price=data.price, accounting=data.accounting, **classify(data.record))
        item_kwargs = {
            "record": data.record, "price": data.price, "received_on": received_on, "receipt_source": source,
            "department": department, "user": user,
        }
        category = loan_category.get(line.document_kind)
        if category:
            item_kwargs["loan_category"] = category
        if data.accounting == Accounting.CARD:
            card = _card_for(data.record, opened_on=received_on, discipline=data.discipline)
            line.card = card
            line.save()
            CardMovement.objects.create(card=card, moved_on=received_on, receipt_line=line, received=data.copies,
                                        price=data.price)
            first = card.issued_copies + 1
            card.issued_copies += data.copies
            card.save(update_fields=["issued_copies"])
            copies = []
            for index in range(first, first + data.copies):
                item = catalogue.item_create(inventory_number=f"Б{card.number}-{index}", **item_kwargs)
                copies.append(CardCopy(card=card, item=item, receipt_line=line))
            CardCopy.objects.bulk_create(copies)
        else:
            line.save()
            entries = []
            for number in allocate_inventory_numbers(data.copies):
                item = catalogue.item_create(inventory_number=str(number), **item_kwargs)
                entries.append(InventoryEntry(number=number, item=item, receipt_line=line, entered_on=received_on,
                                              price=data.price))
            InventoryEntry.objects.bulk_create(entries, batch_size=1000)
        if data.order_line is not None:
            order_line_receive(order_line=data.order_line, copies=data.copies, user=user)
    return receipt
