"""Inventory numbers: one sequence through the life of the fund, allocated gap-free and never reused.

Numbers are taken in blocks inside the receiving transaction: the UPDATE of the sequence row locks it, so
concurrent receipts queue, and a rolled-back receipt gives its block back with the rollback.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from forms_registry.models import DocumentSequence

from .constants import INVENTORY_SEQUENCE_YEAR, INVENTORY_SERIES


def _highest_number_in_use() -> int:
    """Where the sequence starts: after every number already printed on a copy (legacy fund included)."""
    from cataloguing.models import Item

    from .models import InventoryEntry

    highest = InventoryEntry.objects.order_by("-number").values_list("number", flat=True).first() or 0
    for value in Item.objects.filter(inventory_number__regex=r"^[0-9]{1,15}$").values_list(
        "inventory_number", flat=True
    ).iterator():
        highest = max(highest, int(value))
    return highest


def allocate_inventory_numbers(count: int) -> range:
    """The next `count` inventory numbers, consecutive. Must run inside the transaction that stores them."""
    if count < 1:
        raise ValueError("count must be positive")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_inventory_numbers() must run inside the receiving transaction")
    sequence = DocumentSequence.objects.filter(series=INVENTORY_SERIES, year=INVENTORY_SEQUENCE_YEAR)
    if not sequence.update(last_number=F("last_number") + count):
        try:
            with transaction.atomic():
                DocumentSequence.objects.create(series=INVENTORY_SERIES, year=INVENTORY_SEQUENCE_YEAR,
                                                last_number=_highest_number_in_use() + count)
        except IntegrityError:
            # Another receipt created the row first; queue behind it.
            sequence.update(last_number=F("last_number") + count)
    last = sequence.values_list("last_number", flat=True).get()
    return range(last - count + 1, last + 1)
