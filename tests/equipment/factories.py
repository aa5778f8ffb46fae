"""Factories of the equipment register."""

from __future__ import annotations

import datetime as dt

import factory

from equipment.constants import EquipmentKind, EquipmentState
from equipment.models import Equipment, MaintenancePlan


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    kind = EquipmentKind.COMPUTER
    name = factory.Sequence(lambda n: f"Компьютер №{n}")
    model = "Lenovo ThinkCentre M70q"
    inventory_number = factory.Sequence(lambda n: f"ОС-{n:05d}")
    serial_number = factory.Sequence(lambda n: f"SN{n:08d}")
    state = EquipmentState.IN_SERVICE
    commissioned_on = dt.date(2024, 9, 1)


class MaintenancePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaintenancePlan

    equipment = factory.SubFactory(EquipmentFactory)
    work = "Профилактикалық тазалау"
    interval_days = 90
    next_due_on = dt.date(2026, 3, 1)
