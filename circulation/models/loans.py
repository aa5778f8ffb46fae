"""Loans (607-38, 607-39) and the rules of use as data (loan policies, forms-structure §22)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cataloguing.constants import LoanCategory
from core.periods import period_filter

from ..calendar import academic_year_end, semester_end
from ..constants import LoanPeriodKind
from .readers import Reader
from .reservations import Reservation


class LoanPolicy(models.Model):
    """The rules of use as data: for a reader category × an item's loan category, how long, how many,
    how many renewals and of what length, or reading room only (forms-structure §22)."""

    reader_category = models.ForeignKey("accounts.ReaderCategory", on_delete=models.CASCADE,
                                        related_name="loan_policies", verbose_name=_("reader category"))
    loan_category = models.CharField(_("item loan category"), max_length=16, choices=LoanCategory.choices)
    period_kind = models.CharField(_("loan period"), max_length=16, choices=LoanPeriodKind.choices,
                                   default=LoanPeriodKind.DAYS)
    period_days = models.PositiveSmallIntegerField(_("days"), null=True, blank=True)
    max_items = models.PositiveSmallIntegerField(_("maximum items at once"), default=10)
    renewals_allowed = models.PositiveSmallIntegerField(_("renewals allowed"), default=1)
    renewal_days = models.PositiveSmallIntegerField(_("days added by a renewal"), default=15)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("loan policy")
        verbose_name_plural = _("loan policies (rules of use)")
        ordering = ["reader_category__ordering", "loan_category"]
        constraints = [
            models.UniqueConstraint(fields=["reader_category", "loan_category"],
                                    name="circulation_loanpolicy_one_per_pair"),
            models.CheckConstraint(condition=~Q(period_kind=LoanPeriodKind.DAYS) | Q(period_days__gt=0),
                                   name="circulation_loanpolicy_days_set"),
        ]

    def __str__(self) -> str:
        return f"{self.reader_category} × {self.get_loan_category_display()}"

    @property
    def reading_room_only(self) -> bool:
        return self.period_kind == LoanPeriodKind.READING_ROOM

    def due_on(self, issued_on: dt.date) -> dt.date:
        """The due date for a loan issued on `issued_on`."""
        if self.period_kind == LoanPeriodKind.DAYS:
            return issued_on + dt.timedelta(days=self.period_days or 0)
        if self.period_kind == LoanPeriodKind.END_OF_SEMESTER:
            return semester_end(issued_on)
        if self.period_kind == LoanPeriodKind.END_OF_ACADEMIC_YEAR:
            return academic_year_end(issued_on)
        return issued_on

    def describe_period(self) -> str:
        if self.period_kind == LoanPeriodKind.DAYS:
            return ngettext("%(days)s day", "%(days)s days", self.period_days) % {"days": self.period_days}
        return str(self.get_period_kind_display())


class LoanQuerySet(models.QuerySet):
    def open(self):
        return self.filter(returned_at__isnull=True)

    def overdue(self, at: dt.datetime | None = None):
        """Open loans whose due date is before the day of `at`."""
        day = timezone.localdate(at) if at else timezone.localdate()
        return self.filter(returned_at__isnull=True, due_on__lt=day)

    def issued_between(self, date_from: dt.date, date_to: dt.date):
        return self.filter(period_filter("issued_at", date_from, date_to))


class Loan(models.Model):
    """A copy issued to a reader (607-38 in the cabinet, 607-39 at the desk). At most one open loan per copy,
    enforced by the database even when two desks scan the same copy at once."""

    # Served by circ_loan_reader_returned (reader first); every issue and return writes each index of this table.
    reader = models.ForeignKey(Reader, on_delete=models.PROTECT, related_name="loans", verbose_name=_("reader"),
                               db_index=False)
    item = models.ForeignKey("cataloguing.Item", on_delete=models.PROTECT, related_name="circulation_loans",
                             verbose_name=_("item"))
    policy = models.ForeignKey(LoanPolicy, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("loan policy applied"))
    reservation = models.OneToOneField(Reservation, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="loan", verbose_name=_("order"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("due date"))
    reading_room = models.BooleanField(_("in the reading room"), default=False)
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True, db_index=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("issued by"))
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("taken back by"))
    lost = models.BooleanField(_("lost by the reader"), default=False)

    objects = LoanQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans (607-38, 607-39)")
        ordering = ["-issued_at"]
        indexes = [
            models.Index(fields=["reader", "returned_at"], name="circ_loan_reader_returned"),
            # The overdue job and the debt check read open loans by due date only.
            models.Index(fields=["due_on"], condition=Q(returned_at__isnull=True), name="circ_loan_open_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["item"], condition=Q(returned_at__isnull=True),
                                    name="circulation_loan_one_open_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.reader.card_number}: {self.item.inventory_number}"

    def is_overdue(self, at: dt.datetime | None = None) -> bool:
        day = timezone.localdate(at) if at else timezone.localdate()
        return self.returned_at is None and not self.lost and day > self.due_on

    def days_overdue(self, at: dt.datetime | None = None) -> int:
        day = timezone.localdate(at) if at else timezone.localdate()
        return max(0, (day - self.due_on).days) if self.returned_at is None else 0
