"""Receipt of documents into the fund: summary book part 1, inventory book, non-inventory cards (5.2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from cataloguing.constants import LoanCategory
from cataloguing.exceptions import ItemError
from cataloguing.models import Item
from forms_registry.numbering import allocate_number, allocate_numbers

from ..classification import classify
from ..constants import (
    ACCEPTANCE_ACT_SERIES,
    GIFT_ACT_SERIES,
    NON_INVENTORY_CARD_SERIES,
    SUMMARY_BOOK_RECEIPT_SERIES,
    Accounting,
    DocumentKind,
    ReceiptSource,
    ValuationBasis,
)
from ..exceptions import AcquisitionsError
from ..models import CardCopy, CardMovement, InventoryEntry, NonInventoryCard, Receipt, ReceiptLine
from ..numbering import allocate_inventory_numbers
from .requests import RECEIVABLE, order_lines_receive

# The loan category a copy gets from its line's type of document (a textbook is lent as one).
LOAN_CATEGORY_OF_KIND = {DocumentKind.TEXTBOOK: LoanCategory.TEXTBOOK}


@dataclass(frozen=True)
class ReceiptLineInput:
    """A title of a batch as the librarian enters it."""

    record: object
    copies: int
    price: Decimal = Decimal(0)
    accounting: str = Accounting.INVENTORY
    order_line: object = None
    discipline: str = ""


def _cards_for(card_lines: list[ReceiptLineInput], *, opened_on: dt.date) -> dict[int, NonInventoryCard]:
    """The non-inventory card of each title received on a card (one card per title for ever), locked: the titles'
    cards in one query, a numbered card opened for each title that has none."""
    records: dict[int, ReceiptLineInput] = {}
    for line in card_lines:
        records.setdefault(line.record.pk, line)  # the first line of a title opens its card
    cards = {card.record_id: card for card in NonInventoryCard.objects.select_for_update().filter(record__in=records)}
    opening = [line for record_id, line in records.items() if record_id not in cards]
    if opening:
        numbers = allocate_numbers(NON_INVENTORY_CARD_SERIES, 0, len(opening))
        opened = NonInventoryCard.objects.bulk_create([
            NonInventoryCard(record=line.record, opened_on=opened_on, discipline=line.discipline, number=number)
            for line, number in zip(opening, numbers, strict=True)])
        cards.update({card.record_id: card for card in opened})
    return cards


def _line_problems(number: int, data: ReceiptLineInput) -> list[str]:
    """Why a line of the batch cannot be entered (empty when it can), each reason naming the line's number: the
    rules of a receipt line checked in Python, before anything is written."""
    reasons = []
    if data.record is None:
        reasons.append(_("No title is chosen."))
    if data.copies < 1:
        reasons.append(_("A line needs at least one copy."))
    if data.price is None or data.price < 0:
        reasons.append(_("The price cannot be negative."))
    if data.accounting not in Accounting.values:
        reasons.append(_("Unknown accounting."))
    if data.order_line is not None and data.order_line.status not in RECEIVABLE:
        reasons.append(_("Its order line has not been ordered."))
    return [_("Line %(number)s: %(reason)s") % {"number": number, "reason": reason} for reason in reasons]


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
    valuation_basis: str = "",
    department=None,
) -> Receipt:
    """Enter a batch: a numbered line of the summary book (part 1) with its act of acceptance (607-16) or gift
    act (607-19); every copy gets an item, and either its own inventory number (607-13) or a place on the
    title's non-inventory card (607-14). Ordered lines are marked received in part or in full."""
    from cataloguing import services as catalogue

    if source not in ReceiptSource.values:
        raise AcquisitionsError(_("Unknown source of receipt."))
    if not lines:
        raise AcquisitionsError(_("A receipt needs lines with at least one copy each."))
    problems = [problem for number, data in enumerate(lines, start=1) for problem in _line_problems(number, data)]
    if problems:
        raise AcquisitionsError(" ".join(problems))
    if source == ReceiptSource.PURCHASE and contract is None:
        raise AcquisitionsError(_("A purchase is received against a contract."))
    if source == ReceiptSource.GIFT and not donor.strip():
        raise AcquisitionsError(_("Name the donor of the gift."))
    if source == ReceiptSource.GIFT and valuation_basis not in ValuationBasis.values:
        raise AcquisitionsError(_("Say how the commission valued the gift."))
    if source != ReceiptSource.GIFT:
        valuation_basis = ""
    if invoice is not None and contract is not None and invoice.contract_id != contract.pk:
        raise AcquisitionsError(_("The invoice belongs to another contract."))
    receipt = Receipt(
        year=received_on.year, received_on=received_on, source=source, supplier=supplier or (
            contract.supplier if contract else None), contract=contract, invoice=invoice, donor=donor.strip(),
        document=document.strip(), commission=commission, valuation_basis=valuation_basis, department=department,
        created_by=user,
    )
    receipt.number = allocate_number(SUMMARY_BOOK_RECEIPT_SERIES, receipt.year)
    series = GIFT_ACT_SERIES if source == ReceiptSource.GIFT else ACCEPTANCE_ACT_SERIES
    receipt.act_number = allocate_number(series, receipt.year)
    receipt.full_clean()
    receipt.save()
    # Set-based from here: each table written once for the whole batch, whatever its number of lines and copies.
    cards = _cards_for([data for data in lines if data.accounting == Accounting.CARD], opened_on=received_on)
    rows = [ReceiptLine(receipt=receipt, record=data.record, order_line=data.order_line, copies=data.copies,
                        price=data.price, accounting=data.accounting, card=cards.get(data.record.pk)
                        if data.accounting == Accounting.CARD else None, **classify(data.record))
            for data in lines]
    ReceiptLine.objects.bulk_create(rows)
    inventory_copies = sum(data.copies for data in lines if data.accounting != Accounting.CARD)
    inventory_numbers = iter(allocate_inventory_numbers(inventory_copies) if inventory_copies else ())
    copies: list[tuple[ReceiptLine, Item, int | None]] = []  # (line, its new copy, its inventory number)
    movements = []
    for row, data in zip(rows, lines, strict=True):
        def copy(inventory_number: str, row=row, data=data) -> Item:
            # QP 607 §5.2: every copy received is stamped with the library stamp at receipt.
            return Item(record=data.record, inventory_number=inventory_number, price=data.price,
                        received_on=received_on, receipt_source=source, department=department,
                        stamped=True, stamped_on=received_on,
                        loan_category=LOAN_CATEGORY_OF_KIND.get(row.document_kind, LoanCategory.REGULAR))
        if row.card is not None:
            movements.append(CardMovement(card=row.card, moved_on=received_on, receipt_line=row,
                                          received=data.copies, price=data.price))
            first = row.card.issued_copies + 1
            row.card.issued_copies += data.copies
            copies += [(row, copy(f"Б{row.card.number}-{index}"), None) for index in range(first, first + data.copies)]
        else:
            numbers = [next(inventory_numbers) for _ in range(data.copies)]
            copies += [(row, copy(str(number)), number) for number in numbers]
    try:
        catalogue.items_create(items=[item for _, item, _ in copies])
    except ItemError as error:  # a number a copy of the legacy fund already carries: the whole batch is refused
        raise AcquisitionsError(str(error)) from error
    CardMovement.objects.bulk_create(movements)
    NonInventoryCard.objects.bulk_update(cards.values(), ["issued_copies"])
    CardCopy.objects.bulk_create([CardCopy(card=row.card, item=item, receipt_line=row)
                                  for row, item, number in copies if number is None])
    InventoryEntry.objects.bulk_create([
        InventoryEntry(number=number, item=item, receipt_line=row, entered_on=received_on, price=row.price)
        for row, item, number in copies if number is not None], batch_size=1000)
    received = [(data.order_line, data.copies) for data in lines if data.order_line is not None]
    if received:
        order_lines_receive(received=received, user=user)
    return receipt
