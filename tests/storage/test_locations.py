from __future__ import annotations

import pytest

from storage.models import Location
from storage.services import item_place
from storage.udc import udc_sort_key
from tests.storage.factories import RoomFactory, item, location_of, moment, shelf

pytestmark = pytest.mark.django_db


def test_udc_shelving_key_reads_main_numbers_as_decimal_fractions():
    indexes = ["6", "539.1", "004.4(075.8)", "53", "54", "5", "621.3=111"]
    assert sorted(indexes, key=udc_sort_key) == ["004.4(075.8)", "5", "53", "539.1", "54", "6", "621.3=111"]


def test_copy_goes_to_the_last_shelf_starting_at_or_before_its_udc():
    hall = RoomFactory(code="hall-1")
    shelf("s-004", "004", hall)
    shelf("s-5", "5", hall)
    shelf("s-53", "53", hall)
    shelf("s-6", "6", hall)
    assert Location.objects.shelf_for_udc("539.1", within=hall).code == "s-53"
    assert Location.objects.shelf_for_udc("51", within=hall).code == "s-5"
    assert Location.objects.shelf_for_udc("622.2", within=hall).code == "s-6"
    assert Location.objects.shelf_for_udc("004.738.5", within=hall).code == "s-004"
    assert Location.objects.shelf_for_udc("001", within=hall) is None


def test_latest_placement_is_where_the_copy_is_and_history_is_kept():
    copy = item()
    desk = Location.objects.create(code="desk", kind="service_point", service_point_kind="loan_desk",
                                   name_kk="Абонемент")
    reading_room = Location.objects.create(code="rr-1", kind="service_point", service_point_kind="reading_room",
                                           name_kk="Оқу залы")
    item_place(item=copy, location=desk, placed_at=moment(day=2))
    item_place(item=copy, location=reading_room, placed_at=moment(day=5))
    assert location_of(copy) == reading_room
    assert copy.placements.count() == 2
