"""The approval chain of plans and reports (QP 607-2023 §5.1): the history of its steps, the planning calendar of
the library (deadlines kept as data, not code) and the log of the reminders sent before each deadline."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import (
    DEFAULT_REMIND_DAYS_BEFORE,
    ApprovalDecision,
    ApprovalDocument,
    ApprovalStage,
    PlanPeriod,
    ReminderStatus,
)
from .plans import WorkPlan


class ApprovalStep(models.Model):
    """One step of the approval history of a plan (607-01; the library's plan: 404-05) or a report (607-02; the
    library's annual report: 502-02): who, when, the decision and the remarks. Written only by
    `services.approval_submit` / `services.approval_decide`; never changed or deleted, so a returned and
    resubmitted plan keeps every round."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="approval_steps",
                             verbose_name=_("plan"))
    document = models.CharField(_("document"), max_length=8, choices=ApprovalDocument.choices)
    stage = models.CharField(_("step"), max_length=12, choices=ApprovalStage.choices)
    decision = models.CharField(_("decision"), max_length=12, choices=ApprovalDecision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("by"))
    decided_on = models.DateField(_("date of the decision"))
    comment = models.TextField(_("comment"), blank=True)
    reference = models.CharField(_("minutes"), max_length=100, blank=True,
                                 help_text=_("Number of the Academic Council's minutes, when it decided."))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("approval step")
        verbose_name_plural = _("approval history")
        ordering = ["plan", "recorded_at", "id"]
        indexes = [models.Index(fields=["plan", "document", "recorded_at"], name="planning_step_plan_doc_idx")]
        constraints = [
            # A returned plan goes back with the remarks its author must act on.
            models.CheckConstraint(condition=~models.Q(decision=ApprovalDecision.RETURNED) | ~models.Q(comment=""),
                                   name="planning_step_return_has_remarks"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.get_document_display()} · {self.get_decision_display()}"

    @property
    def is_return(self) -> bool:
        return self.decision == ApprovalDecision.RETURNED


class PlanningDeadlineQuerySet(models.QuerySet):
    def reminding_on(self, day: dt.date):
        """Deadlines whose reminder window (`remind_days_before` days up to the deadline itself) holds `day`."""
        return self.filter(due_on__gte=day, remind_from__lte=day)


class PlanningDeadline(models.Model):
    """The library's planning calendar (§5.1): by when the plans or reports of a period must be submitted by
    their authors, or decided at a step of the chain. Dates are the library's settings, edited by the director;
    reminders go out `remind_days_before` days ahead (`services.approval_reminders_send`)."""

    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=4, choices=PlanPeriod.choices, default=PlanPeriod.YEAR)
    document = models.CharField(_("document"), max_length=8, choices=ApprovalDocument.choices)
    stage = models.CharField(_("who must act"), max_length=12, choices=ApprovalStage.choices)
    due_on = models.DateField(_("deadline"))
    remind_days_before = models.PositiveSmallIntegerField(_("remind days before"),
                                                          default=DEFAULT_REMIND_DAYS_BEFORE)
    # Kept with the row (due_on − remind_days_before) so the daily job finds its deadlines with one indexed query.
    remind_from = models.DateField(_("reminders from"), editable=False)

    objects = PlanningDeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("planning deadline")
        verbose_name_plural = _("planning calendar")
        ordering = ["due_on", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["year", "period", "document", "stage"],
                                    name="planning_deadline_unique"),
        ]

    def __str__(self) -> str:
        return (f"{self.year} · {self.get_period_display()} · {self.get_document_display()} · "
                f"{self.get_stage_display()} · {self.due_on:%d.%m.%Y}")

    def save(self, *args, **kwargs):
        self.remind_from = self.due_on - dt.timedelta(days=self.remind_days_before)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "remind_from"}
        super().save(*args, **kwargs)


class ApprovalReminder(models.Model):
    """The log of the e-mail reminders of the planning calendar: one per deadline and person, so the daily job
    run twice sends it once. Sent by a Celery task with retries; its status says whether it went or why not."""

    deadline = models.ForeignKey(PlanningDeadline, on_delete=models.CASCADE, related_name="reminders",
                                 verbose_name=_("deadline"))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("recipient"))
    email = models.EmailField(_("e-mail"), blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=12, choices=ReminderStatus.choices,
                              default=ReminderStatus.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When it was last sent to the queue: a reminder still waiting long after is queued again (core.queueing).
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("planning reminder")
        verbose_name_plural = _("planning reminders")
        ordering = ["-created_at"]
        constraints = [
            # The idempotence of the daily job: a person is reminded of a deadline once.
            models.UniqueConstraint(fields=["deadline", "recipient"], name="planning_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.deadline}"
