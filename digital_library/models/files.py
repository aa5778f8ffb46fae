"""Full-text files attached to bibliographic records (607-31) with their rights and access (607-32)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.periods import period_filter

from ..choices import AccessLevel, FileKind, LegalBasis, UploadAction
from ..storage import digital_file_path, protected_storage

MIME_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DJVU: "image/vnd.djvu",
    FileKind.EPUB: "application/epub+zip",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class DigitalFileQuerySet(models.QuerySet):
    def open_at(self, day: dt.date):
        """Files anyone may read on that day: open access, embargo over (the OAI-PMH provider's set)."""
        return self.filter(access_level=AccessLevel.OPEN).filter(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=day)
        )


class DigitalFile(models.Model):
    """A full-text file of a bibliographic record (ҚазҰТЗУ 607-31 Ү) with the rights it is held under and
    who may read it (ҚазҰТЗУ 607-32 Ү). The `antiplagiarism` app reads `text` as part of its collection.

    Created only by `services.digital_file_upload`, which checks the type from the content, the size, and
    writes the checksum, the extracted text and the upload log entry.
    """

    record = models.ForeignKey(
        "cataloguing.BibliographicRecord", on_delete=models.PROTECT, related_name="digital_files",
        verbose_name=_("bibliographic record"),
    )
    file = models.FileField(_("file"), upload_to=digital_file_path, storage=protected_storage, max_length=300)
    kind = models.CharField(_("file type"), max_length=8, choices=FileKind.choices)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    label = models.CharField(_("label"), max_length=200, blank=True, help_text=_("E.g. \"Full text\", \"Part 2\"."))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, db_index=True, editable=False)
    size = models.PositiveBigIntegerField(_("size, bytes"), editable=False)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LegalBasis.choices)
    agreement_reference = models.CharField(
        _("agreement or permission"), max_length=255, blank=True,
        help_text=_("Number and date of the author agreement or of the rights holder's permission."),
    )
    rights_holder = models.CharField(_("rights holder"), max_length=255, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True, help_text=_("E.g. CC BY 4.0."))
    access_level = models.CharField(
        _("access level"), max_length=16, choices=AccessLevel.choices, default=AccessLevel.REGISTERED, db_index=True,
    )
    embargo_until = models.DateField(
        _("embargo until"), null=True, blank=True,
        help_text=_("Until this day only library staff may open the file; then the access level applies."),
    )
    rights_note = models.TextField(_("note on rights"), blank=True)
    embargo_lifted_at = models.DateTimeField(
        _("embargo lifted at"), null=True, blank=True, editable=False,
        help_text=_("Set by the daily job when the embargo ends, so harvesters see the file as changed."),
    )

    objects = DigitalFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("full-text file (607-31, 607-32)")
        verbose_name_plural = _("full-text files (607-31, 607-32)")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            # The same bytes attached twice to one record would be counted twice in the statistics.
            models.UniqueConstraint(fields=["record", "sha256"], name="digital_library_file_record_sha256_unique"),
            models.CheckConstraint(
                condition=~Q(legal_basis=LegalBasis.LICENCE) | ~Q(licence=""),
                name="digital_library_file_licence_named",
            ),
        ]
        indexes = [
            # The OAI-PMH provider and the record page select a record's files by access level.
            models.Index(fields=["record", "access_level"], name="dl_file_record_access_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.label or self.original_name or self.get_kind_display()} — {self.record}"[:200]

    def clean(self) -> None:
        errors = {}
        if self.legal_basis == LegalBasis.LICENCE and not self.licence:
            errors["licence"] = _("Name the licence the file is held under.")
        if self.legal_basis in (LegalBasis.AUTHOR_AGREEMENT, LegalBasis.RIGHTS_HOLDER_PERMISSION) and not (
            self.agreement_reference
        ):
            errors["agreement_reference"] = _("Give the number and date of the agreement or permission.")
        if self.legal_basis == LegalBasis.RIGHTS_HOLDER_PERMISSION and not self.rights_holder:
            errors["rights_holder"] = _("Name the rights holder who gave the permission.")
        if errors:
            raise ValidationError(errors)

    @property
    def mime_type(self) -> str:
        return MIME_TYPES.get(self.kind, "application/octet-stream")

    def is_embargoed(self, day: dt.date) -> bool:
        return self.embargo_until is not None and day < self.embargo_until

    @property
    def download_name(self) -> str:
        return f"{self.record.control_number}-{self.pk}.{self.kind}"


class FileUploadLogQuerySet(models.QuerySet):
    def in_period(self, date_from, date_to):
        return self.filter(period_filter("logged_at", date_from, date_to))


class FileUploadLog(models.Model):
    """The log of uploads and removals of full-text files (ҚазҰТЗУ 607-31 Ү): who, when, which record.
    Rows outlive the file they describe."""

    logged_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("who"))
    action = models.CharField(_("action"), max_length=8, choices=UploadAction.choices)
    record = models.ForeignKey(
        "cataloguing.BibliographicRecord", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("bibliographic record"),
    )
    digital_file = models.ForeignKey(
        DigitalFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="log_entries",
        verbose_name=_("file"),
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    kind = models.CharField(_("file type"), max_length=8, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    access_level = models.CharField(_("access level"), max_length=16, choices=AccessLevel.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LegalBasis.choices)

    objects = FileUploadLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("file upload log entry (607-31)")
        verbose_name_plural = _("file upload log (607-31)")
        ordering = ["-logged_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.original_name or self.sha256[:12]}"
