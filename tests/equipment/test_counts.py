"""§7 "equipment", "workstations" and "workstation users" from the register, hand-counted."""

from __future__ import annotations

import datetime as dt

import pytest

from equipment.constants import EquipmentKind, EquipmentState, WorkstationFor
from equipment.models import WorkstationAssignment
from equipment.selectors import equipment_count, workstation_count, workstation_users
from tests.factories import UserFactory

from .factories import EquipmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    staff_pc = EquipmentFactory(workstation_for=WorkstationFor.STAFF, commissioned_on=dt.date(2025, 1, 10))
    readers_pc = EquipmentFactory(workstation_for=WorkstationFor.READERS, commissioned_on=dt.date(2025, 1, 10))
    kiosk = EquipmentFactory(kind=EquipmentKind.SELF_SERVICE, workstation_for=WorkstationFor.READERS,
                             commissioned_on=dt.date(2026, 2, 1))
    EquipmentFactory(kind=EquipmentKind.SCANNER, commissioned_on=dt.date(2024, 5, 1), state=EquipmentState.UNDER_REPAIR)
    old_pc = EquipmentFactory(workstation_for=WorkstationFor.STAFF, commissioned_on=dt.date(2020, 1, 1),
                              state=EquipmentState.WRITTEN_OFF, written_off_on=dt.date(2026, 1, 31))
    EquipmentFactory(kind=EquipmentKind.PRINTER, commissioned_on=dt.date(2026, 6, 1))
    return staff_pc, readers_pc, kiosk, old_pc


def test_equipment_counts_units_held_that_day(register):
    assert equipment_count(dt.date(2026, 1, 15)) == 4  # staff PC, readers' PC, scanner (under repair), old PC
    assert equipment_count(dt.date(2026, 1, 31)) == 3  # the old PC is written off that day
    assert equipment_count(dt.date(2026, 6, 1)) == 5  # kiosk and printer came


def test_workstations_are_staff_and_readers_units_in_service(register):
    assert workstation_count(dt.date(2026, 1, 15)) == 3  # staff PC, readers' PC, old PC
    assert workstation_count(dt.date(2026, 3, 1)) == 3  # staff PC, readers' PC, kiosk


def test_workstation_users_are_distinct_people_assigned_in_the_period(register):
    staff_pc, _readers_pc, _kiosk, old_pc = register
    alice, bob = UserFactory(), UserFactory()
    WorkstationAssignment.objects.create(equipment=old_pc, person=alice, assigned_on=dt.date(2020, 1, 1),
                                         released_on=dt.date(2026, 1, 20))
    WorkstationAssignment.objects.create(equipment=staff_pc, person=alice, assigned_on=dt.date(2026, 1, 21))
    WorkstationAssignment.objects.create(equipment=staff_pc, person=bob, assigned_on=dt.date(2025, 1, 10),
                                         released_on=dt.date(2025, 12, 31))
    assert workstation_users(dt.date(2026, 1, 1), dt.date(2026, 6, 30)) == 1  # alice, on two units
    assert workstation_users(dt.date(2025, 1, 1), dt.date(2026, 6, 30)) == 2
    assert workstation_users(dt.date(2026, 2, 1), dt.date(2026, 6, 30)) == 1
