"""Interlibrary loan and electronic document delivery: requests (607-40) and their accounting (607-41)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import period_filter

from ..constants import DeliveryKind, IllStatus
from .readers import Reader

# The only moves of an ILL/EDD request (607-41): a status not listed as a next step of the current one is refused.
# "Returned" and "not fulfilled" are final; a copy received but never collected goes back to the holding library.
ILL_TRANSITIONS: dict[str, frozenset[str]] = {
    IllStatus.NEW: frozenset({IllStatus.SENT, IllStatus.REJECTED}),
    IllStatus.SENT: frozenset({IllStatus.RECEIVED, IllStatus.REJECTED}),
    IllStatus.RECEIVED: frozenset({IllStatus.DELIVERED, IllStatus.RETURNED}),
    IllStatus.DELIVERED: frozenset({IllStatus.RETURNED}),
    IllStatus.RETURNED: frozenset(),
    IllStatus.REJECTED: frozenset(),
}


class IllRequestQuerySet(models.QuerySet):
    def in_period(self, date_from: dt.date, date_to: dt.date):
        return self.filter(period_filter("created_at", date_from, date_to))


class IllRequest(models.Model):
    """A request for a document by interlibrary loan or electronic document delivery (607-40) and its
    accounting (607-41). ILL originals are used in the reading room only (GOST 7.31-89 §5.2)."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    reader = models.ForeignKey(Reader, on_delete=models.PROTECT, related_name="ill_requests",
                               verbose_name=_("reader"))
    kind = models.CharField(_("kind"), max_length=8, choices=DeliveryKind.choices, default=DeliveryKind.ILL)
    status = models.CharField(_("status"), max_length=16, choices=IllStatus.choices, default=IllStatus.NEW,
                              db_index=True)
    record = models.ForeignKey("cataloguing.BibliographicRecord", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("bibliographic record"))
    author = models.CharField(_("author"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=500)
    host = models.CharField(_("journal or collection"), max_length=500, blank=True)
    publication_year = models.PositiveSmallIntegerField(_("year of publication"), null=True, blank=True)
    volume_issue = models.CharField(_("volume, issue"), max_length=64, blank=True)
    pages = models.CharField(_("pages"), max_length=64, blank=True)
    isbn_issn = models.CharField(_("ISBN / ISSN"), max_length=32, blank=True)
    citation_source = models.CharField(_("where the reference was found"), max_length=255, blank=True)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    holding_library = models.CharField(_("holding library"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered to the reader on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    result_note = models.CharField(_("result"), max_length=255, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("librarian"))

    objects = IllRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("ILL/EDD request (607-40, 607-41)")
        verbose_name_plural = _("ILL/EDD requests (607-40, 607-41)")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="circulation_ill_number_per_year")]

    def __str__(self) -> str:
        return f"№ {self.number}/{self.year} {self.title[:60]}"

    def can_move_to(self, status: str) -> bool:
        """True when `status` is a next step of the current status in `ILL_TRANSITIONS`."""
        return status in ILL_TRANSITIONS.get(self.status, frozenset())
