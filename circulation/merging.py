"""Circulation's part of merging duplicate records (see `cataloguing.merging`): orders, refusals, ILL requests and
the records shown on exhibitions follow the record kept."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .constants import OPEN_RESERVATION_STATUSES
from .models import ExhibitionRecord, IllRequest, Refusal, Reservation

MODELS = ("circulation.Reservation", "circulation.Refusal", "circulation.IllRequest", "circulation.ExhibitionRecord")


def merge_check(keep, duplicate) -> list[str]:
    """A reader has one open order per title: a reader with an open order on each record would have two."""
    open_orders = Reservation.objects.filter(status__in=OPEN_RESERVATION_STATUSES)
    readers = (open_orders.filter(record=duplicate)
               .filter(reader__in=open_orders.filter(record=keep).values("reader"))
               .values_list("reader__card_number", flat=True))
    cards = sorted(set(readers))
    if cards:
        return [_("Readers %(cards)s have an open order for each of the two records, and a reader has one open "
                  "order per title: close one of them first.") % {"cards": ", ".join(cards)}]
    return []


def merge_move(keep, duplicate) -> int:
    moved = Reservation.objects.filter(record=duplicate).update(record=keep)
    moved += Refusal.objects.filter(record=duplicate).update(record=keep)
    moved += IllRequest.objects.filter(record=duplicate).update(record=keep)
    # An exhibition showing both keeps the kept record's entry (its caption and place): the duplicate's goes.
    ExhibitionRecord.objects.filter(record=duplicate,
                                    exhibition__in=ExhibitionRecord.objects.filter(record=keep).values("exhibition"))\
        .delete()
    moved += ExhibitionRecord.objects.filter(record=duplicate).update(record=keep)
    return moved
