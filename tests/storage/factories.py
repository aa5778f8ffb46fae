"""Factories of storage, and minimal catalogue rows for the weeding rules."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import factory
from django.utils import timezone

from storage.constants import LocationKind
from storage.models import Location

_numbers = itertools.count(1)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"room-{n}")
    kind = LocationKind.ROOM
    name_kk = factory.Sequence(lambda n: f"Кітап қоймасы №{n}")
    name_ru = factory.Sequence(lambda n: f"Книгохранилище №{n}")
    name_en = factory.Sequence(lambda n: f"Stack room No. {n}")


def shelf(code: str, udc_from: str, parent: Location | None = None) -> Location:
    return Location.objects.create(code=code, kind=LocationKind.SHELF, udc_from=udc_from, parent=parent,
                                   name_kk=f"Сөре {udc_from}")


def location_of(copy) -> Location | None:
    """Where a copy stands now: its latest placement (None when never placed)."""
    placement = copy.placements.select_related("location").order_by("-placed_at", "-id").first()
    return placement.location if placement else None


def moment(day: int = 2, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=timezone.get_current_timezone())


def item(*, udc: str = "004.4", year: int = 2010, received_on: dt.date | None = dt.date(2012, 1, 1), record=None,
         status: str = "on_shelf", loan_category: str = "regular", title: str = "Деректер қоры"):
    """A copy on the shelf (with its own record unless one is given)."""
    from cataloguing.models import BibliographicRecord, CatalogueDatabase, Item

    database = CatalogueDatabase.objects.get(code="fund")
    n = next(_numbers)
    if record is None:
        record = BibliographicRecord.objects.create(
            database=database, control_number=f"TEST{n:06d}", title=title, udc=udc, year=year,
        )
    return Item.objects.create(
        record=record, inventory_number=f"INV-{n:06d}", barcode=f"BC{n:08d}", status=status, database=database,
        received_on=received_on, loan_category=loan_category, price=Decimal("1000"),
    )
