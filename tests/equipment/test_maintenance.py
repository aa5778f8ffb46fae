"""Planned maintenance: the log moves the plan on; a maintenance past its date raises one risk event (4.1 for a
scanner, 4.3 otherwise), however many times the daily check runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from equipment.constants import EquipmentKind, EquipmentState, MaintenanceOutcome
from equipment.exceptions import EquipmentError
from equipment.services import maintenance_overdue_check, maintenance_record
from risks.models import RiskEvent

from .factories import EquipmentFactory, MaintenancePlanFactory

pytestmark = pytest.mark.django_db


def test_overdue_maintenance_of_a_scanner_raises_one_event_of_risk_4_1():
    plan = MaintenancePlanFactory(equipment=EquipmentFactory(kind=EquipmentKind.SCANNER),
                                  next_due_on=dt.date(2026, 3, 1))
    assert maintenance_overdue_check(on=dt.date(2026, 3, 1)) == 0  # due today: not yet overdue
    assert maintenance_overdue_check(on=dt.date(2026, 3, 2)) == 1
    assert maintenance_overdue_check(on=dt.date(2026, 3, 2)) == 1
    assert maintenance_overdue_check(on=dt.date(2026, 3, 5)) == 1
    event = RiskEvent.objects.get()
    assert event.risk.code == "4.1"
    assert event.source_key == plan.overdue_key
    assert plan.equipment.inventory_number in event.description


def test_overdue_maintenance_of_other_equipment_is_risk_4_3_and_command_is_idempotent():
    MaintenancePlanFactory(equipment=EquipmentFactory(kind=EquipmentKind.COMPUTER), next_due_on=dt.date(2026, 3, 1))
    call_command("maintenance_overdue_check", on="2026-03-10")
    call_command("maintenance_overdue_check", on="2026-03-10")
    assert list(RiskEvent.objects.values_list("risk__code", flat=True)) == ["4.3"]


@freeze_time("2026-03-20 10:00:00+05:00")
def test_maintenance_done_moves_the_plan_and_a_later_miss_is_a_new_event():
    plan = MaintenancePlanFactory(interval_days=90, next_due_on=dt.date(2026, 3, 1))
    maintenance_overdue_check(on=dt.date(2026, 3, 10))
    maintenance_record(equipment=plan.equipment, plan=plan, done_on=dt.date(2026, 3, 15), work="Тазалау",
                       performed_by="Ахметов Б.", outcome=MaintenanceOutcome.WORKING)
    plan.refresh_from_db()
    assert plan.next_due_on == dt.date(2026, 6, 13)
    assert maintenance_overdue_check(on=dt.date(2026, 3, 20)) == 0
    maintenance_overdue_check(on=dt.date(2026, 6, 14))
    assert RiskEvent.objects.count() == 2


@freeze_time("2026-03-20 10:00:00+05:00")
def test_one_off_plan_ends_when_done_and_repair_moves_the_state():
    plan = MaintenancePlanFactory(interval_days=None, next_due_on=dt.date(2026, 3, 18))
    maintenance_record(equipment=plan.equipment, plan=plan, done_on=dt.date(2026, 3, 19), work="Диагностика",
                       performed_by="Сервис орталығы", outcome=MaintenanceOutcome.SENT_FOR_REPAIR)
    plan.refresh_from_db()
    plan.equipment.refresh_from_db()
    assert not plan.is_active
    assert plan.next_due_on is None
    assert plan.equipment.state == EquipmentState.UNDER_REPAIR


def test_written_off_unit_is_not_overdue_and_takes_no_maintenance():
    unit = EquipmentFactory(state=EquipmentState.WRITTEN_OFF, written_off_on=dt.date(2026, 1, 10))
    MaintenancePlanFactory(equipment=unit, next_due_on=dt.date(2026, 2, 1))
    assert maintenance_overdue_check(on=dt.date(2026, 3, 1)) == 0
    with pytest.raises(EquipmentError):
        maintenance_record(equipment=unit, done_on=dt.date(2026, 2, 1), work="x", performed_by="y",
                           outcome=MaintenanceOutcome.WORKING)


def test_daily_beat_job_runs_the_same_check_as_the_command(settings):
    from equipment.tasks import maintenance_overdue_check as task

    entry = settings.CELERY_BEAT_SCHEDULE["equipment-maintenance-overdue-check"]
    assert entry["task"] == task.name == "equipment.maintenance_overdue_check"
    MaintenancePlanFactory(next_due_on=timezone.localdate() - dt.timedelta(days=3))
    assert task.apply().get() == 1
    assert task.apply().get() == 1
    assert RiskEvent.objects.count() == 1
