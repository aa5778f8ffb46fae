"""Use cases of the equipment register that write: the register's rows, maintenance done, the daily check of
overdue maintenance, and the director's requests to the university's services (604-01, 606-xx)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import EquipmentState, MaintenanceOutcome, ServiceRequestKind, ServiceRequestStatus
from .exceptions import EquipmentError
from .models import Equipment, MaintenancePlan, MaintenanceRecord, ServiceRequest, ServiceRequestItem
from .signals import maintenance_overdue


@transaction.atomic
def equipment_save(*, equipment: Equipment) -> Equipment:
    """Add or change a unit of the register (the admin's form and the register's import both come here)."""
    equipment.full_clean()
    equipment.save()
    return equipment


@transaction.atomic
def maintenance_plan_save(*, plan: MaintenancePlan) -> MaintenancePlan:
    plan.full_clean()
    plan.save()
    return plan


def maintenance_record_problem(*, equipment: Equipment, plan: MaintenancePlan | None, done_on: dt.date) -> str | None:
    """Why this maintenance cannot be logged, or None (the admin's form shows it, the service refuses by it)."""
    if plan is not None and plan.equipment_id != equipment.pk:
        return _("The planned maintenance belongs to another unit.")
    if equipment.state == EquipmentState.WRITTEN_OFF:
        return _("The unit is written off.")
    if done_on > timezone.localdate():
        return _("Maintenance is logged once done: the date is in the future.")
    return None


@transaction.atomic
def maintenance_record(
    *,
    equipment: Equipment,
    done_on: dt.date,
    work: str,
    performed_by: str,
    outcome: str,
    plan: MaintenancePlan | None = None,
    recorded_by=None,
    record: MaintenanceRecord | None = None,
) -> MaintenanceRecord:
    """Log maintenance done on a unit. Done for a plan, it moves the plan's next date on by its interval (a
    one-off plan is then finished); the outcome moves the unit to repair and back."""
    problem = maintenance_record_problem(equipment=equipment, plan=plan, done_on=done_on)
    if problem:
        raise EquipmentError(problem)
    record = record or MaintenanceRecord()
    record.equipment, record.plan, record.done_on = equipment, plan, done_on
    record.work, record.performed_by, record.outcome = work.strip(), performed_by.strip(), outcome
    if record.recorded_by_id is None:
        record.recorded_by = recorded_by
    record.full_clean()
    record.save()
    if plan is not None:
        plan = MaintenancePlan.objects.select_for_update().get(pk=plan.pk)
        if plan.interval_days:
            plan.next_due_on = done_on + dt.timedelta(days=plan.interval_days)
        else:
            plan.next_due_on, plan.is_active = None, False
        plan.save(update_fields=["next_due_on", "is_active"])
    state = {MaintenanceOutcome.SENT_FOR_REPAIR: EquipmentState.UNDER_REPAIR,
             MaintenanceOutcome.WORKING: EquipmentState.IN_SERVICE}.get(outcome)
    if state and equipment.state != state:
        equipment.state = state
        equipment.save(update_fields=["state"])
    return record


def maintenance_overdue_check(*, on: dt.date | None = None) -> int:
    """The daily check (risk 4.1 "timely preventive work"): announce every planned maintenance past its date, so
    that `risks` records it. Idempotent: the event of a missed date is keyed by it, so a second run (or the next
    day's) adds nothing; a plan done late and missed again later gives a new event. Returns the number announced."""
    on = on or timezone.localdate()
    plans = list(MaintenancePlan.objects.overdue(on).select_related("equipment"))
    for plan in plans:
        maintenance_overdue.send(sender=MaintenancePlan, plan=plan, on=on)
    return len(plans)


def service_request_problems(*, kind: str, justification: str,
                             items: list[tuple[str, int, Equipment | None]]) -> list[str]:
    """What is wrong with a request before it is submitted (the admin's form shows it, the service refuses by it):
    no line, no justification, a line without item or quantity, a repair or expertise without its unit."""
    problems = []
    if not items:
        problems.append(_("A request lists at least one item."))
    if not (justification or "").strip():
        problems.append(_("Give the justification of the request."))
    needs_unit = kind in (ServiceRequestKind.REPAIR_HANDOVER, ServiceRequestKind.REPAIR_RETURN,
                          ServiceRequestKind.EXPERTISE)
    for number, (description, quantity, unit) in enumerate(items, start=1):
        if not (description or "").strip() or not quantity or quantity < 1:
            problems.append(_("Line %(n)s: name the item and a quantity of at least 1.") % {"n": number})
        elif needs_unit and unit is None:
            problems.append(_("Line %(n)s: a repair or an expertise names the unit.") % {"n": number})
    return problems


@transaction.atomic
def service_request_submit(
    *,
    kind: str,
    addressee: str,
    subject: str,
    justification: str,
    items: Iterable[tuple[str, int, Equipment | None]],
    submitted_by,
    submitted_on: dt.date | None = None,
    request: ServiceRequest | None = None,
) -> ServiceRequest:
    """The director's request to a university service (604-01, 606-xx): its lines (item, quantity, unit) checked
    first, then written with the request. Repairs and expertise name the unit concerned."""
    items = list(items)
    problems = service_request_problems(kind=kind, justification=justification, items=items)
    if problems:
        raise EquipmentError(" ".join(problems))
    request = request or ServiceRequest()
    request.kind, request.addressee, request.subject = kind, addressee.strip(), subject.strip()
    request.justification, request.submitted_by = justification.strip(), submitted_by
    request.submitted_on = submitted_on or timezone.localdate()
    request.status = ServiceRequestStatus.SUBMITTED
    request.full_clean()
    request.save()
    ServiceRequestItem.objects.bulk_create(
        [ServiceRequestItem(request=request, description=d.strip(), quantity=q, equipment=u) for d, q, u in items])
    return request


def _locked(request: ServiceRequest) -> ServiceRequest:
    return ServiceRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def service_request_accept(*, request: ServiceRequest, on: dt.date | None = None,
                           remarks: str = "") -> ServiceRequest:
    """The service has accepted the request (submitted → accepted)."""
    request = _locked(request)
    if not request.can_be_accepted:
        raise EquipmentError(_("Only a submitted request is accepted."))
    on = on or timezone.localdate()
    if on < request.submitted_on:
        raise EquipmentError(_("A request is accepted after it was submitted."))
    request.status, request.accepted_on = ServiceRequestStatus.ACCEPTED, on
    if remarks.strip():
        request.remarks = "\n".join(filter(None, [request.remarks, remarks.strip()]))
    request.save(update_fields=["status", "accepted_on", "remarks"])
    return request


@transaction.atomic
def service_request_close(*, request: ServiceRequest, status: str, on: dt.date | None = None,
                          remarks: str = "") -> ServiceRequest:
    """The request's end: done (after it was accepted) or refused (at any open step, with the service's remarks)."""
    request = _locked(request)
    on = on or timezone.localdate()
    if status == ServiceRequestStatus.DONE and request.status != ServiceRequestStatus.ACCEPTED:
        raise EquipmentError(_("Only an accepted request is done."))
    if status == ServiceRequestStatus.REFUSED and not request.can_be_closed:
        raise EquipmentError(_("The request is already closed."))
    if status not in (ServiceRequestStatus.DONE, ServiceRequestStatus.REFUSED):
        raise EquipmentError(_("A request ends done or refused."))
    if status == ServiceRequestStatus.REFUSED and not remarks.strip():
        raise EquipmentError(_("Write the reason of the refusal in the remarks."))
    if on < (request.accepted_on or request.submitted_on):
        raise EquipmentError(_("A request is closed after it was submitted and accepted."))
    request.status, request.closed_on = status, on
    if remarks.strip():
        request.remarks = "\n".join(filter(None, [request.remarks, remarks.strip()]))
    request.save(update_fields=["status", "closed_on", "remarks"])
    return request
