"""Sub-process 5.4, anti-plagiarism (regulation on checking graduation works, 2022; issue 6, items 8–12).

The library gives the departments' responsible persons their access, issues personal codes to operators
on a department's request, runs the checks and keeps the collection that works are compared with.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicDepartment
from core.numbers import format_number

from .engine.fingerprint import FINGERPRINT_SCHEME


class DepartmentResponsible(models.Model):
    """The person an academic department names as responsible for the plagiarism checks of its works."""

    department = models.OneToOneField(
        AcademicDepartment, on_delete=models.CASCADE, related_name="plagiarism_responsible",
        verbose_name=_("academic department"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plagiarism_responsibilities",
        verbose_name=_("responsible person"),
    )
    appointed_on = models.DateField(_("appointed on"), default=dt.date.today)
    order_reference = models.CharField(_("order or memo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("responsible person of a department")
        verbose_name_plural = _("responsible persons of departments")
        ordering = ["department__code"]

    def __str__(self) -> str:
        return f"{self.department}: {self.person}"


class AccessCodeQuerySet(models.QuerySet):
    def with_used(self):
        """Checks charged (they ran to a report) and checks waiting to run (queued or running)."""
        return self.annotate(
            used_count=Count("checks", filter=Q(checks__charged_at__isnull=False)),
            waiting_count=Count("checks", filter=Q(checks__charged_at__isnull=True,
                                                   checks__status__in=Check.WAITING_STATUSES)),
        )

    def active(self, at: dt.date):
        """Codes that may be used on this day (the quota is checked per code by `is_usable`)."""
        return self.filter(revoked_at__isnull=True, valid_from__lte=at, valid_until__gte=at)


class AccessCode(models.Model):
    """A personal code issued to an operator on a department's request: a quota of checks within dates.

    Every check is attributed to the operator and the code it was made under; a code can be revoked at
    any time (a revoked code stays on record with its checks).
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plagiarism_codes",
        verbose_name=_("operator"),
    )
    department = models.ForeignKey(
        AcademicDepartment, on_delete=models.PROTECT, related_name="plagiarism_codes",
        verbose_name=_("academic department"),
    )
    request_reference = models.CharField(
        _("department's request"), max_length=200, help_text=_("Number and date of the department's request."),
    )
    quota = models.PositiveIntegerField(_("quota of checks"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)

    objects = AccessCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("operator access code")
        verbose_name_plural = _("operator access codes")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="antiplagiarism_code_dates_ordered"
            ),
            models.CheckConstraint(condition=Q(quota__gte=1), name="antiplagiarism_code_quota_positive"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def used(self) -> int:
        """Checks that ran to a report under the code: only they use the quota (a check that never ran, or
        whose file could not be read, does not)."""
        cached = getattr(self, "used_count", None)
        return cached if cached is not None else self.checks.filter(charged_at__isnull=False).count()

    @property
    def waiting(self) -> int:
        """Checks submitted under the code that have not run yet: each holds a unit, so that an operator
        cannot submit more works than the quota while the queue is slow or down."""
        cached = getattr(self, "waiting_count", None)
        if cached is not None:
            return cached
        return self.checks.filter(charged_at__isnull=True, status__in=Check.WAITING_STATUSES).count()

    @property
    def remaining(self) -> int:
        return max(0, self.quota - self.used - self.waiting)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def refusal(self, on: dt.date) -> str | None:
        """Why the code cannot be used on this day, or None when it can."""
        if self.is_revoked:
            return str(_("The code has been revoked."))
        if on < self.valid_from:
            return str(_("The code is not valid yet."))
        if on > self.valid_until:
            return str(_("The code has expired."))
        if self.remaining <= 0:
            return str(_("The quota of checks of this code is used up."))
        return None

    def is_usable(self, on: dt.date) -> bool:
        return self.refusal(on) is None


class CollectionDocument(models.Model):
    """A text of the comparison collection: an accepted checked work, a source text added by the library,
    or a full text of the digital library. Its fingerprints are in `Fingerprint`."""

    class Kind(models.TextChoices):
        CHECKED_WORK = "work", _("accepted checked work")
        SOURCE = "source", _("source text")
        DIGITAL_LIBRARY = "digital", _("digital library")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    author = models.CharField(_("author"), max_length=300, blank=True)
    author_key = models.CharField(_("author key"), max_length=300, blank=True, db_index=True)
    external_key = models.CharField(
        _("external key"), max_length=100, null=True, blank=True, unique=True,
        help_text=_("Identifies the origin (e.g. a digital library file) so that indexing again updates it."),
    )
    text = models.TextField(_("normalised text"))
    char_count = models.PositiveIntegerField(_("characters"), default=0)
    fingerprint_count = models.PositiveIntegerField(_("fingerprints"), default=0)
    # Fingerprints taken under an older hashing of words no longer meet a check's: `refingerprint_collection`
    # takes them again (rows older than this field have scheme 1).
    fingerprint_scheme = models.PositiveSmallIntegerField(_("fingerprint scheme"), default=FINGERPRINT_SCHEME)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("collection document")
        verbose_name_plural = _("collection documents")
        ordering = ["-added_at"]

    def __str__(self) -> str:
        return self.title


class Fingerprint(models.Model):
    """One winnowed word n-gram hash of a collection document (position = index of its first word).

    The hash index serves the candidate search: all fingerprints of a checked work are looked up at once.
    """

    hash = models.BigIntegerField(_("hash"))
    document = models.ForeignKey(CollectionDocument, on_delete=models.CASCADE, related_name="fingerprints")
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        verbose_name = _("fingerprint")
        verbose_name_plural = _("fingerprints")
        indexes = [
            # Candidate lookup: WHERE hash = ANY(…) returning the document; covering, so it is index-only.
            models.Index(fields=["hash", "document"], name="antiplag_fp_hash_doc_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.hash}@{self.position}"


def work_upload_to(check: Check, filename: str) -> str:
    now = timezone.now()
    return f"antiplagiarism/{now:%Y/%m}/{filename}"


class CheckQuerySet(models.QuerySet):
    def of_operator(self, user):
        return self.filter(operator=user)


class Check(models.Model):
    """One originality check of a submitted work, attributed to the operator and the access code used."""

    class WorkType(models.TextChoices):
        BACHELOR = "bachelor", _("bachelor's graduation work")
        MASTER = "master", _("master's thesis")
        DOCTORAL = "doctoral", _("doctoral dissertation")
        COURSEWORK = "coursework", _("course work")
        ARTICLE = "article", _("research article")
        TEACHING = "teaching", _("teaching publication")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Failure(models.TextChoices):
        """Why a file's text could not be read. Kept as a code and its figures and worded when shown, in the
        reader's language (the worker runs in none; the operator and the department read in theirs)."""

        TEXT_TOO_LONG = "text_too_long", _("the text is longer than one check reads")
        TOO_LARGE = "too_large", _("the document is built larger than any real one")
        UNREADABLE = "unreadable", _("the file could not be read")

    # Submitted and not finished: holds a unit of its code's quota until it is charged or fails.
    WAITING_STATUSES = (Status.QUEUED, Status.RUNNING)

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plagiarism_checks",
        verbose_name=_("operator"),
    )
    access_code = models.ForeignKey(
        AccessCode, on_delete=models.PROTECT, related_name="checks", verbose_name=_("access code"),
    )
    department = models.ForeignKey(
        AcademicDepartment, on_delete=models.PROTECT, related_name="plagiarism_checks",
        verbose_name=_("academic department"),
    )
    title = models.CharField(_("title of the work"), max_length=500)
    author = models.CharField(_("author"), max_length=300)
    work_type = models.CharField(_("type of work"), max_length=16, choices=WorkType.choices)
    file = models.FileField(_("file"), upload_to=work_upload_to)
    original_filename = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    # Only a text that has no code of its own (an unsafe archive's reason, worded by the zip guard).
    error = models.TextField(_("error"), blank=True)
    error_code = models.CharField(_("failure"), max_length=16, choices=Failure.choices, blank=True)
    error_params = models.JSONField(_("figures of the failure"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # When it was last sent to the queue: a check still waiting long after is queued again (core.queueing).
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    # The check uses a unit of its code's quota only once it has run to a report (set once, see check_run).
    charged_at = models.DateTimeField(_("quota charged at"), null=True, blank=True)
    text = models.TextField(_("checked text"), blank=True)
    # Shares of the text in hundredths of a per cent; the four always add up to 10 000.
    originality = models.PositiveIntegerField(_("originality"), null=True, blank=True)
    matches = models.PositiveIntegerField(_("matches"), null=True, blank=True)
    citations = models.PositiveIntegerField(_("citations"), null=True, blank=True)
    self_citations = models.PositiveIntegerField(_("self-citations"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    accepted_at = models.DateTimeField(_("accepted into the collection at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("accepted by"),
    )
    collection_document = models.OneToOneField(
        CollectionDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="check_made",
        verbose_name=_("collection document"),
    )

    objects = CheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("originality check")
        verbose_name_plural = _("originality checks")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(originality__isnull=True)
                | Q(originality__lte=10000),
                name="antiplagiarism_check_share_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.title}"

    @property
    def error_text(self) -> str:
        """Why the check failed, worded now in the current language."""
        return failure_text(self.error_code, self.error_params or {}) if self.error_code else self.error

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def originality_percent(self) -> str:
        return "" if self.originality is None else f"{format_number(self.originality / 100, 2)} %"


def failure_text(code: str, params: dict) -> str:
    """A check's failure (`Check.Failure`) worded in the current language."""
    limit = int(params.get("limit") or 0)
    if code == Check.Failure.TEXT_TOO_LONG:
        return ngettext("The file holds more than %(count)s character of text, the most one check reads; the "
                        "check was stopped. Submit the work in parts.",
                        "The file holds more than %(count)s characters of text, the most one check reads; the "
                        "check was stopped. Submit the work in parts.", limit) % {"count": limit}
    if code == Check.Failure.TOO_LARGE:
        return ngettext("The document is built larger than any real document (more than %(count)s part in one "
                        "place); the check was stopped.",
                        "The document is built larger than any real document (more than %(count)s parts in one "
                        "place); the check was stopped.", limit) % {"count": limit}
    return gettext("The file could not be read as PDF, DOCX, ODT, RTF or text.")
