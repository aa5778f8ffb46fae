"""The risk register of section 6 of QP 607-2023: risks per sub-process, their prevention measures, reviews
of their assessment, and the events in which a risk materialised."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.constants import Subprocess
from core.periods import period_filter

from .constants import SEVERITY_BANDS, EventSource, Impact, Likelihood, MeasureStatus, Severity


def _in_language(row, field: str, language: str | None = None) -> str:
    code = (language or get_language() or "kk").split("-")[0]
    return getattr(row, f"{field}_{code}", "") or getattr(row, f"{field}_kk")


def severity_of(score: int) -> str:
    """The band of a likelihood × impact score."""
    for upper, band in SEVERITY_BANDS:
        if score <= upper:
            return band
    return Severity.SEVERE


class RiskQuerySet(models.QuerySet):
    def assessed(self):
        return self.filter(likelihood__isnull=False)

    def annotate_event_count(self):
        return self.annotate(event_count=models.Count("events"))


class Risk(models.Model):
    """A risk of section 6 (numbered per sub-process, "2.1"): what may happen, its consequence, impact and
    likelihood, the department that owns it, and the dates of its reviews."""

    code = models.CharField(_("number"), max_length=8, unique=True, help_text=_('As in section 6, e.g. "2.1".'))
    subprocess = models.CharField(_("sub-process"), max_length=3, choices=Subprocess.section_5_choices())
    title_kk = models.TextField(_("risk (Kazakh)"))
    title_ru = models.TextField(_("risk (Russian)"), blank=True)
    title_en = models.TextField(_("risk (English)"), blank=True)
    consequence_kk = models.TextField(_("consequence (Kazakh)"))
    consequence_ru = models.TextField(_("consequence (Russian)"), blank=True)
    consequence_en = models.TextField(_("consequence (English)"), blank=True)
    impact = models.PositiveSmallIntegerField(_("impact"), choices=Impact.choices)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), choices=Likelihood.choices, null=True, blank=True,
        help_text=_("Empty until the risk owner assesses it at a review."),
    )
    owner = models.ForeignKey(
        "accounts.LibraryDepartment", on_delete=models.PROTECT, related_name="risks", verbose_name=_("owner"),
    )
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)

    objects = RiskQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(impact__gte=1, impact__lte=3), name="risks_risk_impact_range"),
            models.CheckConstraint(
                condition=models.Q(likelihood__isnull=True) | models.Q(likelihood__gte=1, likelihood__lte=5),
                name="risks_risk_likelihood_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def consequence(self) -> str:
        return _in_language(self, "consequence")

    @property
    def score(self) -> int | None:
        """Likelihood × impact; None while the likelihood is not assessed."""
        return None if self.likelihood is None else self.likelihood * self.impact

    @property
    def severity(self) -> str | None:
        return None if self.score is None else severity_of(self.score)


class RiskMeasure(models.Model):
    """A planned prevention measure of a risk (section 6, "planned measures"), with its deadline and status."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="measures", verbose_name=_("risk"))
    description_kk = models.TextField(_("measure (Kazakh)"))
    description_ru = models.TextField(_("measure (Russian)"), blank=True)
    description_en = models.TextField(_("measure (English)"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("prevention measure")
        verbose_name_plural = _("prevention measures")
        ordering = ["risk__code", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def description(self) -> str:
        return _in_language(self, "description")

    def is_overdue(self, on: dt.date) -> bool:
        open_ = self.status in (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)
        return open_ and self.deadline is not None and self.deadline < on


class RiskReview(models.Model):
    """A review of a risk's assessment: the likelihood and impact found on that date (section 6 reviews)."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("risk"))
    reviewed_on = models.DateField(_("reviewed on"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), choices=Likelihood.choices)
    impact = models.PositiveSmallIntegerField(_("impact"), choices=Impact.choices)
    conclusion = models.TextField(_("conclusion"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        verbose_name = _("risk review")
        verbose_name_plural = _("risk reviews")
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.risk.code} · {self.reviewed_on:%d.%m.%Y}"


class RiskEventQuerySet(models.QuerySet):
    def in_period(self, date_from: dt.date, date_to: dt.date):
        return self.filter(period_filter("occurred_at", date_from, date_to))


class RiskEvent(models.Model):
    """A risk that materialised (a system failure, a scanner failure, an out-of-norm storage reading…).

    Events the system records itself carry a `source_key` naming the row that caused them, so recording
    the same cause twice is harmless.
    """

    risk = models.ForeignKey(Risk, on_delete=models.PROTECT, related_name="events", verbose_name=_("risk"))
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now, db_index=True)
    description = models.TextField(_("what happened"))
    action_taken = models.TextField(_("action taken"), blank=True)
    source = models.CharField(_("recorded"), max_length=16, choices=EventSource.choices, default=EventSource.MANUAL)
    source_key = models.CharField(
        _("cause"), max_length=100, blank=True, help_text=_("The record that caused an automatic event."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = RiskEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk event")
        verbose_name_plural = _("risk events")
        ordering = ["-occurred_at"]
        constraints = [
            # One event per causing record: risk_event_record() relies on it to be idempotent.
            models.UniqueConstraint(
                fields=["risk", "source_key"], condition=~models.Q(source_key=""), name="risks_event_source_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.risk.code} · {timezone.localtime(self.occurred_at):%d.%m.%Y %H:%M}"
