"""Reads of storage: the weeding rules (selection of copies for write-off, §5.6) and the climate log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Count, Q, QuerySet

from core.periods import period_filter

from .constants import CopyCondition, WeedingListStatus, WeedingReason
from .models import ConditionReading, Location, ObsolescenceRule, WeedingList

# A candidate's reason as a code and its figures: worded when shown, in the reader's language.
Reason = tuple[str, dict]


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def weedable_items(department=None) -> QuerySet:
    """Copies a weeding rule may propose: on the shelf, not rare editions (those go to digitisation)."""
    from cataloguing.constants import ItemStatus, LoanCategory
    from cataloguing.models import Item

    items = Item.objects.filter(status=ItemStatus.ON_SHELF).exclude(loan_category=LoanCategory.RARE)
    if department is not None:
        items = items.filter(department=department)
    return items


def no_loan_candidates(*, years: int, on: dt.date, department=None) -> Iterator[tuple[object, Reason]]:
    """Copies not lent for `years` years: in the fund for at least that long and not lent since the cut-off.

    A copy whose date of receipt is unknown is judged by its year of publication.
    """
    cutoff = _years_before(on, years)
    in_fund_long_enough = Q(received_on__lt=cutoff) | Q(received_on__isnull=True, record__year__lt=cutoff.year)
    not_lent = (Q(storage_state__isnull=True) | Q(storage_state__last_loaned_on__isnull=True)
                | Q(storage_state__last_loaned_on__lt=cutoff))
    items = (weedable_items(department).filter(in_fund_long_enough).filter(not_lent)
             .select_related("record", "storage_state").order_by("inventory_number"))
    for item in items.iterator():
        state = getattr(item, "storage_state", None)
        last = state.last_loaned_on if state is not None else None
        if last:
            yield item, (WeedingReason.NOT_LENT_SINCE, {"date": last.isoformat(), "years": years})
        else:
            yield item, (WeedingReason.NEVER_LENT, {"years": years})


def outdated_candidates(*, on: dt.date, department=None) -> Iterator[tuple[object, Reason]]:
    """Copies older than their subject allows: publication year earlier than the UDC class's limit."""
    rules = list(ObsolescenceRule.objects.all())
    for rule in sorted(rules, key=lambda r: len(r.udc_prefix), reverse=True):
        newest_outdated_year = on.year - rule.max_age_years - 1
        items = weedable_items(department).filter(
            record__udc__startswith=rule.udc_prefix, record__year__lte=newest_outdated_year,
        )
        for longer in rules:
            if longer.udc_prefix != rule.udc_prefix and longer.udc_prefix.startswith(rule.udc_prefix):
                items = items.exclude(record__udc__startswith=longer.udc_prefix)
        for item in items.select_related("record").order_by("inventory_number").iterator():
            yield item, (WeedingReason.OUTDATED, {
                "year": item.record.year, "udc": rule.udc_prefix, "limit": rule.max_age_years,
            })


def surplus_candidates(*, keep: int, department=None) -> Iterator[tuple[object, Reason]]:
    """Copies of a title beyond `keep` on the shelf: the worn ones first, then the earliest received."""
    items = weedable_items(department)
    records = (items.values("record").annotate(copies=Count("id")).filter(copies__gt=keep)
               .order_by("record").values_list("record", "copies"))
    condition_rank = {CopyCondition.DAMAGED: 0, CopyCondition.WORN: 1}
    for record_id, copies in records:
        copies_of_title = list(items.filter(record_id=record_id).select_related("record", "storage_state"))

        def proposal_order(item):
            state = getattr(item, "storage_state", None)
            rank = condition_rank.get(state.condition, 2) if state is not None else 2
            return (rank, item.received_on or dt.date.min, item.inventory_number)

        copies_of_title.sort(key=proposal_order)
        for item in copies_of_title[: copies - keep]:
            yield item, (WeedingReason.SURPLUS, {"copies": copies, "keep": keep})


def worn_candidates(*, department=None) -> Iterator[tuple[object, Reason]]:
    """Copies whose physical condition was noted as worn or damaged."""
    items = (weedable_items(department)
             .filter(storage_state__condition__in=[CopyCondition.WORN, CopyCondition.DAMAGED])
             .select_related("record", "storage_state").order_by("inventory_number"))
    for item in items.iterator():
        yield item, (WeedingReason.WORN, {"condition": item.storage_state.condition})


# --- Work waiting on the staff home (storage/navigation.py) -----------------------------------------------------


def rooms_without_reading_count(day: dt.date) -> int:
    """Climate-logged rooms with no temperature and humidity reading on this day (section 7: logged daily)."""
    read = ConditionReading.objects.filter(period_filter("measured_at", day, day)).values("room_id")
    return Location.objects.climate_rooms().exclude(pk__in=read).count()


def weeding_lists_to_check_count() -> int:
    """Weeding lists still drafts: their candidates wait for the storage librarian's decision."""
    return WeedingList.objects.filter(status=WeedingListStatus.DRAFT).count()
