"""Figures of cataloguing that the staff home reads (the counts per period are the querysets' own:
`BibliographicRecord.objects.in_period`, `RecordChange.objects.edited_record_count`)."""

from __future__ import annotations

import datetime as dt

from .constants import ItemStatus, RecordAction, TransferStatus, UdcRequestStatus
from .marc import split_list
from .models import BibliographicRecord, Item, RecordChange, TransferSlip, UdcRequest

# --- Figures of a period (section 7 reads them through planning) ------------------------------------------------


def card_set_size(authors: str, subjects: str) -> int:
    """The cards of one record in the card catalogue (607-26): the main-entry card and one added card per entry
    of its tracing, as `printforms.card_for` prints it: each subject, each co-author after the first, and the
    title when the card is headed by an author (one to three authors)."""
    names = split_list(authors)
    headed = 1 <= len(names) <= 3
    return 1 + len(split_list(subjects)) + max(len(names) - 1, 0) + (1 if headed else 0)


def catalogue_cards_made(date_from: dt.date, date_to: dt.date) -> int:
    """Catalogue cards made in the period (section 7, 5.3): the card sets of the records a cataloguer created in
    the period. Imported records (retro-conversion, other libraries' MARC) get no new cards."""
    created = RecordChange.objects.in_period(date_from, date_to).filter(action=RecordAction.CREATED)
    return sum(card_set_size(authors, subjects)
               for authors, subjects in created.values_list("record__authors", "record__subjects").iterator())

# --- Work waiting on the staff home (cataloguing/navigation.py) -------------------------------------------------


def records_without_udc_count() -> int:
    """Records the quality check flags for the cataloguer: no UDC index yet (the admin's filter quality=no-udc)."""
    return BibliographicRecord.objects.filter(udc="").count()


def items_to_process_count() -> int:
    """Copies in processing whose technical processing is not finished."""
    return Item.objects.filter(status=ItemStatus.PROCESSING, processed_on__isnull=True).count()


def items_to_hand_over_count() -> int:
    """Processed copies still in cataloguing: ready for a transfer slip (607-28) to a library department."""
    return Item.objects.filter(status=ItemStatus.PROCESSING, processed_on__isnull=False).count()


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
