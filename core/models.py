"""Abstract building blocks shared by the apps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _


class MultilingualName(models.Model):
    """A label that readers see, kept in each interface language (Kazakh is mandatory).

    Used for admin-defined vocabularies such as reader categories or catalogue database names: the
    value shown follows the reader's language and falls back to Kazakh when a translation is missing.
    """

    name_kk = models.CharField(_("name (Kazakh)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_in(get_language() or "kk")

    def name_in(self, language: str) -> str:
        code = (language or "kk").split("-")[0]
        return getattr(self, f"name_{code}", "") or self.name_kk


class ImportJob(models.Model):
    """A bulk import of a register from a spreadsheet, run by Celery: first checked (a dry run whose
    per-row errors and preview the librarian reads), then, once confirmed, imported. The page follows its
    progress instead of waiting minutes for a large file. See `core.imports`."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued for checking")
        CHECKING = "checking", _("checking")
        CHECKED = "checked", _("checked")
        CONFIRMED = "confirmed", _("queued for import")
        IMPORTING = "importing", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    class Message(models.TextChoices):
        """What a step ended with. Kept as a code and its figures (`message_params`) and put into words when
        read, in the reader's language: a file checked for a Kazakh-speaking librarian is also read by a
        Russian-speaking colleague, and a sentence stored in one language would reach both."""

        CHECKED = "checked", _("the file is correct")
        CHECKED_BAD_ROWS = "checked_bad_rows", _("some rows have errors")
        CHECKED_ALL_BAD = "checked_all_bad", _("every row has errors")
        UNREADABLE = "unreadable", _("the file could not be read")
        NO_ROWS = "no_rows", _("the file holds no rows")
        STOPPED = "stopped", _("the import stopped")
        FAILED_ROWS = "failed_rows", _("rows failed during the import")
        IMPORTED = "imported", _("imported")

    app_label = models.CharField(_("application"), max_length=100)
    model_name = models.CharField(_("register"), max_length=100)
    resource = models.CharField(_("import format"), max_length=255,
                                help_text=_("Dotted path of the django-import-export resource."))
    resource_name = models.CharField(_("list"), max_length=255, blank=True)
    input_format = models.CharField(_("file format"), max_length=255)
    encoding = models.CharField(_("encoding"), max_length=32, blank=True)
    # The uploader's interface language: the row errors are written in it.
    language = models.CharField(_("language"), max_length=8, default="kk")
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    skip_bad_rows = models.BooleanField(_("rows with errors left out"), default=False)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    totals = models.JSONField(_("totals"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    preview = models.JSONField(_("preview"), default=list, blank=True)
    # Only a text that has no code of its own (an unsafe archive's reason, worded by the zip guard).
    message = models.TextField(_("message"), blank=True)
    message_code = models.CharField(_("outcome"), max_length=32, choices=Message.choices, blank=True)
    message_params = models.JSONField(_("figures of the outcome"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)
    # When its step was last sent to the queue: a job still waiting long after is queued again (core.queueing).
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.CHECKING, self.Status.CONFIRMED,
                               self.Status.IMPORTING)

    @property
    def is_checked(self) -> bool:
        """Checked and waiting for the librarian's decision (its preview is shown)."""
        return self.status == self.Status.CHECKED

    @property
    def is_imported(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def bad_rows(self) -> int:
        return int((self.totals or {}).get("bad_rows", 0))

    @property
    def good_rows(self) -> int:
        return max(self.rows_total - self.bad_rows, 0)

    @property
    def message_text(self) -> str:
        """What the job says, worded now in the current language from its code and figures."""
        params = self.message_params or {}
        count = int(params.get("count") or 0)
        code = self.message_code
        if code == self.Message.CHECKED:
            return gettext("The file is correct: confirm to import it.")
        if code == self.Message.CHECKED_BAD_ROWS:
            return ngettext(
                "%(count)s row has errors. Correct the file and upload it again, or import only the correct "
                "rows. Nothing has been imported yet.",
                "%(count)s rows have errors. Correct the file and upload it again, or import only the correct "
                "rows. Nothing has been imported yet.", count) % {"count": count}
        if code == self.Message.CHECKED_ALL_BAD:
            return gettext("Every row has errors: correct the file and upload it again. Nothing was imported.")
        if code == self.Message.UNREADABLE:
            return gettext(
                "The file could not be read as %(format)s (%(error)s). Check the format and the encoding "
                "(%(encoding)s) and upload it again.") % {
                "format": params.get("format", ""), "error": params.get("error", ""),
                "encoding": params.get("encoding") or gettext("binary")}
        if code == self.Message.NO_ROWS:
            return gettext("The file holds no rows to import. Check that its first row names the columns.")
        if code == self.Message.STOPPED:
            return gettext("The import stopped: %(error)s") % {"error": params.get("error", "")}
        if code == self.Message.FAILED_ROWS:
            return ngettext("%(count)s row failed during the import, so nothing was imported.",
                            "%(count)s rows failed during the import, so nothing was imported.", count) % {
                "count": count}
        if code == self.Message.IMPORTED:
            text = gettext("Imported: %(new)s new, %(updated)s updated, %(skipped)s unchanged.") % {
                "new": params.get("new", 0), "updated": params.get("updated", 0),
                "skipped": params.get("skipped", 0)}
            if count:
                text += " " + ngettext("%(count)s row with errors was left out (listed below).",
                                       "%(count)s rows with errors were left out (listed below).", count) % {
                    "count": count}
            return text
        return self.message

    @property
    def can_confirm(self) -> bool:
        """Checked, and at least one row is correct (rows with errors may be left out on request)."""
        return self.is_checked and self.good_rows > 0
