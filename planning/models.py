"""Planning (sub-process 5.1): outgoing letters on the library letterhead (form 607-04)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingLetter(models.Model):
    """An official letter of the library, printed on the letterhead (ҚазҰТЗУ 607-04 Ү).

    Numbered per calendar year without gaps (`services.outgoing_letter_register`); once registered the
    letter is never deleted or rewritten: a mistaken letter is cancelled with a reason.
    """

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    registered_on = models.DateField(_("date"))
    addressee = models.TextField(_("addressee"), help_text=_("Organisation, position and name, as printed."))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text of the letter"))
    signatory_name = models.CharField(_("signatory"), max_length=200)
    signatory_position = models.CharField(_("signatory's position"), max_length=200)
    executor = models.CharField(_("executor and phone"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_reason = models.CharField(_("reason for cancellation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("outgoing letter")
        verbose_name_plural = _("outgoing letters")
        ordering = ["-year", "-number"]
        constraints = [
            # The letter's number is its identity in the year: the registry prints "№ N" on the letterhead.
            models.UniqueConstraint(fields=["year", "number"], name="planning_letter_year_number_unique"),
        ]

    def __str__(self) -> str:
        return f"№ {self.reference} — {self.subject}"

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None
