"""Planning (sub-process 5.1): outgoing letters on the letterhead (607-04), departments' work plans (607-01)
and reports (607-02), innovation and best-practice cards (607-03), minutes of the Methodological Council,
staff development, and the continuous-improvement decisions of section 7."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.constants import Subprocess

from ..constants import (
    OPEN_FOLLOW_UP,
    PLAN_EDITABLE,
    PLAN_STATUS_AT,
    REPORT_EDITABLE,
    REPORT_STATUS_AT,
    ApprovalDocument,
    ApprovalStage,
    FigureSource,
    FollowUpStatus,
    ImprovementSource,
    InnovationKind,
    InnovationStatus,
    PlanPeriod,
    PlanStatus,
    ReportStatus,
    StaffDevelopmentKind,
)


class OutgoingLetter(models.Model):
    """An official letter of the library, printed on the letterhead (ҚазҰТЗУ 607-04 Ү).

    Numbered per calendar year without gaps (`services.outgoing_letter_register`); once registered the
    letter is never deleted or rewritten: a mistaken letter is cancelled with a reason.
    """

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    registered_on = models.DateField(_("date"))
    addressee = models.TextField(_("addressee"), help_text=_("Organisation, position and name, as printed."))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text of the letter"))
    signatory_name = models.CharField(_("signatory"), max_length=200)
    signatory_position = models.CharField(_("signatory's position"), max_length=200)
    executor = models.CharField(_("executor and phone"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_reason = models.CharField(_("reason for cancellation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("outgoing letter")
        verbose_name_plural = _("outgoing letters")
        ordering = ["-year", "-number"]
        constraints = [
            # The letter's number is its identity in the year: the registry prints "№ N" on the letterhead.
            models.UniqueConstraint(fields=["year", "number"], name="planning_letter_year_number_unique"),
        ]

    def __str__(self) -> str:
        return f"№ {self.reference} — {self.subject}"

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class WorkPlan(models.Model):
    """A library department's work plan (607-01) for a half-year or a calendar year, and — once its actual
    figures are in — the department's report (607-02). Without a department it is the library's plan,
    consolidated by the director from the departments' plans."""

    department = models.ForeignKey(
        "accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True, related_name="work_plans",
        verbose_name=_("library department"), help_text=_("Empty for the library's consolidated plan."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=4, choices=PlanPeriod.choices, default=PlanPeriod.YEAR)
    status = models.CharField(_("plan status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT,
                              db_index=True)
    report_status = models.CharField(_("report status"), max_length=16, choices=ReportStatus.choices,
                                     default=ReportStatus.NOT_STARTED, db_index=True)
    report_summary = models.TextField(_("summary of the report"), blank=True,
                                      help_text=_("What else was done, problems, proposals."))
    figures_filled_at = models.DateTimeField(_("figures filled from the data at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("drawn up by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("work plan and report")
        verbose_name_plural = _("work plans and reports")
        ordering = ["-year", "period", "department__code"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "period"], name="planning_plan_dept_period_unique",
                                    condition=models.Q(department__isnull=False)),
            # One consolidated plan of the library per period.
            models.UniqueConstraint(fields=["year", "period"], name="planning_plan_library_period_unique",
                                    condition=models.Q(department__isnull=True)),
        ]
        permissions = [
            ("approve_plan_as_director", _("Can approve plans and reports as the library's director")),
            ("agree_plan_as_vice_rector", _("Can agree the library's plan as the supervising vice-rector (404-05)")),
            ("record_council_approval", _("Can record the Academic Council's approval of the annual report (502-02)")),
            ("compile_library_plan", _("Can compile and submit the library's consolidated plan and report")),
        ]

    def __str__(self) -> str:
        owner = self.department.name if self.department_id else _("Scientific Library")
        return f"{owner} · {self.year} · {self.get_period_display()}"

    @property
    def is_consolidated(self) -> bool:
        return self.department_id is None

    def chain(self, document: str) -> tuple[str, ...]:
        """The approvers' steps of the plan or the report, in order (QP 607-2023 §5.1): a department's plan and
        report go to the director; the library's plan is agreed with the vice-rector (404-05), then approved by
        the director; the library's annual report is approved by the Academic Council (502-02)."""
        if not self.is_consolidated:
            return (ApprovalStage.DIRECTOR,)
        if document == ApprovalDocument.PLAN:
            return (ApprovalStage.VICE_RECTOR, ApprovalStage.DIRECTOR)
        if self.period == PlanPeriod.YEAR:
            return (ApprovalStage.COUNCIL,)
        return (ApprovalStage.DIRECTOR,)

    def status_of(self, document: str) -> str:
        return self.status if document == ApprovalDocument.PLAN else self.report_status

    def pending_stage(self, document: str) -> str | None:
        """The approver's step the plan or report waits at, or None (with its author, or approved)."""
        status = self.status_of(document)
        at = PLAN_STATUS_AT if document == ApprovalDocument.PLAN else REPORT_STATUS_AT
        return next((stage for stage, value in at.items() if value == status), None)

    def is_with_author(self, document: str) -> bool:
        """The author may edit it and send it (again) into the chain: a draft or a returned document."""
        editable = PLAN_EDITABLE if document == ApprovalDocument.PLAN else REPORT_EDITABLE
        return self.status_of(document) in editable

    @property
    def is_plan_editable(self) -> bool:
        return self.is_with_author(ApprovalDocument.PLAN)

    @property
    def is_report_editable(self) -> bool:
        return self.is_with_author(ApprovalDocument.REPORT)

    @property
    def is_plan_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED

    @property
    def date_from(self) -> dt.date:
        return PlanPeriod(self.period).dates(self.year)[0]

    @property
    def date_to(self) -> dt.date:
        return PlanPeriod(self.period).dates(self.year)[1]


class PlanActivity(models.Model):
    """A line of a work plan (607-01): what, by when, who is responsible, the target figure; in the report
    (607-02) the actual figure — filled from the data when the line is tied to an indicator."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("plan"))
    position = models.PositiveSmallIntegerField(_("№"), default=0)
    subprocess = models.CharField(_("sub-process"), max_length=3, choices=Subprocess.choices, blank=True)
    description = models.TextField(_("activity"))
    deadline = models.DateField(_("deadline"), null=True, blank=True, help_text=_("Empty: throughout the period."))
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    indicator = models.CharField(
        _("indicator"), max_length=60, blank=True,
        help_text=_("When set, the actual figure is filled in from the system's data for the period."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    target = models.PositiveIntegerField(_("target figure"), null=True, blank=True)
    actual = models.PositiveIntegerField(_("actual figure"), null=True, blank=True)
    actual_source = models.CharField(_("actual figure from"), max_length=8, choices=FigureSource.choices, blank=True)
    result = models.TextField(_("what was done"), blank=True)
    source_activity = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="consolidated_copies",
        verbose_name=_("from the department's plan"),
    )

    class Meta:
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self):
        from django.core.exceptions import ValidationError

        from ..indicators import INDICATORS

        if self.indicator and self.indicator not in INDICATORS:
            raise ValidationError({"indicator": _("Unknown indicator.")})

    @property
    def completion_percent(self) -> int | None:
        if not self.target or self.actual is None:
            return None
        return round(self.actual * 100 / self.target)

    @property
    def is_figure_from_data(self) -> bool:
        """The actual figure was filled from the system's data (marked * in the report; never typed over)."""
        return self.actual_source == FigureSource.DATA


class InnovationCard(models.Model):
    """Card of implementation of an innovation or a best practice (607-03), numbered per year."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=InnovationKind.choices, default=InnovationKind.INNOVATION)
    title = models.CharField(_("title"), max_length=300)
    department = models.ForeignKey("accounts.LibraryDepartment", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("library department"))
    subprocess = models.CharField(_("sub-process"), max_length=3, choices=Subprocess.choices, blank=True)
    authors = models.CharField(_("authors"), max_length=300)
    source = models.CharField(_("where the practice comes from"), max_length=300, blank=True)
    description = models.TextField(_("essence of the innovation"))
    resources = models.TextField(_("resources needed"), blank=True)
    expected_effect = models.TextField(_("expected effect"), blank=True)
    proposed_on = models.DateField(_("proposed on"))
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    achieved_effect = models.TextField(_("effect achieved"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=InnovationStatus.choices,
                              default=InnovationStatus.PROPOSED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("registered by"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("innovation card")
        verbose_name_plural = _("innovation and best-practice cards")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="planning_innovation_year_number_unique"),
        ]

    def __str__(self) -> str:
        return f"№ {self.reference} — {self.title}"

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def is_innovation(self) -> bool:
        """An innovation rather than a best practice taken up (the card's "type" line)."""
        return self.kind == InnovationKind.INNOVATION


class CouncilMeeting(models.Model):
    """Minutes of a meeting of the library's Methodological Council (§5.1), numbered per year."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    held_on = models.DateField(_("held on"))
    chair = models.CharField(_("chair"), max_length=200)
    secretary = models.CharField(_("secretary"), max_length=200)
    attendees = models.TextField(_("present"), blank=True)
    agenda = models.TextField(_("agenda"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("registered by"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Methodological Council minutes")
        verbose_name_plural = _("Methodological Council minutes")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="planning_council_year_number_unique"),
        ]

    def __str__(self) -> str:
        return f"№ {self.number}/{self.year} · {self.held_on:%d.%m.%Y}"


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_FOLLOW_UP)

    def overdue(self, on: dt.date):
        return self.open().filter(deadline__lt=on)


class FollowUp(models.Model):
    """A decision with a responsible person, a deadline and its follow-up."""

    responsible = models.CharField(_("responsible"), max_length=200)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("follow-up status"), max_length=12, choices=FollowUpStatus.choices,
                              default=FollowUpStatus.OPEN)
    follow_up = models.TextField(_("follow-up"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_overdue(self, on: dt.date) -> bool:
        return self.status in OPEN_FOLLOW_UP and self.deadline is not None and self.deadline < on


class CouncilDecision(FollowUp):
    """A decision of the Methodological Council on an item of the agenda, followed up to completion."""

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="decisions",
                                verbose_name=_("minutes"))
    agenda_item = models.CharField(_("agenda item"), max_length=300)
    decision = models.TextField(_("decision"))

    class Meta:
        verbose_name = _("Methodological Council decision")
        verbose_name_plural = _("Methodological Council decisions")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.decision[:80]


class ImprovementDecision(FollowUp):
    """A continuous-improvement decision of section 7: what an analysis found and what was decided."""

    decided_on = models.DateField(_("decided on"))
    source = models.CharField(_("arising from"), max_length=16, choices=ImprovementSource.choices)
    subprocess = models.CharField(_("sub-process"), max_length=3, choices=Subprocess.choices, blank=True)
    finding = models.TextField(_("finding"))
    decision = models.TextField(_("decision"))
    effect = models.TextField(_("effect"), blank=True)

    class Meta:
        verbose_name = _("improvement decision")
        verbose_name_plural = _("continuous improvement")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.decision[:80]


class StaffDevelopmentEvent(models.Model):
    """Organisational-methodical support (§5.1, indicators of section 7): trainings, seminars and
    certifications of library staff, and methodical materials issued."""

    kind = models.CharField(_("kind"), max_length=16, choices=StaffDevelopmentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("date"), db_index=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    participants = models.PositiveSmallIntegerField(_("staff taking part"), default=0)
    certified = models.PositiveSmallIntegerField(_("staff certified"), default=0)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("staff development event")
        verbose_name_plural = _("staff development")
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(certified__lte=models.F("participants")) |
                                   models.Q(kind=StaffDevelopmentKind.METHODICAL_MATERIAL),
                                   name="planning_staffdev_certified_le_participants"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.held_on:%d.%m.%Y}"
