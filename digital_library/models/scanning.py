"""Requests to scan materials for teaching (ҚазҰТЗУ 607-35 Ү)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.periods import period_filter

from ..choices import AccessLevel, LegalBasis, ScanningSource, ScanningStatus

NEXT_STATUS = {
    ScanningStatus.SUBMITTED: ScanningStatus.ACCEPTED,
    ScanningStatus.ACCEPTED: ScanningStatus.SCANNING,
    ScanningStatus.SCANNING: ScanningStatus.QUALITY_CHECK,
    ScanningStatus.QUALITY_CHECK: ScanningStatus.PUBLISHED,
}
STATUS_TIMESTAMP = {
    ScanningStatus.ACCEPTED: "accepted_at",
    ScanningStatus.SCANNING: "scanning_started_at",
    ScanningStatus.QUALITY_CHECK: "quality_check_at",
    ScanningStatus.PUBLISHED: "published_at",
    ScanningStatus.REJECTED: "rejected_at",
}


class ScanningRequestQuerySet(models.QuerySet):
    def for_department(self, department):
        return self.filter(department=department)

    def in_period(self, date_from, date_to):
        return self.filter(period_filter("submitted_at", date_from, date_to))

    def in_progress(self):
        return self.exclude(status__in=[ScanningStatus.PUBLISHED, ScanningStatus.REJECTED])


class ScanningRequest(models.Model):
    """A request to digitise material for a course (ҚазҰТЗУ 607-35 Ү), or a rare edition selected by book
    storage. It moves submitted → accepted → scanning → quality check → published (or is rejected); when
    published, the scan becomes a `DigitalFile` of the record with the access level agreed in the request.
    Numbered per year without gaps.
    """

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    source = models.CharField(
        _("source"), max_length=16, choices=ScanningSource.choices, default=ScanningSource.DEPARTMENT,
    )
    department = models.ForeignKey(
        "accounts.AcademicDepartment", on_delete=models.PROTECT, null=True, blank=True,
        related_name="scanning_requests", verbose_name=_("academic department"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by"),
    )
    course = models.CharField(_("course (discipline)"), max_length=300, blank=True)
    material = models.TextField(_("material to scan"), help_text=_("Author, title, year; which parts."))
    record = models.ForeignKey(
        "cataloguing.BibliographicRecord", on_delete=models.PROTECT, null=True, blank=True,
        related_name="scanning_requests", verbose_name=_("bibliographic record"),
    )
    pages = models.CharField(_("pages"), max_length=200, blank=True, help_text=_("E.g. 1–45, 120–180; empty: all."))
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    access_level = models.CharField(
        _("access level"), max_length=16, choices=AccessLevel.choices, default=AccessLevel.REGISTERED,
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=32, choices=LegalBasis.choices, default=LegalBasis.AUTHOR_AGREEMENT,
    )
    agreement_reference = models.CharField(_("agreement or permission"), max_length=255, blank=True)
    rights_holder = models.CharField(_("rights holder"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ScanningStatus.choices, default=ScanningStatus.SUBMITTED, db_index=True,
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    scanning_started_at = models.DateTimeField(_("scanning started at"), null=True, blank=True)
    quality_check_at = models.DateTimeField(_("sent to quality check at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason for rejection"), max_length=300, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("librarian"),
    )
    result_file = models.OneToOneField(
        "digital_library.DigitalFile", on_delete=models.PROTECT, null=True, blank=True,
        related_name="scanning_request", verbose_name=_("resulting file"),
    )

    objects = ScanningRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("scanning request (607-35)")
        verbose_name_plural = _("scanning requests (607-35)")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="digital_library_scanning_year_number_unique"),
            # A department's request names the department: department heads see only their own.
            models.CheckConstraint(
                condition=~Q(source=ScanningSource.DEPARTMENT) | Q(department__isnull=False),
                name="digital_library_scanning_department_named",
            ),
            # A published request points at the file it produced.
            models.CheckConstraint(
                condition=~Q(status=ScanningStatus.PUBLISHED) | Q(result_file__isnull=False, record__isnull=False),
                name="digital_library_scanning_published_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.reference} — {self.material[:80]}"

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def next_status(self) -> str | None:
        return NEXT_STATUS.get(self.status)

    @property
    def is_closed(self) -> bool:
        return self.status in (ScanningStatus.PUBLISHED, ScanningStatus.REJECTED)
