"""The library's daily entrance count: the visitors of section 7 (5.5), typed in or imported from the turnstile."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A day's count at one entrance above this is a typing slip or a broken turnstile log, not visitors.
MAX_DAILY_ENTRANCES = 100_000


class EntranceCountSource(models.TextChoices):
    ENTERED = "entered", _("entered by hand")
    TURNSTILE = "turnstile", _("turnstile file")


class DailyEntranceCount(models.Model):
    """Visitors who came into the library on a day through one entrance (turnstile or a desk's tally); section 7's
    "visits" is their sum over the period. One row per day and entrance: a re-imported turnstile file replaces
    the day's figure instead of adding to it."""

    day = models.DateField(_("day"), db_index=True)
    entrance = models.CharField(_("entrance"), max_length=100,
                                help_text=_("The turnstile or the service point counting the visitors."))
    count = models.PositiveIntegerField(_("visitors"), validators=[MaxValueValidator(MAX_DAILY_ENTRANCES)])
    source = models.CharField(_("source"), max_length=16, choices=EntranceCountSource.choices,
                              default=EntranceCountSource.ENTERED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("daily entrance count")
        verbose_name_plural = _("daily entrance counts")
        ordering = ["-day", "entrance"]
        constraints = [
            # The turnstile import updates a day's row by (day, entrance); the KPI sums one figure per pair.
            models.UniqueConstraint(fields=["day", "entrance"], name="planning_entrance_count_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y} · {self.entrance}: {self.count}"

    def clean(self) -> None:
        if self.day and self.day > timezone.localdate():
            raise ValidationError({"day": _("Visitors cannot be counted for a day that has not come yet.")})
        self.entrance = (self.entrance or "").strip()
