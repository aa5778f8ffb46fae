"""Reads of circulation that are more than a filter: the desk's reader panel, the cabinet, statistics."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cataloguing.constants import ItemStatus
from cataloguing.models import BibliographicRecord, Item
from core.periods import day_bounds

from .constants import OPEN_RESERVATION_STATUSES, ReservationStatus
from .models import Loan, Reader, Reservation


def reader_by_card(code: str) -> Reader | None:
    code = (code or "").strip()
    if not code:
        return None
    readers = Reader.objects.select_related("user", "category", "department__institute")
    # Two indexed look-ups: an OR across the joined tables would read every reader at each scan.
    return readers.filter(card_number=code).first() or readers.filter(user__reader_card_number=code).first()


def item_by_barcode(code: str) -> Item | None:
    code = (code or "").strip()
    if not code:
        return None
    return Item.objects.select_related("record").filter(Q(barcode=code) | Q(inventory_number=code)).first()


def reader_open_orders(reader: Reader):
    return (
        Reservation.objects.filter(reader=reader, status__in=OPEN_RESERVATION_STATUSES)
        .select_related("record", "item")
        .order_by("created_at")
    )


def reader_recent_expired_orders(reader: Reader, days: int = 7):
    since = timezone.now() - dt.timedelta(days=days)
    return Reservation.objects.filter(reader=reader, status=ReservationStatus.EXPIRED, closed_at__gte=since)\
        .select_related("record", "item")


def reader_open_loans(reader: Reader):
    return reader.loans.open().select_related("item__record", "policy").order_by("due_on")


def record_availability(record: BibliographicRecord) -> dict:
    counts = dict(
        Item.objects.filter(record=record).values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {
        "on_shelf": counts.get(ItemStatus.ON_SHELF, 0),
        "total": sum(n for status, n in counts.items() if status not in (ItemStatus.WRITTEN_OFF, ItemStatus.LOST)),
    }


def e_version_url(record: BibliographicRecord) -> str | None:
    """The record's page in the digital library when a full-text file exists (looked up lazily: the digital
    library is a sibling app, read only here)."""
    if not apps.is_installed("digital_library"):
        return None
    try:
        digital_file = apps.get_model("digital_library", "DigitalFile")
    except LookupError:
        return None
    if not digital_file.objects.filter(record=record).exists():
        return None
    try:
        return reverse("digital_library:record", args=[record.pk])
    except NoReverseMatch:
        return None


def search_records(query: str, limit: int = 20):
    query = (query or "").strip()
    if not query:
        return BibliographicRecord.objects.none()
    digits = "".join(ch for ch in query if ch.isdigit() or ch in "Xx")
    condition = Q(title__icontains=query) | Q(authors__icontains=query)
    if len(digits) >= 10:
        condition |= Q(isbn=digits.upper())
    return (
        BibliographicRecord.objects.filter(condition)
        .annotate(on_shelf=Count("items", filter=Q(items__status=ItemStatus.ON_SHELF)))
        .order_by("-on_shelf", "title")[:limit]
    )


def day_figures(day: dt.date) -> dict:
    """The desk's figures of a day (607-39): orders placed, loans issued, copies returned."""
    start, end = day_bounds(day)
    return {
        "orders": Reservation.objects.filter(created_at__gte=start, created_at__lt=end).count(),
        "issued": Loan.objects.filter(issued_at__gte=start, issued_at__lt=end).count(),
        "returned": Loan.objects.filter(returned_at__gte=start, returned_at__lt=end, lost=False).count(),
    }


def overdue_letters(at: dt.datetime) -> list[dict]:
    """Readers with overdue loans and their overdue items, for the printed letters."""
    letters: dict[int, dict] = {}
    loans = Loan.objects.overdue(at).filter(lost=False).select_related("reader__user", "reader__department",
                                                                      "item__record")
    for loan in loans.order_by("reader__card_number", "due_on"):
        letter = letters.setdefault(loan.reader_id, {"reader": loan.reader, "loans": []})
        loan.days = loan.days_overdue(at)
        letter["loans"].append(loan)
    return list(letters.values())
