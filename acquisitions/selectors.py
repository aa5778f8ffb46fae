"""Reads of acquisitions that are more than a filter: holdings look-up, review queue."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from catalogue_search.selectors import search
from cataloguing.constants import NOT_IN_FUND_STATUSES, ItemStatus
from core.periods import period_filter

from .constants import DEFAULT_PROVISION_NORMS, LineStatus, RequestStatus
from .models import RequestLine, StatusChange

HOLDINGS_LIMIT = 8


def holdings_matching(query: str) -> list[dict]:
    """Catalogue records matching what is being typed (title, author, ISBN, class number: the catalogue's own
    search), with the copies held, for the "already in the fund?" hint of the request and review forms."""
    query = " ".join(query.split())
    if len(query) < 3:
        return []
    return [
        {"title": hit.record.title, "authors": hit.record.authors, "year": hit.record.year,
         "publisher": hit.record.publisher, "isbn": hit.record.isbn, "copies": hit.items_count}
        for hit in search(query, page_size=HOLDINGS_LIMIT).hits
    ]


def lines_under_review():
    return RequestLine.objects.filter(
        request__status=RequestStatus.SUBMITTED,
        status__in=(LineStatus.SUBMITTED, LineStatus.CORRECTED),
        order_line__isnull=True,
    ).order_by("request__kind", "title", "id")


# --- Summary accounting book (607-12) -------------------------------------------------------------------------

DIMENSIONS = ("document_kind", "subject_class", "language_group")


def movement_totals(lines) -> dict:
    """Copies and value of summary-book lines (receipt or write-off lines), split by type, subject and language."""
    from django.db.models import DecimalField, F, Sum
    from django.db.models.functions import Coalesce

    amount = Sum(F("copies") * F("price"), output_field=DecimalField(max_digits=16, decimal_places=2))
    overall = lines.aggregate(total_copies=Coalesce(Sum("copies"), 0), total_amount=amount)
    result = {"copies": overall["total_copies"], "amount": overall["total_amount"] or Decimal(0)}
    for dimension in DIMENSIONS:
        result[dimension] = {
            row[dimension]: row["n"] for row in lines.order_by().values(dimension).annotate(n=Sum("copies"))
        }
    return result


def empty_totals() -> dict:
    return {"copies": 0, "amount": Decimal(0), **{dimension: {} for dimension in DIMENSIONS}}


def movement_totals_by(key: str, lines) -> dict[int, dict]:
    """`movement_totals` of each receipt or act at once (`key`: "receipt_id", "act_id"): four grouped queries for
    a whole year of the summary book instead of four per line."""
    from django.db.models import DecimalField, F, Sum

    amount = Sum(F("copies") * F("price"), output_field=DecimalField(max_digits=16, decimal_places=2))
    result: dict[int, dict] = {}
    for row in lines.order_by().values(key).annotate(n=Sum("copies"), value=amount):
        result[row[key]] = {"copies": row["n"] or 0, "amount": row["value"] or Decimal(0),
                            **{dimension: {} for dimension in DIMENSIONS}}
    for dimension in DIMENSIONS:
        for row in lines.order_by().values(key, dimension).annotate(n=Sum("copies")):
            result[row[key]][dimension][row[dimension]] = row["n"]
    return result


def titles_by_receipt(year: int) -> dict[int, int]:
    """Titles (distinct records) of each receipt of a year, column 7 of the summary book's part 1."""
    from django.db.models import Count

    from .models import ReceiptLine

    return dict(ReceiptLine.objects.filter(receipt__year=year).order_by().values("receipt_id")
                .annotate(n=Count("record_id", distinct=True)).values_list("receipt_id", "n"))


def _subtract(left: dict, right: dict) -> dict:
    result = {"copies": left["copies"] - right["copies"], "amount": left["amount"] - right["amount"]}
    for dimension in DIMENSIONS:
        keys = set(left[dimension]) | set(right[dimension])
        result[dimension] = {k: left[dimension].get(k, 0) - right[dimension].get(k, 0) for k in keys}
    return result


def _add(left: dict, right: dict) -> dict:
    negated = {"copies": -right["copies"], "amount": -right["amount"],
               **{d: {k: -v for k, v in right[d].items()} for d in DIMENSIONS}}
    return _subtract(left, negated)


def received_lines(date_from=None, date_to=None):
    from .models import ReceiptLine

    lines = ReceiptLine.objects.all()
    if date_from:
        lines = lines.filter(receipt__received_on__gte=date_from)
    if date_to:
        lines = lines.filter(receipt__received_on__lte=date_to)
    return lines


def withdrawn_lines(date_from=None, date_to=None):
    from .models import WriteOffActStatus, WriteOffLine

    lines = WriteOffLine.objects.filter(act__status=WriteOffActStatus.APPROVED)
    if date_from:
        lines = lines.filter(act__approved_on__gte=date_from)
    if date_to:
        lines = lines.filter(act__approved_on__lte=date_to)
    return lines


def fund_movement(year: int) -> dict:
    """Part 3 of the summary book: at the start of the year, received, withdrawn, at the end."""
    start_day, end_day = dt.date(year, 1, 1), dt.date(year, 12, 31)
    before = dt.date(year - 1, 12, 31)
    start = _subtract(movement_totals(received_lines(date_to=before)), movement_totals(withdrawn_lines(date_to=before)))
    received = movement_totals(received_lines(start_day, end_day))
    withdrawn = movement_totals(withdrawn_lines(start_day, end_day))
    end = _subtract(_add(start, received), withdrawn)
    return {"year": year, "start": start, "received": received, "withdrawn": withdrawn, "end": end}


# --- Stocktaking (607-21) --------------------------------------------------------------------------------------


def stocktaking_result(session) -> dict:
    """The act's buckets: found, on loan, misplaced (found here but listed elsewhere), missing, unknown barcodes."""
    from cataloguing.models import Item

    expected = dict(session.expected.values_list("item_id", "status_at_start"))
    scans = list(session.scans.values_list("barcode", "item_id"))
    scanned = {item_id for _barcode, item_id in scans if item_id}
    not_scanned = set(expected) - scanned
    now_on_loan = set(Item.objects.filter(pk__in=not_scanned, status=ItemStatus.ON_LOAN).values_list("pk", flat=True))
    on_loan = {pk for pk in not_scanned if pk in now_on_loan or expected[pk] == ItemStatus.ON_LOAN}
    buckets = {
        "found": scanned & set(expected),
        "on_loan": on_loan,
        "missing": not_scanned - on_loan,
        "misplaced": scanned - set(expected),
    }
    items = Item.objects.select_related("record")
    result = {name: list(items.filter(pk__in=ids).order_by("inventory_number")) for name, ids in buckets.items()}
    result["unknown"] = sorted(barcode for barcode, item_id in scans if item_id is None)
    result["expected_count"] = len(expected)
    return result


# --- Periodicals (607-15) --------------------------------------------------------------------------------------


def issues_to_claim(today: dt.date, subscription=None):
    """Expected issues that have not arrived by today: the list for a claim to the agency."""
    from .models import PeriodicalIssue

    issues = PeriodicalIssue.objects.filter(received_on__isnull=True, expected_on__lt=today)
    if subscription is not None:
        issues = issues.filter(subscription=subscription)
    return issues.select_related("subscription__periodical").order_by("subscription__periodical__title", "number")


def satisfied_request_lines(date_from: dt.date, date_to: dt.date) -> int:
    """Departments' requests satisfied in the period (section 7, 5.2): request lines whose every copy arrived,
    counted on the day the line became "received" (its status history); lines refused or received in part
    are not satisfied."""
    return (StatusChange.objects.filter(period_filter("at", date_from, date_to), line__isnull=False,
                                        status=LineStatus.RECEIVED)
            .order_by().values("line_id").distinct().count())


# --- Book provision (607-05, 607-06) ---------------------------------------------------------------------------


def provision_norms() -> dict[str, Decimal]:
    from django.conf import settings

    norms = dict(DEFAULT_PROVISION_NORMS)
    for kind, value in getattr(settings, "ACQUISITIONS_PROVISION_NORMS", {}).items():
        norms[kind] = Decimal(str(value))
    return norms


@dataclass
class ProvisionRow:
    """One recommended title of a discipline against its students."""

    literature: object
    copies: int
    students: int
    norm: Decimal

    @property
    def coefficient(self) -> Decimal:
        if not self.students:
            return Decimal(0)
        return (Decimal(self.copies) / Decimal(self.students)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def e_coefficient(self) -> Decimal:
        if not self.students:
            return Decimal(0)
        return (Decimal(self.literature.e_access) / Decimal(self.students)).quantize(Decimal("0.01"),
                                                                                     rounding=ROUND_HALF_UP)

    @property
    def meets_norm(self) -> bool:
        return self.students == 0 or Decimal(self.copies) >= self.norm * self.students

    @property
    def shortfall(self) -> int:
        """Print copies still needed to reach the norm."""
        return max(0, math.ceil(self.norm * self.students) - self.copies)


def copies_held(record_ids) -> dict[int, int]:
    from django.db.models import Count

    from cataloguing.models import Item

    return dict(
        Item.objects.filter(record_id__in=record_ids).exclude(status__in=NOT_IN_FUND_STATUSES)
        .order_by().values("record_id").annotate(n=Count("pk")).values_list("record_id", "n")
    )


def discipline_provision(discipline) -> list[ProvisionRow]:
    """607-05: per recommended title, copies ÷ students against the norm of main/additional literature."""
    norms = provision_norms()
    literature = list(discipline.literature.select_related("record"))
    held = copies_held([entry.record_id for entry in literature])
    return [ProvisionRow(entry, held.get(entry.record_id, 0), discipline.students, norms[entry.kind])
            for entry in literature]


def disciplines_provided_percent() -> Decimal | None:
    """Section 7's "book provision of disciplines": the share of the disciplines with recommended literature whose
    every title is held to its norm (the provision card's rule, 607-05: copies held now ÷ students), in percent with
    two decimals; None when no discipline has a list. Holdings are not kept by date, so it is today's figure."""
    from .models import RecommendedLiterature

    literature = list(RecommendedLiterature.objects.values_list("discipline_id", "record_id", "kind",
                                                                 "discipline__students"))
    if not literature:
        return None
    norms = provision_norms()
    held = copies_held({record_id for _discipline, record_id, _kind, _students in literature})
    provided: dict[int, bool] = {}
    for discipline_id, record_id, kind, students in literature:
        row = ProvisionRow(None, held.get(record_id, 0), students, norms[kind])
        provided[discipline_id] = provided.get(discipline_id, True) and row.meets_norm
    return (Decimal(100) * sum(provided.values()) / len(provided)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def department_provision(department) -> list[tuple]:
    """607-06: every discipline of the department with its rows."""
    from .models import Discipline

    disciplines = Discipline.objects.filter(department=department).select_related("programme")
    return [(discipline, discipline_provision(discipline)) for discipline in disciplines]


def department_shortfall(department) -> list[ProvisionRow]:
    return [row for _discipline, rows in department_provision(department) for row in rows if row.shortfall]


# --- Work waiting on the staff home (acquisitions/navigation.py) ------------------------------------------------


def requests_to_review_count() -> int:
    """Submitted department requests with lines not yet reviewed into a consolidated order."""
    return lines_under_review().order_by().values("request_id").distinct().count()


def orders_count(status: str) -> int:
    """Consolidated orders in this status (OrderStatus): DRAFT waits for the vice-rector, AGREED for sending."""
    from .models import ConsolidatedOrder

    return ConsolidatedOrder.objects.filter(status=status).count()


def receipts_in_processing_count() -> int:
    """Receipts with inventoried copies that cataloguing has not yet processed and handed over."""
    from cataloguing.constants import ItemStatus

    from .models import Receipt

    return (Receipt.objects.filter(lines__inventory_entries__item__status=ItemStatus.PROCESSING)
            .order_by().values("pk").distinct().count())


def write_off_acts_to_approve_count() -> int:
    """Write-off acts (607-22) drawn up and waiting for the director's approval."""
    from .models import WriteOffAct, WriteOffActStatus

    return WriteOffAct.objects.filter(status=WriteOffActStatus.DRAFT).count()
