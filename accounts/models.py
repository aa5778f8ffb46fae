"""People and organisational units: the university's institutes and academic departments, the library's
own departments, reader categories, and the user account that every role signs in with."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.models import MultilingualName


class Institute(MultilingualName):
    """An institute of the university (groups academic departments)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)

    class Meta:
        verbose_name = _("institute")
        verbose_name_plural = _("institutes")
        ordering = ["code"]


class AcademicDepartment(MultilingualName):
    """An academic department (кафедра): submits acquisition requests, has a book-provision card."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    institute = models.ForeignKey(
        Institute, on_delete=models.PROTECT, related_name="departments", verbose_name=_("institute")
    )

    class Meta:
        verbose_name = _("academic department")
        verbose_name_plural = _("academic departments")
        ordering = ["institute__code", "code"]


class LibraryDepartment(MultilingualName):
    """A department of the Scientific Library (acquisitions, service, storage…); owns plans and reports."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    abbreviation = models.CharField(_("abbreviation (Kazakh)"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("library department")
        verbose_name_plural = _("library departments")
        ordering = ["code"]


class ReaderCategory(MultilingualName):
    """Reader category (bachelor, master's, PhD, faculty, staff, external): keys the loan policy."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reader category")
        verbose_name_plural = _("reader categories")
        ordering = ["ordering", "code"]


class User(AbstractUser):
    """Anyone who signs in: reader, librarian, department head, director… Roles are Django groups.

    A person signs in with their e-mail or, for readers, the reader-card number (see `backends.py`).
    """

    email = models.EmailField(_("e-mail"), blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    reader_card_number = models.CharField(
        _("reader card number"), max_length=32, unique=True, null=True, blank=True,
        help_text=_("Printed on the reader card as a barcode; also a login."),
    )
    reader_category = models.ForeignKey(
        ReaderCategory, on_delete=models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name=_("reader category"),
    )
    academic_department = models.ForeignKey(
        AcademicDepartment, on_delete=models.PROTECT, null=True, blank=True, related_name="members",
        verbose_name=_("academic department"),
    )
    library_department = models.ForeignKey(
        LibraryDepartment, on_delete=models.PROTECT, null=True, blank=True, related_name="staff",
        verbose_name=_("library department"),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # E-mail is a login, so it must identify one person whatever its letter case.
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique", condition=~models.Q(email="")
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @staticmethod
    def email_q(email: str) -> models.Q:
        """Accounts with this e-mail, whatever its letter case. Spelled as the unique index is (lower(email),
        where email <> '') so that the look-up uses it instead of reading every account."""
        return models.Q(email__lower=email.strip().lower()) & ~models.Q(email="")

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)

    @property
    def short_name(self) -> str:
        """Surname with initials, as signed under a form: "Сәтбаев Қ.И."."""
        initials = "".join(f"{part[0]}." for part in (self.first_name, self.patronymic) if part)
        return f"{self.last_name} {initials}".strip() or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *codes: str) -> bool:
        return bool(self.role_codes.intersection(codes))
