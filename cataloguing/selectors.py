"""Figures of cataloguing that reports (planning 607-02, the passport 607-27) read."""

from __future__ import annotations

from datetime import date

from .constants import ItemStatus, TransferStatus, UdcRequestStatus
from .models import BibliographicRecord, Item, RecordChange, TransferSlip, UdcRequest


def records_created_count(*, date_from: date, date_to: date, database_code: str | None = None) -> int:
    """Bibliographic records created in the period (typed in or imported)."""
    records = BibliographicRecord.objects.in_period(date_from, date_to)
    if database_code:
        records = records.filter(database__code=database_code)
    return records.count()


def records_edited_count(*, date_from: date, date_to: date, database_code: str | None = None) -> int:
    """Distinct records edited in the period (QP 607 §5.3: edited records are counted): cataloguers' edits,
    updates by re-import and merges."""
    changes = RecordChange.objects.edits().in_period(date_from, date_to)
    if database_code:
        changes = changes.filter(record__database__code=database_code)
    return changes.values("record_id").distinct().count()


# --- Work waiting on the staff home (cataloguing/navigation.py) -------------------------------------------------


def records_without_udc_count() -> int:
    """Records the quality check flags for the cataloguer: no UDC index yet (the admin's filter quality=no-udc)."""
    return BibliographicRecord.objects.filter(udc="").count()


def items_to_process_count() -> int:
    """Copies in processing that have no library stamp yet: technical processing is not finished."""
    return Item.objects.filter(status=ItemStatus.PROCESSING, stamped=False).count()


def items_to_hand_over_count() -> int:
    """Stamped copies still in processing: ready for a transfer slip (607-28) to a library department."""
    return Item.objects.filter(status=ItemStatus.PROCESSING, stamped=True).count()


def udc_requests_open_count() -> int:
    """Authors' UDC index requests (607-29) not answered yet."""
    return UdcRequest.objects.filter(status=UdcRequestStatus.NEW).count()


def transfer_slips_to_accept_count(*, department_id: int | None, every_department: bool = False) -> int:
    """Transfer slips (607-28) sent to this library department and not accepted yet (all departments' slips when
    `every_department`; none for someone outside the library's departments)."""
    slips = TransferSlip.objects.filter(status=TransferStatus.SENT)
    if every_department:
        return slips.count()
    if department_id is None:
        return 0
    return slips.filter(to_department_id=department_id).count()
