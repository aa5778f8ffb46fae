"""Staff qualification (QP 607-2023 §5.1, indicators of section 7: "staff trained and certified", "the plan of
qualification improvement", "staff certificates"): each employee's certificates, the trainings a role requires,
the yearly qualification plan, and the register of the library's local regulations with their revision dates."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import ROLE_LABELS
from core.models import MultilingualName

from ..constants import QualificationPlanStatus, RegulationKind, RegulationStatus
from .plans import StaffDevelopmentEvent

ROLE_CHOICES = list(ROLE_LABELS.items())


class TrainingProgramme(MultilingualName):
    """A training or certification the library recognises (e.g. "Library system: cataloguing module",
    "Fire safety"), with how long its certificate stays valid."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    valid_for_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), null=True, blank=True, help_text=_("Empty: the certificate never expires."))

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["code"]


class RequiredTraining(models.Model):
    """A training every holder of a role must have, with a valid certificate (the role's qualification
    requirement, §5.1 "job qualification requirements")."""

    role = models.CharField(_("role"), max_length=32, choices=ROLE_CHOICES)
    programme = models.ForeignKey(TrainingProgramme, on_delete=models.CASCADE, related_name="requirements",
                                  verbose_name=_("training programme"))

    class Meta:
        verbose_name = _("required training")
        verbose_name_plural = _("required trainings")
        ordering = ["role", "programme__code"]
        constraints = [
            models.UniqueConstraint(fields=["role", "programme"], name="planning_required_training_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.programme}"


class StaffCertificateQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day), completed_on__lte=day)


class StaffCertificate(models.Model):
    """A training an employee completed and the certificate that proves it (§5.1 "certificates of staff
    confirming new knowledge"). A staff development event (trainings, seminars) can be its source."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates",
                               verbose_name=_("employee"))
    programme = models.ForeignKey(TrainingProgramme, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="certificates", verbose_name=_("training programme"),
                                  help_text=_("The programme it counts for in the roles' requirements."))
    course = models.CharField(_("course"), max_length=300)
    provider = models.CharField(_("provider"), max_length=200)
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    completed_on = models.DateField(_("date"), db_index=True)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    file = models.FileField(_("certificate file"), upload_to="planning/certificates/%Y/", blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    event = models.ForeignKey(StaffDevelopmentEvent, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="certificates", verbose_name=_("staff development event"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StaffCertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff certificate")
        verbose_name_plural = _("staff certificates and trainings")
        ordering = ["-completed_on", "person"]
        permissions = [("see_qualification_gaps", _("Can see who lacks the trainings their role requires"))]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("completed_on")),
                                   name="planning_certificate_valid_after_completed"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.course} · {self.completed_on:%d.%m.%Y}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.valid_until and self.completed_on and self.valid_until < self.completed_on:
            raise ValidationError({"valid_until": _("A certificate cannot expire before the training ends.")})

    def is_valid_on(self, day: dt.date) -> bool:
        return self.completed_on <= day and (self.valid_until is None or self.valid_until >= day)


class QualificationPlanItem(models.Model):
    """A line of the library's yearly qualification plan (§5.1, section 7 "plan of qualification improvement"):
    a training planned for a person, or for every holder of a role."""

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="qualification_plan", verbose_name=_("employee"))
    role = models.CharField(_("role"), max_length=32, choices=ROLE_CHOICES, blank=True)
    programme = models.ForeignKey(TrainingProgramme, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="plan_items", verbose_name=_("training programme"))
    title = models.CharField(_("training"), max_length=300)
    planned_by = models.DateField(_("planned by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=QualificationPlanStatus.choices,
                              default=QualificationPlanStatus.PLANNED)
    certificate = models.ForeignKey(StaffCertificate, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("certificate obtained"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("qualification plan item")
        verbose_name_plural = _("qualification plan")
        ordering = ["-year", "planned_by", "id"]
        constraints = [
            # A line is for a person or for a role, never for nobody.
            models.CheckConstraint(condition=Q(person__isnull=False) | ~Q(role=""),
                                   name="planning_qualification_plan_person_or_role"),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.person or self.get_role_display()} · {self.title}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.person_id is None and not self.role:
            raise ValidationError(_("Name the employee or the role the training is planned for."))


class LocalRegulationQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=RegulationStatus.IN_FORCE)

    def revision_overdue(self, on: dt.date):
        """Regulations in force whose revision date has passed."""
        return self.in_force().filter(revision_due__lt=on)


class LocalRegulation(models.Model):
    """The register of the library's local regulations (§5.1 "local normative acts, rules and procedures that
    regulate the library's work"): each with its number, approval date, revision date and who keeps it."""

    kind = models.CharField(_("kind"), max_length=12, choices=RegulationKind.choices,
                            default=RegulationKind.REGULATION)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("number"), max_length=50)
    approved_on = models.DateField(_("approved on"))
    revision_due = models.DateField(_("revision due"), db_index=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("responsible"))
    file = models.FileField(_("file"), upload_to="planning/regulations/", blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RegulationStatus.choices,
                              default=RegulationStatus.IN_FORCE)

    objects = LocalRegulationQuerySet.as_manager()

    class Meta:
        verbose_name = _("local regulation")
        verbose_name_plural = _("local regulations")
        ordering = ["revision_due", "number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="planning_regulation_number_unique"),
            models.CheckConstraint(condition=Q(revision_due__gt=models.F("approved_on")),
                                   name="planning_regulation_revision_after_approval"),
        ]

    def __str__(self) -> str:
        return f"№ {self.number} {self.title}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.approved_on and self.revision_due and self.revision_due <= self.approved_on:
            raise ValidationError({"revision_due": _("The revision comes after the approval.")})

    def is_revision_overdue(self, on: dt.date) -> bool:
        return self.status == RegulationStatus.IN_FORCE and self.revision_due < on
