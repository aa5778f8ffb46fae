"""Figures of cataloguing that the staff home reads (the counts per period are the querysets' own:
`BibliographicRecord.objects.in_period`, `RecordChange.objects.edited_record_count`)."""

from __future__ import annotations

from .constants import ItemStatus, TransferStatus, UdcRequestStatus
from .models import BibliographicRecord, Item, TransferSlip, UdcRequest

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
