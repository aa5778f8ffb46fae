"""Large printed books produced in the background (inventory book, summary book)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BookExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being produced")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class BookExport(models.Model):
    """A PDF of a large book (e.g. an inventory book of 100,000 lines) rendered by Celery in parts."""

    form_code = models.CharField(_("form"), max_length=8)
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(_("status"), max_length=16, choices=BookExportStatus.choices,
                              default=BookExportStatus.QUEUED)
    done_parts = models.PositiveIntegerField(_("parts done"), default=0)
    total_parts = models.PositiveIntegerField(_("parts"), default=0)
    file = models.FileField(_("file"), upload_to="acquisitions/books/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # When it was last sent to the queue: an export still waiting long after is queued again (core.queueing).
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("book export")
        verbose_name_plural = _("book exports")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.form_code} {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def is_ready(self) -> bool:
        """Produced: the PDF can be downloaded."""
        return self.status == BookExportStatus.DONE

    @property
    def is_finished(self) -> bool:
        """Produced or failed: the page stops following it."""
        return self.status in (BookExportStatus.DONE, BookExportStatus.FAILED)

    @property
    def progress(self) -> int:
        """Percent done, for the progress bar."""
        if self.is_ready:
            return 100
        return int(100 * self.done_parts / self.total_parts) if self.total_parts else 0
