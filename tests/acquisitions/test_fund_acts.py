"""Write-off (607-22/23), stocktaking (607-21) and the summary book's reconciliation (607-12)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db.models import Q, Sum

from acquisitions import selectors, services
from acquisitions.exceptions import AcquisitionsError
from acquisitions.models import CardMovement, InventoryEntry, NonInventoryCard, WriteOffAct
from cataloguing.models import Item
from cataloguing.services import item_change_status

from .factories import catalogue_record, receive

pytestmark = pytest.mark.django_db


def fund_by_individual_accounting(on: dt.date) -> int:
    """Copies standing on a date by the inventory book and the non-inventory cards: the summary book's totals
    are reconciled against this count, made independently of them."""
    inventory = InventoryEntry.objects.filter(entered_on__lte=on).filter(
        Q(write_off_act__isnull=True) | Q(write_off_act__approved_on__gt=on) | Q(write_off_act__approved_on=None)
    ).count()
    cards = CardMovement.objects.filter(moved_on__lte=on).aggregate(r=Sum("received"), w=Sum("withdrawn"))
    return inventory + (cards["r"] or 0) - (cards["w"] or 0)


@pytest.fixture
def fund(acquisitions_librarian):
    book = catalogue_record("Механика", udc="531", language="rus")
    textbook = catalogue_record("Химия", udc="54", document_type="textbook")
    receive(acquisitions_librarian, (book, 4, "5000", "inventory"), (textbook, 10, "2000", "card"))
    return book, textbook


def test_write_off_takes_effect_only_when_approved(fund, acquisitions_librarian, director):
    book, _textbook = fund
    items = list(Item.objects.filter(record=book).order_by("inventory_number")[:2])
    act = services.write_off_act_create(reason="worn", drawn_on=dt.date(2026, 5, 1), items=items,
                                        user=acquisitions_librarian)
    assert set(Item.objects.filter(pk__in=[i.pk for i in items]).values_list("status", flat=True)) == {"processing"}
    assert selectors.withdrawn_lines().count() == 0
    services.write_off_act_approve(act=act, user=director, approved_on=dt.date(2026, 5, 3))
    assert set(Item.objects.filter(pk__in=[i.pk for i in items]).values_list("status", flat=True)) == {"written_off"}
    assert set(InventoryEntry.objects.filter(item__in=items).values_list("write_off_act", flat=True)) == {act.pk}
    part2 = selectors.movement_totals(selectors.withdrawn_lines(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert (part2["copies"], part2["amount"]) == (2, Decimal("10000"))
    assert part2["language_group"] == {"rus": 2}


def test_write_off_of_card_copies_lowers_the_card_balance(fund, acquisitions_librarian, director):
    card = NonInventoryCard.objects.get()
    act = services.write_off_act_create(reason="obsolete", drawn_on=dt.date(2026, 6, 1), cards=[(card, 3)],
                                        user=acquisitions_librarian)
    services.write_off_act_approve(act=act, user=director, approved_on=dt.date(2026, 6, 2))
    assert services.card_balance(card) == 7
    assert Item.objects.filter(card_copy__card=card, status="written_off").count() == 3


def test_card_cannot_lose_more_copies_than_it_holds(fund, acquisitions_librarian):
    with pytest.raises(AcquisitionsError):
        services.write_off_act_create(reason="lost", drawn_on=dt.date(2026, 6, 1),
                                      cards=[(NonInventoryCard.objects.get(), 11)], user=acquisitions_librarian)


def test_item_cannot_be_listed_in_two_pending_acts(fund, acquisitions_librarian):
    item = Item.objects.filter(record=fund[0]).first()
    services.write_off_act_create(reason="worn", drawn_on=dt.date(2026, 5, 1), items=[item],
                                  user=acquisitions_librarian)
    with pytest.raises(AcquisitionsError):
        services.write_off_act_create(reason="lost", drawn_on=dt.date(2026, 5, 2), items=[item],
                                      user=acquisitions_librarian)


def test_approved_act_cannot_be_approved_again(fund, acquisitions_librarian, director):
    item = Item.objects.filter(record=fund[0]).first()
    act = services.write_off_act_create(reason="worn", drawn_on=dt.date(2026, 5, 1), items=[item],
                                        user=acquisitions_librarian)
    services.write_off_act_approve(act=act, user=director)
    with pytest.raises(AcquisitionsError):
        services.write_off_act_approve(act=act, user=director)


def test_numbered_acts_cannot_be_deleted_in_the_admin(admin_client):
    from django.contrib import admin

    from acquisitions.models import Receipt

    for model in (WriteOffAct, Receipt):
        assert admin.site._registry[model].has_delete_permission(None) is False


def test_stocktaking_reports_found_on_loan_misplaced_and_missing(acquisitions_librarian):
    from accounts.models import LibraryDepartment

    hall, storage = LibraryDepartment.objects.all()[:2]
    record = catalogue_record()
    receive(acquisitions_librarian, (record, 5, "100", "inventory"))
    items = list(Item.objects.order_by("inventory_number"))
    Item.objects.filter(pk__in=[i.pk for i in items[:4]]).update(department=hall)
    Item.objects.filter(pk=items[4].pk).update(department=storage)
    item_change_status(item=Item.objects.get(pk=items[1].pk), status="on_loan")
    session = services.stocktaking_start(user=acquisitions_librarian, department=hall)
    # Scanned: item 0 (found), item 4 (belongs to storage: misplaced), a barcode nobody knows; 0 scanned twice.
    services.stocktaking_scan(session=session, barcodes=[items[0].barcode, items[4].barcode, "999999", ""])
    assert services.stocktaking_scan(session=session, barcodes=[items[0].barcode]) == 0
    result = selectors.stocktaking_result(session)
    assert [i.pk for i in result["found"]] == [items[0].pk]
    assert [i.pk for i in result["on_loan"]] == [items[1].pk]
    assert {i.pk for i in result["missing"]} == {items[2].pk, items[3].pk}
    assert [i.pk for i in result["misplaced"]] == [items[4].pk]
    assert result["unknown"] == ["999999"]
    assert result["expected_count"] == 4


def test_expected_list_is_frozen_at_the_start(acquisitions_librarian):
    record = catalogue_record()
    receive(acquisitions_librarian, (record, 2, "100", "inventory"))
    session = services.stocktaking_start(user=acquisitions_librarian)
    receive(acquisitions_librarian, (record, 3, "100", "inventory"))
    assert selectors.stocktaking_result(session)["expected_count"] == 2


def test_closed_stocktaking_takes_no_more_scans(acquisitions_librarian):
    session = services.stocktaking_start(user=acquisitions_librarian)
    services.stocktaking_close(session=session, user=acquisitions_librarian)
    with pytest.raises(AcquisitionsError):
        services.stocktaking_scan(session=session, barcodes=["1"])


def test_summary_book_reconciles_with_inventory_book_and_cards_on_generated_data(acquisitions_librarian, director):
    rng = random.Random(607)
    records = [
        catalogue_record(f"Кітап {n}", udc=rng.choice(["004", "51", "62", "9", "811", ""]),
                         language=rng.choice(["kaz", "rus", "eng", "deu"]),
                         document_type=rng.choice(["book", "textbook", "periodical"]))
        for n in range(12)
    ]
    for year in (2024, 2025, 2026):
        for batch in range(3):
            lines = [(record, rng.randint(1, 4), str(rng.randint(500, 9000)), rng.choice(["inventory", "card"]))
                     for record in rng.sample(records, 3)]
            receive(acquisitions_librarian, *lines, on=dt.date(year, 2 + batch * 3, 10))
        standing = list(Item.objects.exclude(status="written_off").filter(inventory_entry__isnull=False))
        chosen = rng.sample(standing, 3)
        act = services.write_off_act_create(reason="worn", drawn_on=dt.date(year, 11, 1), items=chosen,
                                            user=acquisitions_librarian)
        services.write_off_act_approve(act=act, user=director, approved_on=dt.date(year, 11, 5))
        card = NonInventoryCard.objects.filter(pk__in=[c.pk for c in NonInventoryCard.objects.all()
                                                       if services.card_balance(c) > 1]).first()
        if card:
            act = services.write_off_act_create(reason="obsolete", drawn_on=dt.date(year, 12, 1),
                                                cards=[(card, 1)], user=acquisitions_librarian)
            services.write_off_act_approve(act=act, user=director, approved_on=dt.date(year, 12, 2))

    previous_end = None
    for year in (2024, 2025, 2026):
        movement = selectors.fund_movement(year)
        end = movement["end"]
        assert end["copies"] == fund_by_individual_accounting(dt.date(year, 12, 31))
        if previous_end is not None:
            assert movement["start"] == previous_end
        for dimension in ("document_kind", "subject_class", "language_group"):
            assert sum(end[dimension].values()) == end["copies"]
        previous_end = end
    standing_items = Item.objects.exclude(status="written_off").filter(
        inventory_entry__isnull=False).count() + Item.objects.exclude(status="written_off").filter(
        card_copy__isnull=False).count()
    assert previous_end["copies"] == standing_items
