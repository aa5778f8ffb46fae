"""Storage (QP 607-2023 §5.6): the places the fund is kept and served from, the copies' placement and
physical state, the climate of the rooms (section 7), sanitary and fire-safety inspection acts, and the
selection of copies for write-off (list 607-23)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.models import MultilingualName
from core.numbers import format_number
from core.periods import period_filter

from .constants import (
    DEFAULT_HUMIDITY,
    DEFAULT_HUMIDITY_TOLERANCE,
    DEFAULT_TEMPERATURE,
    DEFAULT_TEMPERATURE_TOLERANCE,
    CandidateDecision,
    CopyCondition,
    InspectionKind,
    LocationKind,
    PrescriptionStatus,
    ServicePointKind,
    WeedingListStatus,
    WeedingReason,
    WeedingRule,
)
from .udc import udc_sort_key

CLIMATE_KINDS = (LocationKind.ROOM, LocationKind.HALL, LocationKind.SERVICE_POINT)


class LocationQuerySet(models.QuerySet):
    def shelves(self):
        return self.filter(kind=LocationKind.SHELF, is_active=True)

    def climate_rooms(self):
        """Rooms whose temperature and humidity are logged (section 7)."""
        return self.filter(kind__in=CLIMATE_KINDS, is_active=True)

    def shelf_for_udc(self, udc: str, *, within: Location | None = None) -> Location | None:
        """The shelf a copy with this UDC index stands on: the last shelf whose range starts at or before it."""
        return self.shelf_finder(within=within)(udc)

    def shelf_finder(self, *, within: Location | None = None) -> Callable[[str], Location | None]:
        """`shelf_for_udc` for many copies: the shelves read once, each index's shelf found among them (a slip's
        copies are shelved with one query)."""
        shelves = self.shelves()
        if within is not None:
            shelves = shelves.filter(parent=within)
        ordered = list(shelves.order_by("-udc_key", "code"))

        def shelf_for(udc: str) -> Location | None:
            key = udc_sort_key(udc)  # digits only: compared as the database compares them
            return next((shelf for shelf in ordered if shelf.udc_key <= key), None)

        return shelf_for


class Location(MultilingualName):
    """A place of the fund (§5.6): a building, a storage room, a hall, a shelf, or a service point (loan desk,
    reading room). Shelves carry the start of their UDC range, which gives the shelving order."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=LocationKind.choices)
    service_point_kind = models.CharField(
        _("service point"), max_length=16, choices=ServicePointKind.choices, blank=True,
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("within"),
    )
    department = models.ForeignKey(
        "accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("library department"),
    )
    udc_from = models.CharField(
        _("UDC range starts at"), max_length=40, blank=True,
        help_text=_("Shelves only: the first UDC index of the shelf; the shelf holds everything up to the next one."),
    )
    udc_key = models.CharField(_("shelving key"), max_length=40, blank=True, editable=False, db_index=True)
    temperature_target = models.DecimalField(
        _("temperature norm, °C"), max_digits=4, decimal_places=1, default=DEFAULT_TEMPERATURE,
    )
    temperature_tolerance = models.DecimalField(
        _("temperature tolerance, ± °C"), max_digits=3, decimal_places=1, default=DEFAULT_TEMPERATURE_TOLERANCE,
        validators=[MinValueValidator(Decimal("0"))],
    )
    humidity_target = models.DecimalField(
        _("humidity norm, %"), max_digits=4, decimal_places=1, default=DEFAULT_HUMIDITY,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    humidity_tolerance = models.DecimalField(
        _("humidity tolerance, ± %"), max_digits=3, decimal_places=1, default=DEFAULT_HUMIDITY_TOLERANCE,
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_active = models.BooleanField(_("in use"), default=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["kind", "udc_key", "code"]

    def save(self, *args, **kwargs):
        self.udc_key = udc_sort_key(self.udc_from) if self.kind == LocationKind.SHELF else ""
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == LocationKind.SERVICE_POINT and not self.service_point_kind:
            raise ValidationError({"service_point_kind": _("Say what kind of service point this is.")})
        if self.kind == LocationKind.SHELF and not udc_sort_key(self.udc_from):
            raise ValidationError({"udc_from": _("A shelf needs the UDC index its range starts at.")})

    @property
    def temperature_range(self) -> tuple[Decimal, Decimal]:
        target, tolerance = self.temperature_target, self.temperature_tolerance
        return (target - tolerance, target + tolerance)

    @property
    def humidity_range(self) -> tuple[Decimal, Decimal]:
        return (self.humidity_target - self.humidity_tolerance, self.humidity_target + self.humidity_tolerance)

    @property
    def norm_text(self) -> str:
        return (f"{format_number(self.temperature_target, 1)} ± {format_number(self.temperature_tolerance, 1)} °C, "
                f"{format_number(self.humidity_target, 1)} ± {format_number(self.humidity_tolerance, 1)} %")

    def temperature_in_norm(self, value: Decimal) -> bool:
        low, high = self.temperature_range
        return low <= value <= high

    def humidity_in_norm(self, value: Decimal) -> bool:
        low, high = self.humidity_range
        return low <= value <= high


class ConditionReadingQuerySet(models.QuerySet):
    def out_of_norm(self):
        return self.filter(is_out_of_norm=True)

    def in_period(self, date_from: dt.date, date_to: dt.date):
        return self.filter(period_filter("measured_at", date_from, date_to))


class ConditionReading(models.Model):
    """A line of the temperature and humidity log of a room (section 7; forms-structure §21).

    Whether it kept the norm is decided when it is saved, against the room's norm of that moment, and kept:
    a later change of the norm does not rewrite the log. An out-of-norm reading needs the action taken and
    is a risk event of risk 6.1 (recorded by `risks` on `storage.signals.reading_out_of_norm`).
    """

    room = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="readings", verbose_name=_("room"))
    measured_at = models.DateTimeField(_("measured at"), db_index=True)
    temperature = models.DecimalField(
        _("temperature, °C"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(Decimal("-40")), MaxValueValidator(Decimal("60"))],
    )
    humidity = models.DecimalField(
        _("relative humidity, %"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    instrument = models.CharField(_("instrument"), max_length=100, blank=True,
                                  help_text=_("Thermohygrometer or logger, with its serial number."))
    is_out_of_norm = models.BooleanField(_("out of norm"), default=False, editable=False, db_index=True)
    deviation = models.CharField(_("deviation and its cause"), max_length=300, blank=True)
    action_taken = models.CharField(_("action taken"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("responsible"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ConditionReadingQuerySet.as_manager()

    class Meta:
        verbose_name = _("temperature and humidity reading")
        verbose_name_plural = _("temperature and humidity log")
        ordering = ["-measured_at"]
        constraints = [
            # A logger file imported twice updates its readings instead of doubling them.
            models.UniqueConstraint(fields=["room", "measured_at"], name="storage_reading_room_moment_unique"),
        ]
        indexes = [models.Index(fields=["room", "measured_at"], name="storage_reading_room_time")]

    def __str__(self) -> str:
        return (f"{self.room} · {self.measured_at:%d.%m.%Y %H:%M} · {format_number(self.temperature, 1)} °C / "
                f"{format_number(self.humidity, 1)} %")

    def save(self, *args, **kwargs):
        self.is_out_of_norm = self.evaluate()
        super().save(*args, **kwargs)

    def evaluate(self) -> bool:
        """True when the temperature or the humidity is outside the room's norm (bounds inclusive)."""
        return not (self.room.temperature_in_norm(Decimal(self.temperature))
                    and self.room.humidity_in_norm(Decimal(self.humidity)))

    @property
    def temperature_ok(self) -> bool:
        return self.room.temperature_in_norm(Decimal(self.temperature))

    @property
    def humidity_ok(self) -> bool:
        return self.room.humidity_in_norm(Decimal(self.humidity))


class InspectionAct(models.Model):
    """A sanitary or fire-safety inspection act of the storage premises (§5.6), numbered per year and
    never deleted; only the follow-up of its prescriptions changes after registration."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    kind = models.CharField(_("inspection"), max_length=16, choices=InspectionKind.choices)
    inspected_on = models.DateField(_("date of inspection"))
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections",
        verbose_name=_("premises"),
    )
    inspector = models.CharField(_("inspecting body or person"), max_length=300)
    commission = models.TextField(_("commission"), blank=True)
    findings = models.TextField(_("findings"))
    prescriptions = models.TextField(_("prescriptions"), blank=True)
    deadline = models.DateField(_("deadline for the prescriptions"), null=True, blank=True)
    status = models.CharField(_("follow-up"), max_length=8, choices=PrescriptionStatus.choices,
                              default=PrescriptionStatus.NONE)
    follow_up = models.TextField(_("what was done"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("inspection act")
        verbose_name_plural = _("inspection acts")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="storage_inspection_year_number_unique"),
        ]

    def __str__(self) -> str:
        return f"№ {self.reference} — {self.get_kind_display()}"

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.year}"


class ItemPlacement(models.Model):
    """A copy placed at a location (a shelf, a reading room, the loan desk): the copies' location history.
    The latest placement of a copy is where it is now."""

    item = models.ForeignKey("cataloguing.Item", on_delete=models.PROTECT, related_name="placements",
                             verbose_name=_("item"))
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="placements",
                                 verbose_name=_("location"))
    placed_at = models.DateTimeField(_("placed at"), db_index=True)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("placed by"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("placement of a copy")
        verbose_name_plural = _("placements of copies")
        ordering = ["-placed_at", "-id"]
        indexes = [models.Index(fields=["item", "-placed_at"], name="storage_placement_item_time")]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.location}"


class CopyState(models.Model):
    """What the storage department knows about a copy beyond the catalogue: its physical condition and its
    use. `last_loaned_on`/`loan_count` are kept up to date by circulation through
    `storage.services.copy_loan_register` (a higher app writes the figure onto this lower one)."""

    item = models.OneToOneField("cataloguing.Item", on_delete=models.PROTECT, related_name="storage_state",
                                verbose_name=_("item"))
    condition = models.CharField(_("physical condition"), max_length=8, choices=CopyCondition.choices,
                                 default=CopyCondition.GOOD)
    condition_noted_on = models.DateField(_("condition noted on"), null=True, blank=True)
    last_loaned_on = models.DateField(_("last lent on"), null=True, blank=True, db_index=True)
    loan_count = models.PositiveIntegerField(_("times lent"), default=0)
    restored_on = models.DateField(_("last restored on"), null=True, blank=True)

    class Meta:
        verbose_name = _("state of a copy")
        verbose_name_plural = _("states of copies")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.get_condition_display()}"


class ObsolescenceRule(models.Model):
    """How old a document of a UDC class may be before it counts as outdated for its subject (weeding);
    the longest matching UDC prefix applies."""

    udc_prefix = models.CharField(_("UDC class"), max_length=20, unique=True,
                                  help_text=_('Start of the UDC index, e.g. "004" or "62".'))
    max_age_years = models.PositiveSmallIntegerField(_("outdated after, years"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("obsolescence rule")
        verbose_name_plural = _("obsolescence rules")
        ordering = ["udc_prefix"]

    def __str__(self) -> str:
        return f"{self.udc_prefix}: {self.max_age_years}"


class WeedingList(models.Model):
    """A candidate list for write-off made by one weeding rule; the librarian decides every candidate, then
    confirms the list: the copies marked "write off" go into the list of literature 607-23."""

    rule = models.CharField(_("rule"), max_length=16, choices=WeedingRule.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    department = models.ForeignKey("accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("library department"))
    status = models.CharField(_("status"), max_length=10, choices=WeedingListStatus.choices,
                              default=WeedingListStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("made by"))
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("weeding list")
        verbose_name_plural = _("weeding lists")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} · {self.created_at:%d.%m.%Y}" if self.created_at else self.get_rule_display()


class WeedingCandidate(models.Model):
    """A copy proposed for write-off by a weeding rule, with the reason and the librarian's decision."""

    weeding_list = models.ForeignKey(WeedingList, on_delete=models.CASCADE, related_name="candidates",
                                     verbose_name=_("weeding list"))
    item = models.ForeignKey("cataloguing.Item", on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    # Lists made before the reasons got codes keep their worded reason here; new ones leave it empty.
    reason = models.CharField(_("reason"), max_length=300)
    # The reason as a code and its figures, worded when shown in the reader's language (a list made by a
    # Kazakh-speaking librarian is decided on by a Russian-speaking one too).
    reason_code = models.CharField(_("reason code"), max_length=16, choices=WeedingReason.choices, blank=True)
    reason_params = models.JSONField(_("figures of the reason"), default=dict, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=CandidateDecision.choices,
                                default=CandidateDecision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))

    class Meta:
        verbose_name = _("write-off candidate")
        verbose_name_plural = _("write-off candidates")
        ordering = ["weeding_list", "item__inventory_number"]
        constraints = [
            models.UniqueConstraint(fields=["weeding_list", "item"], name="storage_candidate_once_per_list"),
        ]

    def __str__(self) -> str:
        return f"{self.item} — {self.reason_text}"

    @property
    def reason_text(self) -> str:
        """The reason worded now, in the current language."""
        params = self.reason_params or {}
        code = self.reason_code
        years = int(params.get("years") or 0)
        if code == WeedingReason.NOT_LENT_SINCE:
            since = parse_date(params.get("date") or "")
            return ngettext("Not lent since %(date)s (%(years)s year).", "Not lent since %(date)s (%(years)s years).",
                            years) % {"date": formats.date_format(since, "SHORT_DATE_FORMAT") if since else "",
                                      "years": years}
        if code == WeedingReason.NEVER_LENT:
            return ngettext("Never lent in %(years)s year.", "Never lent in %(years)s years.", years) % {
                "years": years}
        if code == WeedingReason.OUTDATED:
            limit = int(params.get("limit") or 0)
            return ngettext("Published in %(year)s; UDC %(udc)s is outdated after %(limit)s year.",
                            "Published in %(year)s; UDC %(udc)s is outdated after %(limit)s years.", limit) % {
                "year": params.get("year"), "udc": params.get("udc", ""), "limit": limit}
        if code == WeedingReason.SURPLUS:
            copies = int(params.get("copies") or 0)
            return ngettext("%(copies)s copy on the shelf, %(keep)s are kept.",
                            "%(copies)s copies on the shelf, %(keep)s are kept.", copies) % {
                "copies": copies, "keep": params.get("keep")}
        if code == WeedingReason.WORN:
            condition = params.get("condition", "")
            label = CopyCondition(condition).label if condition in CopyCondition.values else condition
            return gettext("Condition: %(condition)s.") % {"condition": label}
        return self.reason
