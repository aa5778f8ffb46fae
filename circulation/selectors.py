"""Reads of circulation that are more than a filter: the desk's reader panel, the cabinet, a record's copies and
whether a reader may order (for the catalogue's record page), statistics."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import LibraryDepartment
from cataloguing.constants import AVAILABLE_STATUSES, NOT_IN_FUND_STATUSES, ItemStatus, LoanCategory
from cataloguing.models import BibliographicRecord, Item
from core.periods import day_bounds, period_filter
from storage.models import ItemPlacement, Location

from .constants import OPEN_RESERVATION_STATUSES, ReservationStatus
from .loan_rules import debt_block, reader_block
from .models import Loan, Reader, RenderedService, Reservation
from .services import reader_debts


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


def reader_for_user(user) -> Reader | None:
    """The signed-in person's reader profile, if they have one."""
    if not user.is_authenticated:
        return None
    return Reader.objects.select_related("user", "category").filter(user=user).first()


def record_copies(record: BibliographicRecord) -> list[dict]:
    """The record's copies in the fund by location and status, for its catalogue page: one row per location
    (where storage last placed the copy, else its library department, else the location note) with the count
    of each status. Copies lost or written off are no longer in the fund and are not counted."""
    latest_place = (ItemPlacement.objects.filter(item=OuterRef("pk")).order_by("-placed_at", "-pk")
                    .values("location_id")[:1])
    copies = (
        Item.objects.filter(record=record).exclude(status__in=NOT_IN_FUND_STATUSES)
        .annotate(place=Subquery(latest_place)).values("status", "department_id", "location_note", "place")
        .annotate(n=Count("pk")).order_by()
    )
    rows = list(copies)
    places = Location.objects.in_bulk({row["place"] for row in rows if row["place"]})
    departments = LibraryDepartment.objects.in_bulk({row["department_id"] for row in rows if row["department_id"]})
    labels = dict(ItemStatus.choices)
    by_location: dict[str, Counter] = {}
    for row in rows:
        place = places.get(row["place"]) or departments.get(row["department_id"])
        location = str(place) if place else (row["location_note"] or str(_("location not recorded")))
        by_location.setdefault(location, Counter())[row["status"]] += row["n"]
    order = {status: index for index, status in enumerate(ItemStatus.values)}
    return [
        {"location": location, "total": sum(counts.values()),
         "statuses": [{"status": status, "label": labels.get(status, status), "count": counts[status],
                       "ready": status in AVAILABLE_STATUSES}
                      for status in sorted(counts, key=lambda status: order.get(status, 99))]}
        for location, counts in sorted(by_location.items())
    ]


@dataclass(frozen=True)
class OrderBlock:
    """Why a reader may not order at all now: the message the order service would refuse with."""

    reason: str
    for_debt: bool


def order_refusal_reason(*, reader: Reader, at: dt.datetime | None = None) -> OrderBlock | None:
    """Whether `reader` may order now, by the very rules `services.reservation_create` checks first
    (`loan_rules.reader_block`: left or not re-registered; `loan_rules.debt_block`: an overdue loan or a lost copy
    not replaced), so that the catalogue hides the order button with the reason instead of offering an order that
    would be refused."""
    block = reader_block(reader, at)
    if block is not None:
        return OrderBlock(block.message, for_debt=False)
    block = debt_block(reader_debts(reader=reader, at=at))
    if block is not None:
        return OrderBlock(block.message, for_debt=True)
    return None


def lendable_titles(record_ids: list[int]) -> set[int]:
    """Of these titles, those with a copy a reader may take home (in the fund, not for the reading room only): the
    others are read on site, and an order of them could only be refused."""
    return set(
        Item.objects.filter(record_id__in=record_ids).exclude(status__in=NOT_IN_FUND_STATUSES)
        .exclude(loan_category=LoanCategory.READING_ROOM).values_list("record_id", flat=True).distinct()
    )


def reader_open_orders_for(reader: Reader, record_ids: list[int]) -> dict[int, Reservation]:
    """The reader's open order (held or waiting) of each of these titles, by record id, in one query."""
    orders = Reservation.objects.filter(reader=reader, record_id__in=record_ids, status__in=OPEN_RESERVATION_STATUSES)
    return {order.record_id: order for order in orders.order_by("created_at")}


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


# --- Work waiting on the staff home (circulation/navigation.py) -------------------------------------------------


def holds_to_pick_count(at: dt.datetime) -> int:
    """Orders holding a copy for a reader at `at` (their 24 hours not over): copies to fetch for the desk."""
    return holds_to_pick(at).count()


def overdue_loans_count(at: dt.datetime) -> int:
    """Open loans past their due day (lost copies are debts of another kind)."""
    return Loan.objects.overdue(at).filter(lost=False).count()


def holds_to_pick(at: dt.datetime):
    """The desk's pick list: each order holding a copy at `at`, with its reader and the copy's shelf mark."""
    return (Reservation.objects.active().filter(expires_at__gt=at)
            .select_related("reader__user", "item__record").order_by("expires_at"))


def readers_with_overdue_loans(at: dt.datetime):
    """Readers owing an overdue copy, with how many, most overdue first."""
    overdue = Loan.objects.overdue(at).filter(lost=False)
    return (Reader.objects.filter(pk__in=overdue.values("reader_id")).select_related("user", "category")
            .annotate(overdue_count=Count("loans", filter=Q(loans__in=overdue)),
                      oldest_due=Min("loans__due_on", filter=Q(loans__in=overdue)))
            .order_by("oldest_due"))


def ill_requests_new_count() -> int:
    """Interlibrary loan and document delivery requests not yet sent to a holding library."""
    from .constants import IllStatus
    from .models import IllRequest

    return IllRequest.objects.filter(status=IllStatus.NEW).count()


# ---------------------------------------------------------------------------------------------------------------
# Paid services


def paid_services_total(date_from: dt.date, date_to: dt.date) -> Decimal:
    """Tenge received for paid services in the period (cancelled receipts left out)."""
    total = (RenderedService.objects.received().rendered_between(date_from, date_to)
             .aggregate(total=Sum("amount"))["total"])
    return total or Decimal("0.00")


def paid_services_by_service(date_from: dt.date, date_to: dt.date) -> list[dict]:
    """The period's totals per service of the price lists: receipts, units and tenge, the largest sum first."""
    rows = (RenderedService.objects.received().rendered_between(date_from, date_to)
            .values("service_id", "service__name_kk", "service__name_ru", "service__name_en", "service__unit",
                    "service__kind")
            .annotate(receipts=Count("pk"), units=Sum("quantity"), amount=Sum("amount"))
            .order_by("-amount", "service__name_kk"))
    # The name in the reader's language, the Kazakh one where a translation is missing (as PriceListItem.name).
    name = f"service__name_{(get_language() or 'kk').split('-')[0]}"
    return [{**row, "name": row.get(name) or row["service__name_kk"]} for row in rows]


# ---------------------------------------------------------------------------------------------------------------
# Exhibitions, classes and events, information requests (QP 607 §5.5; §7 figures)


def virtual_exhibitions_opened(date_from: dt.date, date_to: dt.date) -> int:
    """Virtual exhibitions opened in the period (§7 "virtual exhibitions"): published ones whose first day falls in
    it. A draft never counts: it was not shown to anyone."""
    from .constants import ExhibitionKind
    from .models import Exhibition

    return Exhibition.objects.published().filter(kind=ExhibitionKind.VIRTUAL, date_from__gte=date_from,
                                                 date_from__lte=date_to).count()


def events_by_kind(date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    """Events held in the period by kind (§7 counts classes, excursions, trainings and other events apart), every
    kind present, 0 when none."""
    from .constants import EventKind
    from .models import Event

    counts = dict.fromkeys(EventKind.values, 0)
    rows = (Event.objects.filter(held_on__gte=date_from, held_on__lte=date_to).values("kind")
            .annotate(n=Count("pk")).order_by())
    for row in rows:
        counts[row["kind"]] = row["n"]
    return counts


def exhibitions_on_show(on: dt.date, *, limit: int = 6) -> list:
    """Published exhibitions, physical and virtual, open on that day, the newest first (the public home page and the
    exhibitions page show them); each has `.title`, `.get_absolute_url()` and `.image_url` (None without one)."""
    from .models import Exhibition

    return list(Exhibition.objects.open_on(on).order_by("-date_from", "-pk")[:limit])


def exhibition_requests_to_process_count() -> int:
    """Departments' exhibition requests waiting for the librarian's decision or to be held."""
    from .constants import ExhibitionRequestStatus
    from .models import ExhibitionRequest

    return ExhibitionRequest.objects.filter(
        status__in=(ExhibitionRequestStatus.SUBMITTED, ExhibitionRequestStatus.ACCEPTED)).count()


def class_bookings_to_confirm_count() -> int:
    """Departments' class bookings waiting for a date."""
    from .constants import ClassBookingStatus
    from .models import ClassBooking

    return ClassBooking.objects.filter(status=ClassBookingStatus.SUBMITTED).count()


def info_requests_to_answer_count() -> int:
    """Information-service requests (607-49) waiting for an answer."""
    from .models import InfoServiceRequest

    return InfoServiceRequest.objects.awaiting_answer().count()


# ---------------------------------------------------------------------------------------------------------------
# Readers served (section 7's active readers, read through planning)


def borrowing_user_ids(date_from: dt.date, date_to: dt.date):
    """The accounts of the readers issued a loan or placing an order in the period (a subquery of user ids)."""
    borrowed = Loan.objects.filter(period_filter("issued_at", date_from, date_to)).values("reader_id")
    ordered = Reservation.objects.filter(period_filter("created_at", date_from, date_to)).values("reader_id")
    return Reader.objects.filter(Q(pk__in=borrowed) | Q(pk__in=ordered)).values("user_id")
