"""The book of lost literature (607-44) and the acts of accepting a replacement copy (607-43)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import LossStatus
from .loans import Loan
from .readers import Reader


class LostItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=LossStatus.OPEN)


class LostItem(models.Model):
    """An entry of the book of lost literature (607-44): a copy a reader lost and, once the reader brings an
    equivalent one, the act of accepting it in place of the lost one (607-43). Until then it is a debt."""

    loan = models.OneToOneField(Loan, on_delete=models.PROTECT, related_name="loss", verbose_name=_("loan"))
    reader = models.ForeignKey(Reader, on_delete=models.PROTECT, related_name="losses", verbose_name=_("reader"))
    item = models.ForeignKey("cataloguing.Item", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("lost item"))
    status = models.CharField(_("status"), max_length=8, choices=LossStatus.choices, default=LossStatus.OPEN,
                              db_index=True)
    declared_at = models.DateTimeField(_("declared lost at"), default=timezone.now, db_index=True)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    replacement_item = models.OneToOneField("cataloguing.Item", on_delete=models.PROTECT, null=True, blank=True,
                                            related_name="+", verbose_name=_("replacement item"))
    replaced_on = models.DateField(_("replaced on"), null=True, blank=True)
    act_year = models.PositiveSmallIntegerField(_("act year"), null=True, blank=True, editable=False)
    act_number = models.PositiveIntegerField(_("act number"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("accepted by"))

    objects = LostItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("lost item (607-43, 607-44)")
        verbose_name_plural = _("book of lost literature (607-43, 607-44)")
        ordering = ["-declared_at"]
        constraints = [
            models.UniqueConstraint(fields=["act_year", "act_number"], condition=Q(act_number__isnull=False),
                                    name="circulation_replacement_act_number_per_year"),
            models.CheckConstraint(
                condition=Q(status=LossStatus.OPEN) | Q(replacement_item__isnull=False, act_number__isnull=False),
                name="circulation_lost_replaced_has_item_and_act",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.inventory_number} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        """Not replaced yet: the reader's debt."""
        return self.status == LossStatus.OPEN
