"""Periodicals: the consolidated subscription (607-09) and the arrivals sheet (607-15); licensed databases
(607-17) with their usage figures, summed in their summary book (607-18)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.constants import YearPart

from ..constants import LanguageGroup, SubscriptionPeriod


class Periodical(models.Model):
    """A periodical title the library subscribes to."""

    title = models.CharField(_("title"), max_length=500)
    subscription_index = models.CharField(_("subscription index"), max_length=32, unique=True)
    issn = models.CharField(_("ISSN"), max_length=16, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LanguageGroup.choices)
    issues_per_year = models.PositiveSmallIntegerField(_("issues per year"))
    record = models.ForeignKey("cataloguing.BibliographicRecord", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("bibliographic record"))

    class Meta:
        verbose_name = _("periodical")
        verbose_name_plural = _("periodicals")
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.subscription_index})"


class Subscription(models.Model):
    """A line of the consolidated subscription (607-09): a title for a year or a half-year, in copies."""

    periodical = models.ForeignKey(Periodical, on_delete=models.PROTECT, related_name="subscriptions",
                                   verbose_name=_("periodical"))
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("subscription period"), max_length=4, choices=SubscriptionPeriod.choices)
    copies = models.PositiveIntegerField(_("copies (sets)"), default=1)
    price = models.DecimalField(_("price for the period"), max_digits=12, decimal_places=2, default=Decimal(0))
    supplier = models.ForeignKey("Supplier", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("subscription agency"))
    order_line = models.ForeignKey("ConsolidatedOrderLine", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="subscriptions", verbose_name=_("consolidated order line"))

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("consolidated subscription")
        ordering = ["year", "periodical__title"]
        constraints = [
            models.UniqueConstraint(fields=["periodical", "year", "period"], name="acq_subscription_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.periodical} {self.year} {self.get_period_display()}"

    @property
    def months(self) -> tuple[int, int]:
        return YearPart(self.period).months

    @property
    def amount(self) -> Decimal:
        return self.price * self.copies

    def expected_dates(self) -> list[dt.date]:
        """Issue dates spread evenly over the period from the periodicity (issues per year)."""
        first, last = self.months
        months = last - first + 1
        count = max(1, round(self.periodical.issues_per_year * months / 12))
        start = dt.date(self.year, first, 1)
        end = dt.date(self.year + (last == 12), 1 if last == 12 else last + 1, 1)
        span = (end - start).days
        return [start + dt.timedelta(days=span * index // count) for index in range(count)]


class PeriodicalIssue(models.Model):
    """A line of the arrivals sheet (607-15): an expected issue, ticked when it arrives."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="issues",
                                     verbose_name=_("subscription"))
    number = models.PositiveSmallIntegerField(_("issue №"))
    expected_on = models.DateField(_("expected on"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    copies_received = models.PositiveIntegerField(_("copies received"), default=0)
    claimed_on = models.DateField(_("claimed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodical issue")
        verbose_name_plural = _("arrivals sheet")
        ordering = ["subscription", "number"]
        constraints = [models.UniqueConstraint(fields=["subscription", "number"], name="acq_issue_unique")]

    def __str__(self) -> str:
        return f"{self.subscription.periodical.title} № {self.number}"

    def is_missing(self, today: dt.date) -> bool:
        return self.received_on is None and self.expected_on < today


class AccessModel(models.TextChoices):
    IP = "ip", _("Campus IP addresses")
    LOGIN = "login", _("Login and password")
    REMOTE = "remote", _("Remote access")
    SSO = "sso", _("Single sign-on")


class LicensedDatabaseQuerySet(models.QuerySet):
    def available_on(self, day: dt.date):
        """The databases the library gives access to on that day (its public list of e-resources)."""
        return self.filter(access_from__lte=day, access_to__gte=day)

    def listed_on(self, day: dt.date):
        """The public list of e-resources: those available that day with an address to open them by."""
        return self.available_on(day).exclude(url="")


class LicensedDatabase(models.Model):
    """A licensed database or e-package in the register (607-17). The public list of e-resources shows those
    available today with their terms, and opens them through the library so that each use is counted (607-18)."""

    name = models.CharField(_("name"), max_length=255)
    provider = models.CharField(_("provider"), max_length=255)
    db_type = models.CharField(_("type"), max_length=100, blank=True,
                               help_text=_("Abstract, full-text, e-library system…"))
    subjects = models.CharField(_("subjects"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=64, blank=True)
    basis = models.CharField(_("basis of access"), max_length=255,
                             help_text=_("Contract or licence № and date, national subscription, consortium."))
    contract = models.ForeignKey("Contract", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("contract"))
    access_from = models.DateField(_("access from"))
    access_to = models.DateField(_("access to"))
    access_model = models.CharField(_("access model"), max_length=16, choices=AccessModel.choices)
    url = models.URLField(_("address (URL)"), blank=True)
    concurrent_users = models.PositiveIntegerField(_("concurrent users"), null=True, blank=True)
    cost = models.DecimalField(_("cost"), max_digits=14, decimal_places=2, default=Decimal(0))
    funding = models.CharField(_("source of funding"), max_length=255, blank=True)
    responsible = models.CharField(_("responsible person"), max_length=255, blank=True)
    note = models.TextField(_("note / renewal decision"), blank=True)
    description = models.TextField(_("description for readers"), blank=True,
                                   help_text=_("What the database holds, shown on the public list of e-resources."))

    objects = LicensedDatabaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("licensed database")
        verbose_name_plural = _("licensed databases")
        ordering = ["name", "-access_from"]

    def __str__(self) -> str:
        return self.name

    @property
    def campus_only(self) -> bool:
        """The vendor recognises the university by its addresses: the database opens on campus only."""
        return self.access_model == AccessModel.IP


class UsageFigure(models.Model):
    """Monthly usage of a licensed database, imported from the vendor's (COUNTER) statistics."""

    database = models.ForeignKey(LicensedDatabase, on_delete=models.CASCADE, related_name="usage",
                                 verbose_name=_("licensed database"))
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    sessions = models.PositiveIntegerField(_("sessions"), default=0)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("usage figure")
        verbose_name_plural = _("usage figures")
        ordering = ["database", "month"]
        constraints = [models.UniqueConstraint(fields=["database", "month"], name="acq_usage_database_month")]

    def __str__(self) -> str:
        return f"{self.database} {self.month:%Y-%m}"


class EResourceUse(models.Model):
    """Uses of a licensed database through the library's site (607-18): one row per database, day and place
    (on the university's networks or remote), counted when a person opens the database from the public list."""

    database = models.ForeignKey(LicensedDatabase, on_delete=models.CASCADE, related_name="uses",
                                 verbose_name=_("licensed database"))
    day = models.DateField(_("day"))
    on_campus = models.BooleanField(_("from the university's networks"))
    count = models.PositiveIntegerField(_("uses"), default=0)

    class Meta:
        verbose_name = _("use of a licensed database")
        verbose_name_plural = _("uses of licensed databases through the site")
        ordering = ["-day", "database"]
        constraints = [models.UniqueConstraint(fields=["database", "day", "on_campus"],
                                               name="acq_eresource_use_database_day_place")]

    def __str__(self) -> str:
        return f"{self.database} {self.day:%Y-%m-%d}"
