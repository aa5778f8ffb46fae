"""Receipt: items with inventory numbers (607-13) or on a card (607-14), summary-book line (607-12)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from acquisitions import services
from acquisitions.constants import LineStatus, RequestKind
from acquisitions.exceptions import AcquisitionsError
from acquisitions.models import InventoryEntry, NonInventoryCard, Receipt
from cataloguing.models import Item

from .factories import catalogue_record, contract, purchase_request, receive

pytestmark = pytest.mark.django_db


def test_receipt_gives_every_copy_its_own_consecutive_inventory_number(acquisitions_librarian):
    record = catalogue_record()
    receipt = receive(acquisitions_librarian, (record, 3, "4500.00", "inventory"))
    numbers = list(InventoryEntry.objects.order_by("number").values_list("number", flat=True))
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]
    items = Item.objects.filter(record=record)
    assert sorted(int(i.inventory_number) for i in items) == numbers
    assert {i.receipt_source for i in items} == {"purchase"}
    assert (receipt.number, receipt.act_number, receipt.year) == (1, 1, 2026)


def test_inventory_numbers_continue_after_the_legacy_fund(acquisitions_librarian):
    from cataloguing.services import item_create

    record = catalogue_record()
    item_create(record=record, inventory_number="500123")
    receive(acquisitions_librarian, (record, 1, "100", "inventory"))
    assert InventoryEntry.objects.get().number == 500124


def test_summary_book_entries_restart_each_year(acquisitions_librarian):
    record = catalogue_record()
    receive(acquisitions_librarian, (record, 1, "100", "inventory"), on=dt.date(2025, 12, 30))
    receive(acquisitions_librarian, (record, 1, "100", "inventory"), on=dt.date(2026, 1, 5))
    assert list(Receipt.objects.order_by("received_on").values_list("year", "number")) == [(2025, 1), (2026, 1)]


def test_multi_copy_textbook_goes_on_one_non_inventory_card(acquisitions_librarian):
    textbook = catalogue_record("Физика оқулығы", document_type="textbook")
    receive(acquisitions_librarian, (textbook, 20, "3000", "card"))
    receive(acquisitions_librarian, (textbook, 5, "3100", "card"))
    card = NonInventoryCard.objects.get()
    assert services.card_balance(card) == 25
    assert InventoryEntry.objects.count() == 0
    assert Item.objects.filter(record=textbook, loan_category="textbook").count() == 25


def test_gift_needs_a_donor_and_gets_a_gift_act_number(acquisitions_librarian):
    record = catalogue_record()
    with pytest.raises(AcquisitionsError):
        receive(acquisitions_librarian, (record, 1, "0", "inventory"), source="gift")
    gift = receive(acquisitions_librarian, (record, 2, "2000", "inventory"), source="gift", donor="Профессор Ә. Беков")
    purchase = receive(acquisitions_librarian, (record, 1, "2000", "inventory"))
    assert (gift.act_number, purchase.act_number) == (1, 1)  # separate series 607-19 and 607-16
    assert gift.act_form_code == "607-19"


def test_gift_records_how_the_commission_valued_it(acquisitions_librarian):
    from acquisitions.constants import ValuationBasis

    record = catalogue_record()
    with pytest.raises(AcquisitionsError):
        receive(acquisitions_librarian, (record, 1, "1500", "inventory"), source="gift", donor="Беков Ә.",
                valuation_basis="")
    gift = receive(acquisitions_librarian, (record, 1, "1500", "inventory"), source="gift", donor="Беков Ә.",
                   valuation_basis=ValuationBasis.EXPERT)
    purchase = receive(acquisitions_librarian, (record, 1, "1500", "inventory"), valuation_basis=ValuationBasis.EXPERT)
    assert (gift.valuation_basis, purchase.valuation_basis) == (ValuationBasis.EXPERT, "")


def test_purchase_is_received_against_a_contract(acquisitions_librarian):
    from acquisitions.services import ReceiptLineInput, receipt_create

    with pytest.raises(AcquisitionsError):
        receipt_create(received_on=dt.date(2026, 3, 1), source="purchase", user=acquisitions_librarian,
                       lines=[ReceiptLineInput(record=catalogue_record(), copies=1)])


def test_receipt_against_an_order_line_advances_the_department_line(
    department_head, acquisitions_librarian, vice_rector
):
    from acquisitions.services import ReceiptLineInput, receipt_create

    request = purchase_request(head=department_head)
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    services.order_agree(order=order, user=vice_rector)
    services.order_send_to_procurement(order=order, user=acquisitions_librarian)
    order_line = order.lines.get()
    services.order_line_mark_ordered(order_line=order_line, user=acquisitions_librarian)
    receipt_create(received_on=dt.date(2026, 4, 1), source="purchase", user=acquisitions_librarian,
                   contract=contract(), lines=[ReceiptLineInput(record=catalogue_record(), copies=10,
                                                                order_line=order_line)])
    assert request.lines.get().status == LineStatus.RECEIVED


def test_rolled_back_receipt_gives_its_numbers_back(acquisitions_librarian):
    from django.db import transaction

    record = catalogue_record()
    receive(acquisitions_librarian, (record, 2, "100", "inventory"))
    def receive_then_fail():
        with transaction.atomic():
            receive(acquisitions_librarian, (record, 5, "100", "inventory"))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        receive_then_fail()
    receive(acquisitions_librarian, (record, 1, "100", "inventory"))
    numbers = list(InventoryEntry.objects.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + 3))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keep the seeded rows for later tests
def test_concurrent_receipts_number_copies_without_gaps_or_reuse(acquisitions_librarian):
    records = [catalogue_record(f"Кітап {n}") for n in range(6)]
    errors = []

    def work(record):
        try:
            receive(acquisitions_librarian, (record, 7, "100", "inventory"))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(record,)) for record in records]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(InventoryEntry.objects.values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + 42))
    for record in records:  # each batch got one consecutive block
        batch = sorted(InventoryEntry.objects.filter(item__record=record).values_list("number", flat=True))
        assert batch == list(range(batch[0], batch[0] + 7))
    assert sorted(Receipt.objects.values_list("number", flat=True)) == list(range(1, 7))
