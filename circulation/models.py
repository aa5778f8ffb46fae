"""Sub-process 5.5 (library and information services): readers, the rules of use as data, orders, loans,
refusals, ILL/EDD, lost books, clearance certificates and the information services' registers.

Rules about one row live here as methods evaluated against "now" (`Reservation.is_expired(at)`,
`Loan.is_overdue(at)`); filters are QuerySet methods; integrity is in named constraints. Everything that
writes across models is in `services.py`.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cataloguing.constants import LoanCategory
from core.periods import period_filter

from .calendar import academic_year_end, academic_year_of, semester_end
from .constants import (
    DUE_SOON_DAYS,
    OPEN_RESERVATION_STATUSES,
    BibliometricSource,
    DeliveryKind,
    ExhibitionKind,
    FeedbackService,
    IllStatus,
    InfoServiceKind,
    LoanPeriodKind,
    LossStatus,
    NoticeKind,
    NoticeStatus,
    ReferenceKind,
    RefusalAction,
    RefusalReason,
    RequestStatus,
    ReservationStatus,
)
from .photos import validate_reader_photo


def reader_photo_path(instance: Reader, filename: str) -> str:
    return f"circulation/photos/{instance.card_number or 'new'}-{secrets.token_hex(4)}.jpg"


class ReaderSource(models.TextChoices):
    REGISTRAR = "registrar", _("Registrar's student list")
    HR = "hr", _("HR staff list")
    DESK = "desk", _("registered at the desk")


class ReaderQuerySet(models.QuerySet):
    def registered_for(self, academic_year: int):
        """Readers re-registered for this academic year and not gone."""
        return self.filter(registered_year=academic_year, left_on__isnull=True)


class Reader(models.Model):
    """The reader's registration record (607-36): who they are, how to reach them, their photo and card,
    the signed acceptance of the rules of use, and the academic year they are registered for.
    A reader not re-registered for the current academic year is not served (QP 607 §5.5)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reader",
                                verbose_name=_("account"))
    card_number = models.CharField(_("reader card number"), max_length=32, unique=True,
                                   help_text=_("Printed on the card as a barcode."))
    category = models.ForeignKey("accounts.ReaderCategory", on_delete=models.PROTECT, related_name="readers",
                                 verbose_name=_("reader category"))
    institute = models.ForeignKey("accounts.Institute", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("institute"))
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="readers", verbose_name=_("academic department"))
    programme = models.CharField(_("educational programme"), max_length=255, blank=True)
    study_group = models.CharField(_("study group"), max_length=64, blank=True)
    course = models.PositiveSmallIntegerField(_("year of study"), null=True, blank=True,
                                              validators=[MinValueValidator(1), MaxValueValidator(7)])
    position = models.CharField(_("position"), max_length=200, blank=True)
    iin = models.CharField(_("IIN"), max_length=12, blank=True, help_text=_("Individual identification number."))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    photo = models.ImageField(_("photo 3×4"), upload_to=reader_photo_path, blank=True,
                              validators=[validate_reader_photo])
    rules_accepted_on = models.DateField(
        _("rules of use accepted on"), null=True, blank=True,
        help_text=_("The reader signed: \"I have read the rules of use of the library and will follow them\"."),
    )
    registered_on = models.DateField(_("first registered on"), default=timezone.localdate)
    registered_year = models.PositiveSmallIntegerField(
        _("registered for academic year"), null=True, blank=True, db_index=True,
        help_text=_("Starting year of the academic year of the last (re-)registration, e.g. 2026 for 2026/2027."),
    )
    left_on = models.DateField(_("left the university on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=ReaderSource.choices, default=ReaderSource.DESK)
    external_id = models.CharField(_("student or personnel number"), max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReaderQuerySet.as_manager()

    class Meta:
        verbose_name = _("reader (607-36)")
        verbose_name_plural = _("readers (607-36)")
        ordering = ["card_number"]
        indexes = [models.Index(fields=["category", "registered_year"], name="circ_reader_cat_year")]

    def __str__(self) -> str:
        return f"{self.card_number} — {self.full_name}"

    @property
    def full_name(self) -> str:
        return self.user.full_name or self.user.username

    def is_registered(self, at: dt.datetime | None = None) -> bool:
        """Registered for the academic year of `at` and has not left: only such a reader is served."""
        day = timezone.localdate(at) if at else timezone.localdate()
        return self.left_on is None and self.registered_year == academic_year_of(day)


class ReaderRegistration(models.Model):
    """One (re-)registration of a reader for an academic year, the marks on the registration card (607-36)."""

    reader = models.ForeignKey(Reader, on_delete=models.CASCADE, related_name="registrations",
                               verbose_name=_("reader"))
    academic_year = models.PositiveSmallIntegerField(_("academic year"))
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("registered by"))

    class Meta:
        verbose_name = _("reader registration")
        verbose_name_plural = _("reader registrations")
        ordering = ["-academic_year"]
        constraints = [
            models.UniqueConstraint(fields=["reader", "academic_year"], name="circulation_registration_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.reader.card_number} {self.academic_year}/{self.academic_year + 1}"


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
            models.CheckConstraint(condition=~Q(period_kind="days") | Q(period_days__gt=0),
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
            models.UniqueConstraint(fields=["item"], condition=Q(status="active"),
                                    name="circulation_reservation_one_active_per_item"),
            models.CheckConstraint(
                condition=~Q(status="active") | (Q(item__isnull=False) & Q(expires_at__isnull=False)),
                name="circulation_reservation_active_has_item_and_expiry",
            ),
            # One open (held or waiting) order per reader per title, even when one reader sends many orders at
            # once: the service locks the reader before its check, and this refuses whatever gets past it.
            models.UniqueConstraint(fields=["reader", "record"], condition=Q(status__in=OPEN_RESERVATION_STATUSES),
                                    name="circulation_reservation_one_open_per_reader_title"),
        ]

    def __str__(self) -> str:
        return f"{self.reader.card_number}: {self.record.title[:60]}"

    def is_expired(self, at: dt.datetime | None = None) -> bool:
        """True once the 24 hours are over, even before the sweep has run (screens stay right)."""
        at = at or timezone.now()
        return self.status == ReservationStatus.ACTIVE and self.expires_at is not None and at >= self.expires_at

    def is_held(self, at: dt.datetime | None = None) -> bool:
        return self.status == ReservationStatus.ACTIVE and not self.is_expired(at)


class LoanQuerySet(models.QuerySet):
    def open(self):
        return self.filter(returned_at__isnull=True)

    def overdue(self, at: dt.datetime | None = None):
        """Open loans whose due date is before the day of `at`."""
        day = timezone.localdate(at) if at else timezone.localdate()
        return self.filter(returned_at__isnull=True, due_on__lt=day)

    def due_soon(self, at: dt.datetime | None = None, days: int = DUE_SOON_DAYS):
        day = timezone.localdate(at) if at else timezone.localdate()
        return self.filter(returned_at__isnull=True, due_on__gte=day, due_on__lte=day + dt.timedelta(days=days))

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


class FeedbackCard(models.Model):
    """A feedback card (607-45): ratings of a service, what the reader could not get (feeds the refusal
    analysis), suggestions, and the library's handling of it."""

    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback",
                               verbose_name=_("reader"))
    respondent_category = models.ForeignKey("accounts.ReaderCategory", on_delete=models.PROTECT, null=True,
                                            blank=True, related_name="+", verbose_name=_("respondent category"))
    service = models.CharField(_("service rated"), max_length=16, choices=FeedbackService.choices)
    rating_access = models.PositiveSmallIntegerField(_("availability and opening hours"),
                                                     validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_fund = models.PositiveSmallIntegerField(_("completeness of the fund"),
                                                   validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_e_resources = models.PositiveSmallIntegerField(_("quality of electronic resources"),
                                                          validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_staff = models.PositiveSmallIntegerField(_("competence and courtesy of staff"),
                                                    validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_comfort = models.PositiveSmallIntegerField(_("comfort of the premises"),
                                                      validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_overall = models.PositiveSmallIntegerField(_("overall satisfaction"),
                                                      validators=[MinValueValidator(1), MaxValueValidator(5)])
    not_obtained = models.TextField(_("what could you not get?"), blank=True)
    suggestions = models.TextField(_("suggestions or complaints"), blank=True)
    response = models.TextField(_("action taken"), blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("responsible"))
    responded_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback card (607-45)")
        verbose_name_plural = _("feedback cards (607-45)")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"№ {self.pk} {self.created_at:%Y-%m-%d}"

    @property
    def average(self) -> float:
        values = [self.rating_access, self.rating_fund, self.rating_e_resources, self.rating_staff,
                  self.rating_comfort, self.rating_overall]
        return round(sum(values) / len(values), 2)


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
                condition=Q(status="open") | Q(replacement_item__isnull=False, act_number__isnull=False),
                name="circulation_lost_replaced_has_item_and_act",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.inventory_number} ({self.get_status_display()})"


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


def new_verification_code() -> str:
    return secrets.token_hex(8).upper()


class ClearanceCertificate(models.Model):
    """A no-debt clearance certificate for a leaving reader (the library's mark on the clearance sheet).
    Numbered, issued once, never deleted; its code can be checked by anyone on the public page."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    code = models.CharField(_("verification code"), max_length=32, unique=True, default=new_verification_code,
                            editable=False)
    reader = models.ForeignKey(Reader, on_delete=models.PROTECT, related_name="clearances", verbose_name=_("reader"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    full_name = models.CharField(_("full name"), max_length=255)
    card_number = models.CharField(_("reader card number"), max_length=32)
    category_name = models.CharField(_("reader category"), max_length=255, blank=True)
    department_name = models.CharField(_("academic department"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("clearance certificate")
        verbose_name_plural = _("clearance certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="circulation_clearance_number_per_year"),
        ]

    def __str__(self) -> str:
        return f"№ {self.number}/{self.year} {self.full_name}"


class ReferenceEntry(models.Model):
    """A bibliographic reference given to a reader (607-46): the accounting sheet of references."""

    given_on = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("reader"))
    requester = models.CharField(_("requester"), max_length=255, blank=True,
                                 help_text=_("Name and unit, when the person is not a registered reader."))
    kind = models.CharField(_("kind of reference"), max_length=16, choices=ReferenceKind.choices)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer and sources"), blank=True)
    remote = models.BooleanField(_("virtual (remote) reference"), default=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("librarian"))

    class Meta:
        verbose_name = _("bibliographic reference (607-46)")
        verbose_name_plural = _("bibliographic references (607-46)")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.given_on} {self.question[:60]}"


class ExhibitionRequest(models.Model):
    """A department's request to prepare an exhibition (607-47)."""

    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("academic department"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    topic = models.CharField(_("topic"), max_length=500)
    occasion = models.CharField(_("occasion or event"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ExhibitionKind.choices, default=ExhibitionKind.PHYSICAL)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.NEW)
    librarian = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("responsible librarian"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("exhibition request (607-47)")
        verbose_name_plural = _("exhibition requests (607-47)")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(date_to__gte=models.F("date_from")),
                                   name="circulation_exhibition_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.topic[:80]


class InfoServiceRequest(models.Model):
    """A request for information-bibliographic services: consultations, trainings, webinars (607-49)."""

    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("academic department"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    kind = models.CharField(_("kind"), max_length=20, choices=InfoServiceKind.choices)
    topic = models.CharField(_("topic"), max_length=500)
    preferred_date = models.DateField(_("preferred date"), null=True, blank=True)
    audience = models.CharField(_("audience (group, course)"), max_length=255, blank=True)
    participants_expected = models.PositiveSmallIntegerField(_("participants expected"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.NEW)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    librarian = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("responsible librarian"))

    class Meta:
        verbose_name = _("information service request (607-49)")
        verbose_name_plural = _("information service requests (607-49)")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.topic[:60]}"


class Event(models.Model):
    """A library event (presentation, training, round table) whose participants are registered (607-50)."""

    title = models.CharField(_("title"), max_length=500)
    held_on = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("organiser"))

    class Meta:
        verbose_name = _("event (607-50)")
        verbose_name_plural = _("events (607-50)")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title[:60]}"


class EventParticipant(models.Model):
    """One line of the registration sheet of event participants (607-50)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants", verbose_name=_("event"))
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("reader"))
    full_name = models.CharField(_("full name"), max_length=255)
    unit = models.CharField(_("department, group or organisation"), max_length=255, blank=True)
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    certified = models.BooleanField(_("certificate issued"), default=False)

    class Meta:
        verbose_name = _("event participant")
        verbose_name_plural = _("event participants")
        ordering = ["event", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class Publication(models.Model):
    """A publication of the university's authors from an export of a bibliometric database (Scopus, Web of
    Science…), the data of the publication activity analysis (607-51) per department, author and year."""

    source = models.CharField(_("database"), max_length=8, choices=BibliometricSource.choices)
    external_id = models.CharField(_("identifier in the database"), max_length=128,
                                   help_text=_("EID, UT (accession number) or DOI."))
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.TextField(_("title"))
    authors = models.TextField(_("authors"), blank=True)
    university_authors = models.CharField(
        _("university authors"), max_length=500, blank=True,
        help_text=_("\"; \"-separated names of the university's authors, as counted in the analysis."),
    )
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("academic department"))
    journal = models.CharField(_("journal or source"), max_length=500, blank=True)
    document_type = models.CharField(_("document type"), max_length=64, blank=True)
    doi = models.CharField(_("DOI"), max_length=255, blank=True)
    citations = models.PositiveIntegerField(_("citations"), default=0)
    quartile = models.CharField(_("quartile"), max_length=2, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("publication (607-51)")
        verbose_name_plural = _("publications (607-51)")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="circulation_publication_unique_in_source"),
        ]
        indexes = [models.Index(fields=["department", "year"], name="circ_pub_dept_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.title[:80]}"

    def author_names(self) -> list[str]:
        return [name.strip() for name in self.university_authors.split(";") if name.strip()]
