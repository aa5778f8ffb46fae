"""Items: the one place where circulation changes a copy's status or adds a copy to the fund, through
`cataloguing.services`, so that the catalogue's read models stay in step."""

from __future__ import annotations

from django.utils import timezone

from cataloguing.constants import ReceiptSource
from cataloguing.models import Item
from cataloguing.services import item_change_status, item_create, items_change_status


def _item_set_status(*, item: Item, status: str, user=None) -> Item:
    """Change one (already locked) copy's status through cataloguing (keeps the read models in step)."""
    return item_change_status(item=item, status=status, user=user)


def _items_set_status(*, item_ids, from_status: str, to_status: str, record_ids=None) -> int:
    """Set-based status change of many copies (the expiry sweep): one UPDATE per batch."""
    return items_change_status(item_ids=item_ids, from_status=from_status, to_status=to_status,
                               record_ids=record_ids)


def _item_create_replacement(*, record, inventory_number: str, barcode: str, price, lost: Item, user) -> Item:
    """The replacement copy enters the fund as a new item (source: replacement for a lost copy)."""
    return item_create(
        record=record, inventory_number=inventory_number, barcode=barcode, price=price,
        received_on=timezone.localdate(), receipt_source=ReceiptSource.REPLACEMENT, department=lost.department,
        loan_category=lost.loan_category, user=user,
    )
