"""Numbering of documents that carry a number (letters, acts): per series and year, without gaps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentSequence(models.Model):
    """The last number issued in one series (e.g. "letter", "write-off-act") for one year."""

    series = models.CharField(_("series"), max_length=64)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")
        # Not about sequences: the right to open the reports page and print forms, kept on this app's one model.
        permissions = [("view_reports", _("Can open the reports page and print the forms"))]
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="forms_registry_sequence_series_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last_number}"
