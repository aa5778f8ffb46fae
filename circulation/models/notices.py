"""The log of e-mail notices to readers."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import NoticeKind, NoticeStatus
from .readers import Reader


class OverdueNotice(models.Model):
    """The log of e-mail notices to readers (overdue loans, an awaited book held, an order expired): each is
    sent by a Celery task with retries, and its status says whether it went or why not. At most one overdue
    notice per reader per day (unique), so a second run of the daily job sends nothing."""

    reader = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="notices", verbose_name=_("reader"))
    sent_on = models.DateField(_("sent on"))
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices, default=NoticeKind.OVERDUE)
    loans_count = models.PositiveSmallIntegerField(_("loans listed"), default=0)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.SENT,
                              db_index=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    # When it was last sent to the queue: a notice still waiting long after is queued again (core.queueing).
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("overdue notice")
        verbose_name_plural = _("overdue notices")
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["reader", "sent_on", "kind"], condition=Q(kind=NoticeKind.OVERDUE),
                                    name="circulation_notice_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.reader.card_number} {self.sent_on}"
