"""The equipment the library runs on (QP 607 §5.1 "material and technical base", §5.4, risks 4.1 and 4.3):
the register of units and workstations, who works at a staff workstation, planned and done maintenance, and
the director's requests to the university's services (forms 604-01, 606-xx)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import (
    SELF_SERVICE_KINDS,
    EquipmentKind,
    EquipmentState,
    MaintenanceOutcome,
    ServiceRequestKind,
    ServiceRequestStatus,
    WorkstationFor,
)


class EquipmentQuerySet(models.QuerySet):
    def in_service_on(self, on: dt.date):
        """Units the library holds on that day: commissioned by then and not yet written off. A unit away for
        repair is still counted: it is the library's and comes back (the state says where it is today)."""
        return self.filter(commissioned_on__lte=on).filter(Q(written_off_on__isnull=True) | Q(written_off_on__gt=on))

    def in_service_during(self, date_from: dt.date, date_to: dt.date):
        return self.filter(commissioned_on__lte=date_to).filter(
            Q(written_off_on__isnull=True) | Q(written_off_on__gte=date_from))

    def workstations(self):
        return self.exclude(workstation_for="")


class Equipment(models.Model):
    """A unit of equipment (QP 607 §5.1, §7 "equipment", "workstations"): a computer, scanner, printer,
    self-service station, climate sensor…, with its place, inventory number and state."""

    kind = models.CharField(_("kind"), max_length=16, choices=EquipmentKind.choices)
    name = models.CharField(_("name"), max_length=200)
    model = models.CharField(_("model"), max_length=200, blank=True)
    inventory_number = models.CharField(_("inventory number"), max_length=40, unique=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    department = models.ForeignKey(
        "accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("library department"),
    )
    location = models.ForeignKey(
        "storage.Location", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("location"), help_text=_("The reading room, hall or room where the unit stands."),
    )
    state = models.CharField(_("state"), max_length=16, choices=EquipmentState.choices,
                             default=EquipmentState.IN_SERVICE)
    commissioned_on = models.DateField(_("commissioned on"))
    written_off_on = models.DateField(_("written off on"), null=True, blank=True)
    workstation_for = models.CharField(
        _("workstation for"), max_length=8, choices=WorkstationFor.choices, blank=True,
        help_text=_("Blank when the unit is not an automated workstation."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = EquipmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("equipment unit")
        verbose_name_plural = _("equipment")
        ordering = ["inventory_number"]
        constraints = [
            # equipment_count() reads the dates: a written-off unit says when, a unit in use does not.
            models.CheckConstraint(
                condition=Q(state=EquipmentState.WRITTEN_OFF, written_off_on__isnull=False)
                | (~Q(state=EquipmentState.WRITTEN_OFF) & Q(written_off_on__isnull=True)),
                name="equipment_written_off_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inventory_number} {self.name}"

    def clean(self) -> None:
        if self.kind in SELF_SERVICE_KINDS and not self.workstation_for:
            self.workstation_for = WorkstationFor.READERS
        if self.state == EquipmentState.WRITTEN_OFF and self.written_off_on is None:
            raise ValidationError({"written_off_on": _("Give the date the unit was written off.")})
        if self.state != EquipmentState.WRITTEN_OFF and self.written_off_on is not None:
            raise ValidationError({"written_off_on": _("Only a written-off unit has a write-off date.")})
        if self.written_off_on and self.commissioned_on and self.written_off_on < self.commissioned_on:
            raise ValidationError({"written_off_on": _("A unit is written off after it was commissioned.")})

    @property
    def is_workstation(self) -> bool:
        return bool(self.workstation_for)


class WorkstationAssignment(models.Model):
    """Who works at a staff workstation and since when (§7 "workstation users"); the open row is the current one."""

    equipment = models.ForeignKey(Equipment, on_delete=models.CASCADE, related_name="assignments",
                                  verbose_name=_("workstation"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("person"))
    assigned_on = models.DateField(_("assigned on"))
    released_on = models.DateField(_("released on"), null=True, blank=True)

    class Meta:
        verbose_name = _("workstation assignment")
        verbose_name_plural = _("workstation assignments")
        ordering = ["-assigned_on"]
        constraints = [
            models.UniqueConstraint(fields=["equipment"], condition=Q(released_on__isnull=True),
                                    name="equipment_assignment_one_open"),
            models.CheckConstraint(condition=Q(released_on__isnull=True) | Q(released_on__gte=models.F("assigned_on")),
                                   name="equipment_assignment_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.equipment} · {self.person}"

    def clean(self) -> None:
        if self.released_on and self.assigned_on and self.released_on < self.assigned_on:
            raise ValidationError({"released_on": _("A workstation is released after it was assigned.")})
        if self.equipment_id and not self.equipment.is_workstation:
            raise ValidationError({"equipment": _("Only a workstation is assigned to a person.")})


class MaintenancePlanQuerySet(models.QuerySet):
    def overdue(self, on: dt.date):
        """Planned maintenance whose date has passed on that day, on a unit the library still holds."""
        return self.filter(is_active=True, next_due_on__lt=on).exclude(equipment__state=EquipmentState.WRITTEN_OFF)


class MaintenancePlan(models.Model):
    """Planned (preventive) maintenance of a unit (risk 4.1: "timely preventive work"): what is done, every how
    many days, and when next. Recording the work moves the next date on by the interval."""

    equipment = models.ForeignKey(Equipment, on_delete=models.CASCADE, related_name="maintenance_plans",
                                  verbose_name=_("equipment"))
    work = models.CharField(_("work"), max_length=255)
    interval_days = models.PositiveSmallIntegerField(
        _("every (days)"), null=True, blank=True,
        help_text=_("Leave blank for a one-off maintenance on the next date."),
    )
    next_due_on = models.DateField(_("next due on"), null=True, blank=True, db_index=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = MaintenancePlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("planned maintenance")
        verbose_name_plural = _("planned maintenance")
        ordering = ["next_due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(interval_days__isnull=True) | Q(interval_days__gte=1),
                                   name="equipment_plan_interval_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.equipment} · {self.work}"

    def clean(self) -> None:
        if self.is_active and self.next_due_on is None:
            raise ValidationError({"next_due_on": _("An active plan has its next date.")})

    @property
    def overdue_key(self) -> str:
        """The cause of a risk event: this plan's missed date (one event per missed maintenance, not per check)."""
        return f"equipment.maintenance:{self.pk}:{self.next_due_on:%Y-%m-%d}"


class MaintenanceRecord(models.Model):
    """The maintenance log of a unit (§5.4 "restoring the equipment's work"): date, work done, by whom, outcome."""

    equipment = models.ForeignKey(Equipment, on_delete=models.CASCADE, related_name="maintenance_records",
                                  verbose_name=_("equipment"))
    plan = models.ForeignKey(MaintenancePlan, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="records", verbose_name=_("planned maintenance"))
    done_on = models.DateField(_("done on"))
    work = models.TextField(_("work done"))
    performed_by = models.CharField(_("by whom"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=16, choices=MaintenanceOutcome.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("maintenance record")
        verbose_name_plural = _("maintenance log")
        ordering = ["-done_on", "-id"]

    def __str__(self) -> str:
        return f"{self.equipment} · {self.done_on:%d.%m.%Y}"


class ServiceRequest(models.Model):
    """The director's request to a service of the university for equipment, services or repairs (QP 607 §5.1,
    forms 604-01, 606-04/05/06/07/10), followed from submitted to accepted and done or refused."""

    kind = models.CharField(_("form"), max_length=8, choices=ServiceRequestKind.choices)
    addressee = models.CharField(_("to (university service)"), max_length=200)
    subject = models.CharField(_("subject"), max_length=255)
    justification = models.TextField(_("justification"))
    status = models.CharField(_("status"), max_length=12, choices=ServiceRequestStatus.choices,
                              default=ServiceRequestStatus.SUBMITTED, db_index=True)
    submitted_on = models.DateField(_("submitted on"))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("submitted by"))

    class Meta:
        verbose_name = _("request to the university's services")
        verbose_name_plural = _("requests to the university's services")
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} · {self.subject}"

    @property
    def can_be_accepted(self) -> bool:
        return self.status == ServiceRequestStatus.SUBMITTED

    @property
    def can_be_closed(self) -> bool:
        return self.status in (ServiceRequestStatus.SUBMITTED, ServiceRequestStatus.ACCEPTED)


class ServiceRequestItem(models.Model):
    """A line of a request: what is asked for, how many, and the unit concerned when it is a repair."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="items",
                                verbose_name=_("request"))
    description = models.CharField(_("item"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("equipment"))

    class Meta:
        verbose_name = _("request line")
        verbose_name_plural = _("request lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="equipment_request_item_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.description} × {self.quantity}"
