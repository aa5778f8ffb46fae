"""The equipment register: its overview page per role, its import (a reason per bad row, nothing half-written),
its rules, and query counts."""

from __future__ import annotations

import datetime as dt

import pytest
import tablib
from django.urls import reverse
from freezegun import freeze_time

from core.navigation import registry
from equipment.constants import EquipmentKind, EquipmentState, WorkstationFor
from equipment.models import Equipment
from equipment.resources import EquipmentResource
from tests.storage.factories import RoomFactory

from .factories import EquipmentFactory, MaintenancePlanFactory

pytestmark = pytest.mark.django_db

HEADERS = ["inventory_number", "kind", "name", "model", "serial_number", "department", "location", "state",
           "commissioned_on", "written_off_on", "workstation_for", "note"]


@pytest.mark.parametrize(("persona", "status"), [
    ("reader", 403), ("librarian", 403), ("digital_librarian", 200), ("director", 200), ("vice_rector", 200),
    ("sysadmin", 200), ("department_head", 403),
])
def test_overview_is_open_to_who_sees_the_register(request, client_for, persona, status):
    assert client_for(request.getfixturevalue(persona)).get(reverse("equipment:overview")).status_code == status


@pytest.mark.parametrize(("persona", "can_add"), [
    ("digital_librarian", True), ("director", True), ("librarian", False), ("vice_rector", False),
])
def test_register_is_kept_by_the_automation_department_and_the_director(request, client_for, persona, can_add):
    client = client_for(request.getfixturevalue(persona))
    assert (client.get(reverse("admin:equipment_equipment_add")).status_code == 200) is can_add
    assert (client.get(reverse("admin:equipment_maintenancerecord_add")).status_code == 200) is can_add


def test_import_reports_each_bad_row_and_saves_nothing():
    RoomFactory(code="reading-room-2")
    EquipmentFactory(inventory_number="ОС-00001")
    data = tablib.Dataset(headers=HEADERS)
    data.append(["ОС-10001", "computer", "Оқырман компьютері", "HP ProDesk", "", "", "reading-room-2",
                 "in_service", "2025-09-01", "", "readers", ""])
    data.append(["ОС-10002", "toaster", "Тостер", "", "", "", "", "in_service", "2025-09-01", "", "", ""])
    data.append(["ОС-10003", "scanner", "Сканер", "", "", "", "no-such-room", "in_service", "2025-09-01", "", "", ""])
    data.append(["ОС-10004", "printer", "Принтер", "", "", "", "", "written_off", "2025-09-01", "", "", ""])
    result = EquipmentResource().import_data(data, dry_run=True)
    bad = {number for number, _errors in result.row_errors()} | {row.number for row in result.invalid_rows}
    assert bad == {2, 3, 4}
    assert Equipment.objects.count() == 1


def test_import_of_a_clean_file_adds_and_reimport_updates():
    RoomFactory(code="reading-room-2")
    data = tablib.Dataset(headers=HEADERS)
    data.append(["ОС-10001", "self_service", "Өзіне-өзі қызмет көрсету станциясы", "Bibliotheca", "", "",
                 "reading-room-2", "in_service", "2025-09-01", "", "", ""])
    result = EquipmentResource().import_data(data, dry_run=False)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    kiosk = Equipment.objects.get()
    assert kiosk.workstation_for == WorkstationFor.READERS  # a self-service station serves readers
    data[0] = ["ОС-10001", "self_service", "Станция", "Bibliotheca", "", "", "reading-room-2", "under_repair",
               "2025-09-01", "", "readers", ""]
    EquipmentResource().import_data(data, dry_run=False)
    kiosk.refresh_from_db()
    assert (Equipment.objects.count(), kiosk.state) == (1, EquipmentState.UNDER_REPAIR)


def test_export_lists_the_register():
    EquipmentFactory(inventory_number="ОС-00077", kind=EquipmentKind.SCANNER)
    exported = EquipmentResource().export()
    assert exported.dict[0]["inventory_number"] == "ОС-00077"
    assert exported.dict[0]["kind"] == "scanner"


@freeze_time("2026-03-10 09:00:00+05:00")
def test_overdue_maintenance_is_queued_for_the_automation_department(digital_librarian, librarian):
    MaintenancePlanFactory(next_due_on=dt.date(2026, 3, 1))
    queues = {entry.key: entry.count for entry in registry.queues_for(digital_librarian)}
    assert queues["equipment.maintenance_overdue"] == 1
    assert "equipment.maintenance_overdue" not in {entry.key for entry in registry.queues_for(librarian)}


@freeze_time("2026-03-10 09:00:00+05:00")
def test_overview_shows_counts_chart_and_overdue(client_for, director, django_assert_max_num_queries):
    for _i in range(2):
        MaintenancePlanFactory(next_due_on=dt.date(2026, 3, 1), equipment__location=RoomFactory())
    client = client_for(director)
    with django_assert_max_num_queries(25) as first:
        page = client.get(reverse("equipment:overview"))
    assert "<svg" in page.content.decode()
    for _i in range(6):
        MaintenancePlanFactory(next_due_on=dt.date(2026, 3, 1), equipment__location=RoomFactory(),
                               equipment__kind=EquipmentKind.SCANNER)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("equipment:overview"))
