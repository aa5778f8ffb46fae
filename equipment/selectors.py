"""Reads of the equipment register for §7's indicators, the overview page and the queues."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from .constants import EquipmentKind, EquipmentState, ServiceRequestStatus
from .models import Equipment, MaintenancePlan, ServiceRequest, WorkstationAssignment

OPEN_REQUEST_STATUSES = (ServiceRequestStatus.SUBMITTED, ServiceRequestStatus.ACCEPTED)


def equipment_count(on: dt.date) -> int:
    """§7 "equipment": units in service on that day, i.e. commissioned on or before it and not written off on or
    before it (a unit away for repair still counts: it is the library's and comes back)."""
    return Equipment.objects.in_service_on(on).count()


def workstation_count(on: dt.date) -> int:
    """§7 "workstations": the units in service that day (as `equipment_count`) marked as a workstation, for
    staff (АЖО) or for readers (readers' PCs and self-service stations)."""
    return Equipment.objects.in_service_on(on).workstations().count()


def workstation_users(date_from: dt.date, date_to: dt.date) -> int:
    """§7 "workstation users": distinct people assigned to a workstation for at least one day of the period,
    on a workstation in service during it. Readers' PCs and self-service stations have no assigned person, so
    this counts the staff working at workstations."""
    return (
        WorkstationAssignment.objects
        .filter(assigned_on__lte=date_to)
        .filter(Q(released_on__isnull=True) | Q(released_on__gte=date_from))
        .filter(equipment__in=Equipment.objects.in_service_during(date_from, date_to).workstations())
        .values("person").distinct().count()
    )


def overdue_maintenance(on: dt.date):
    """Planned maintenance past its date on that day, oldest first, with its unit."""
    return MaintenancePlan.objects.overdue(on).select_related("equipment", "equipment__location").order_by(
        "next_due_on", "id")


def overdue_maintenance_count(on: dt.date) -> int:
    return MaintenancePlan.objects.overdue(on).count()


def open_requests_count() -> int:
    return ServiceRequest.objects.filter(status__in=OPEN_REQUEST_STATUSES).count()



def register_overview(on: dt.date) -> list[dict]:
    """Per kind: units in service that day, of them workstations and under repair (one grouped query)."""
    held = Equipment.objects.in_service_on(on)
    counts = {
        row["kind"]: row for row in held.values("kind").annotate(
            total=Count("id"),
            workstations=Count("id", filter=~Q(workstation_for="")),
            under_repair=Count("id", filter=Q(state=EquipmentState.UNDER_REPAIR)),
        )
    }
    return [
        {"kind": kind, "label": kind.label, "total": counts.get(kind, {}).get("total", 0),
         "workstations": counts.get(kind, {}).get("workstations", 0),
         "under_repair": counts.get(kind, {}).get("under_repair", 0)}
        for kind in EquipmentKind
    ]
