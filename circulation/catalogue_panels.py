"""What circulation adds to the public catalogue (issue 14.3): a record's copies by location and status with the
order button on its page, and the order button under each search result. Registered from `ready()`; the
catalogue imports nothing of circulation."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest

from accounts.roles import READER
from catalogue_search.models import SearchEntry
from catalogue_search.record_panels import register_panel, register_result_action
from cataloguing.models import BibliographicRecord

from . import selectors
from .constants import ReservationStatus


def _ordering(request: HttpRequest, record_ids: list[int]) -> tuple[object, dict, object] | None:
    """(reader, their open orders of these titles, why they may not order) for a signed-in reader."""
    user = request.user
    if not user.is_authenticated or not user.has_role(READER):
        return None
    reader = selectors.reader_for_user(user)
    if reader is None:
        return None
    return reader, selectors.reader_open_orders_for(reader, record_ids), selectors.order_refusal_reason(reader=reader)


def copies_panel(request: HttpRequest, record: BibliographicRecord) -> dict:
    """Copies by location and status; for a reader the order button, their order of it, or why they cannot."""
    copies = selectors.record_copies(record)
    context = {
        "copies": copies, "total": sum(row["total"] for row in copies),
        "on_shelf": sum(status["count"] for row in copies for status in row["statuses"] if status["ready"]),
        "signed_in": request.user.is_authenticated,
    }
    ordering = _ordering(request, [record.pk])
    if ordering is not None:
        reader, orders, block = ordering
        own_order = orders.get(record.pk)
        context.update(reader=reader, own_order=own_order, own_order_held=_held(own_order), block=block,
                       on_site_only=record.pk not in selectors.lendable_titles([record.pk]))
    return context


def _held(order) -> bool:
    return order is not None and order.status == ReservationStatus.ACTIVE


def order_actions(request: HttpRequest, records: Sequence[BibliographicRecord]) -> dict[int, dict]:
    """The order button (or the reader's order, or why they cannot order) under each result, for readers only:
    a fixed number of queries for the whole page."""
    ordering = _ordering(request, [record.pk for record in records])
    if ordering is None:
        return {}
    _reader, orders, block = ordering
    ids = [record.pk for record in records]
    # A title with no copy in the fund (an electronic or reference record) has nothing to order; one read on site
    # only says so instead of a button whose order could only be refused.
    held = set(SearchEntry.objects.filter(record_id__in=ids, items_count__gt=0).values_list("record_id", flat=True))
    lendable = selectors.lendable_titles(ids)
    return {record.pk: {"own_order": orders.get(record.pk), "own_order_held": _held(orders.get(record.pk)),
                        "block": block, "on_site_only": record.pk not in lendable}
            for record in records if record.pk in held or record.pk in orders}


register_panel("copies", "circulation/record_copies.html", copies_panel, order=10)
register_result_action("order", "circulation/record_order_action.html", order_actions, order=10)
