"""Readers (607-36): the registration record, its yearly re-registrations, and the no-debt clearance
certificate of a leaving reader."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..calendar import academic_year_of
from ..photos import validate_reader_photo


def reader_photo_path(instance: Reader, filename: str) -> str:
    return f"circulation/photos/{instance.card_number or 'new'}-{secrets.token_hex(4)}.jpg"


class ReaderSource(models.TextChoices):
    REGISTRAR = "registrar", _("Registrar's student list")
    HR = "hr", _("HR staff list")
    DESK = "desk", _("registered at the desk")


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
