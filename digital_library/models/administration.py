"""System administration logs of sub-process 5.4: account requests (607-30) and staff requests about the
library system (607-34)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.periods import period_filter

from ..choices import (
    AccountRequestKind,
    AccountRequestStatus,
    SystemRequestKind,
    SystemRequestPriority,
    SystemRequestStatus,
)


class AccountRequestQuerySet(models.QuerySet):
    def in_period(self, date_from, date_to):
        return self.filter(period_filter("requested_at", date_from, date_to))

    def open(self):
        return self.filter(status=AccountRequestStatus.NEW)


class AccountRequest(models.Model):
    """A request to create a user account or change its access rights (ҚазҰТЗУ 607-30 Ү).

    The system administrator carries it out in the accounts admin and closes the request with what was done.
    """

    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True, db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by"),
    )
    kind = models.CharField(_("kind of request"), max_length=16, choices=AccountRequestKind.choices)
    person_name = models.CharField(_("person"), max_length=255, help_text=_("Full name of the account holder."))
    person_email = models.EmailField(_("e-mail"), blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    library_department = models.ForeignKey(
        "accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("library department"),
    )
    academic_department = models.ForeignKey(
        "accounts.AcademicDepartment", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("academic department"),
    )
    roles = models.CharField(
        _("roles requested"), max_length=300, blank=True, help_text=_("Role codes, comma-separated."),
    )
    justification = models.TextField(_("justification"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AccountRequestStatus.choices, default=AccountRequestStatus.NEW,
        db_index=True,
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("account"),
    )
    resolution = models.TextField(_("what was done"), blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("processed by"),
    )
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    objects = AccountRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("account request (607-30)")
        verbose_name_plural = _("account requests (607-30)")
        ordering = ["-requested_at"]
        constraints = [
            # A closed request says who closed it and when: the log is evidence for the access audit.
            models.CheckConstraint(
                condition=models.Q(status=AccountRequestStatus.NEW)
                | models.Q(processed_by__isnull=False, processed_at__isnull=False),
                name="digital_library_accountrequest_closed_has_processor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person_name}"

    @property
    def role_codes(self) -> list[str]:
        return [code.strip() for code in self.roles.split(",") if code.strip()]


class SystemRequestQuerySet(models.QuerySet):
    def in_period(self, date_from, date_to):
        return self.filter(period_filter("submitted_at", date_from, date_to))

    def unresolved(self):
        return self.filter(status__in=[SystemRequestStatus.NEW, SystemRequestStatus.IN_PROGRESS])


class SystemRequest(models.Model):
    """A staff request about a fault or an adaptation of the library system (ҚазҰТЗУ 607-34 Ү)."""

    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by"),
    )
    library_department = models.ForeignKey(
        "accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("library department"),
    )
    kind = models.CharField(_("kind of request"), max_length=16, choices=SystemRequestKind.choices)
    priority = models.CharField(
        _("priority"), max_length=8, choices=SystemRequestPriority.choices, default=SystemRequestPriority.NORMAL,
    )
    subject = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=16, choices=SystemRequestStatus.choices, default=SystemRequestStatus.NEW,
        db_index=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("assigned to"),
    )
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = SystemRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request about the library system (607-34)")
        verbose_name_plural = _("requests about the library system (607-34)")
        ordering = ["-submitted_at"]
        constraints = [
            # A resolved or rejected request carries its resolution and the moment it was closed.
            models.CheckConstraint(
                condition=models.Q(status__in=[SystemRequestStatus.NEW, SystemRequestStatus.IN_PROGRESS])
                | (models.Q(resolved_at__isnull=False) & ~models.Q(resolution="")),
                name="digital_library_systemrequest_closed_has_resolution",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_closed(self) -> bool:
        return self.status in (SystemRequestStatus.RESOLVED, SystemRequestStatus.REJECTED)
