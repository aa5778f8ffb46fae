"""Orders from the personal cabinet (607-37) and the refusals of orders the fund could not satisfy (607-53)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import period_filter

from ..constants import OPEN_RESERVATION_STATUSES, RefusalAction, RefusalReason, ReservationStatus
from .readers import Reader


class ReservationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=ReservationStatus.ACTIVE)

    def waiting(self):
        return self.filter(status=ReservationStatus.WAITING)

    def due_to_expire(self, at: dt.datetime):
        """Active holds whose 24 hours are over at `at` (the sweep's filter; uses the expires_at index)."""
        return self.filter(status=ReservationStatus.ACTIVE, expires_at__lte=at)


class Reservation(models.Model):
    """An order from the personal cabinet (607-37). An active order holds one copy for exactly 24 hours
    (`RESERVATION_TTL`); a waiting order queues for a title with no copy on the shelf."""

    # reader and record lead the (…, status) indexes below, which serve their look-ups (fewer indexes to write
    # when the sweep closes thousands of orders at once).
    reader = models.ForeignKey(Reader, on_delete=models.PROTECT, related_name="reservations",
                               verbose_name=_("reader"), db_index=False)
    record = models.ForeignKey("cataloguing.BibliographicRecord", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("bibliographic record"), db_index=False)
    item = models.ForeignKey("cataloguing.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("item"))
    status = models.CharField(_("status"), max_length=16, choices=ReservationStatus.choices,
                              default=ReservationStatus.ACTIVE)
    created_at = models.DateTimeField(_("ordered at"), default=timezone.now, db_index=True)
    held_at = models.DateTimeField(_("held since"), null=True, blank=True)
    # The sweep filters on (status, expires_at): that index makes releasing 10,000 holds one range scan.
    expires_at = models.DateTimeField(_("held until"), null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = ReservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("order (607-37)")
        verbose_name_plural = _("orders (607-37)")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "expires_at"], name="circ_resv_status_expires"),
            models.Index(fields=["record", "status"], name="circ_resv_record_status"),
            models.Index(fields=["reader", "status"], name="circ_resv_reader_status"),
        ]
        constraints = [
            # One copy is held for one reader at a time.
            models.UniqueConstraint(fields=["item"], condition=Q(status=ReservationStatus.ACTIVE),
                                    name="circulation_reservation_one_active_per_item"),
            models.CheckConstraint(
                condition=~Q(status=ReservationStatus.ACTIVE) | (Q(item__isnull=False) & Q(expires_at__isnull=False)),
                name="circulation_reservation_active_has_item_and_expiry",
            ),
            # One open (held or waiting) order per reader per title, even when one reader sends many orders at
            # once: the service locks the reader before its check, and this refuses whatever gets past it.
            models.UniqueConstraint(fields=["reader", "record"], condition=Q(status__in=OPEN_RESERVATION_STATUSES),
                                    name="circulation_reservation_one_open_per_reader_title"),
        ]

    def __str__(self) -> str:
        return f"{self.reader.card_number}: {self.record.title[:60]}"

    @property
    def is_active(self) -> bool:
        """Holds its copy for the reader (until the sweep expires it)."""
        return self.status == ReservationStatus.ACTIVE

    def is_expired(self, at: dt.datetime | None = None) -> bool:
        """True once the 24 hours are over, even before the sweep has run (screens stay right)."""
        at = at or timezone.now()
        return self.status == ReservationStatus.ACTIVE and self.expires_at is not None and at >= self.expires_at


class RefusalQuerySet(models.QuerySet):
    def in_period(self, date_from: dt.date, date_to: dt.date):
        return self.filter(period_filter("created_at", date_from, date_to))


class Refusal(models.Model):
    """An order the fund could not satisfy; the storage department's refusal log (607-53) reads these rows
    and the acquisitions department uses them to decide what to buy."""

    record = models.ForeignKey("cataloguing.BibliographicRecord", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("bibliographic record"))
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="refusals",
                               verbose_name=_("reader"))
    reason = models.CharField(_("reason"), max_length=20, choices=RefusalReason.choices)
    action = models.CharField(_("action taken"), max_length=16, choices=RefusalAction.choices,
                              default=RefusalAction.NONE)
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = RefusalQuerySet.as_manager()

    class Meta:
        verbose_name = _("refusal")
        verbose_name_plural = _("refusals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.record.title[:60]} ({self.get_reason_display()})"
