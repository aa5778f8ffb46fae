"""Department requests (607-07, 607-08, 607-10, 607-11), their review and the consolidated order."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import (
    REQUEST_FORM_CODES,
    CorrectionReason,
    LanguageGroup,
    LineStatus,
    LiteratureKind,
    OrderStatus,
    RequestKind,
    RequestStatus,
    SubscriptionPeriod,
)


class RequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A department head sees only their own department's requests; the library sees all."""
        if user.is_superuser or user.has_perm("acquisitions.view_acquisitionrequest"):
            return self
        if user.academic_department_id:
            return self.filter(department_id=user.academic_department_id)
        return self.none()


class AcquisitionRequest(models.Model):
    """A department's request (5.2): purchase 607-07, subscription 607-08, trial access 607-10, e-purchase 607-11.

    A draft is edited by the department; once submitted it is read-only for them and each line follows
    its own status to the end (received or refused).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=RequestKind.choices)
    department = models.ForeignKey(
        "accounts.AcademicDepartment", on_delete=models.PROTECT, related_name="acquisition_requests",
        verbose_name=_("academic department"),
    )
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), help_text=_("The year the academic year starts, e.g. 2026 for 2026–2027.")
    )
    funding_source = models.CharField(_("source of funding"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("department request")
        verbose_name_plural = _("department requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["department", "status"], name="acq_request_dept_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.department} · {self.academic_year}"

    @property
    def form_code(self) -> str:
        return REQUEST_FORM_CODES[self.kind]

    @property
    def is_draft(self) -> bool:
        return self.status == RequestStatus.DRAFT

    @property
    def academic_year_label(self) -> str:
        return f"{self.academic_year}–{self.academic_year + 1}"


class RequestLine(models.Model):
    """One title asked for in a department request; its status is what the department follows.

    Fields used depend on the request's kind: books (607-07), periodicals (607-08), e-resources (607-10/11).
    """

    request = models.ForeignKey(AcquisitionRequest, on_delete=models.CASCADE, related_name="lines",
                                verbose_name=_("request"))
    # 607-07
    discipline = models.CharField(_("discipline"), max_length=255, blank=True)
    programme = models.CharField(_("educational programme"), max_length=255, blank=True)
    literature_kind = models.CharField(_("main / additional"), max_length=16, choices=LiteratureKind.choices,
                                       blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year of publication"), null=True, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=16, choices=LanguageGroup.choices, blank=True)
    students = models.PositiveIntegerField(_("students in the discipline"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # 607-08
    subscription_index = models.CharField(_("subscription index"), max_length=32, blank=True)
    issn = models.CharField(_("ISSN"), max_length=16, blank=True)
    issues_per_year = models.PositiveSmallIntegerField(_("issues per year"), null=True, blank=True)
    period = models.CharField(_("subscription period"), max_length=4, choices=SubscriptionPeriod.choices,
                              blank=True)
    # 607-10 / 607-11
    provider = models.CharField(_("provider"), max_length=255, blank=True)
    url = models.URLField(_("address (URL)"), blank=True)
    access_from = models.DateField(_("access from"), null=True, blank=True)
    access_to = models.DateField(_("access to"), null=True, blank=True)

    copies_requested = models.PositiveIntegerField(_("copies wanted"), default=1)
    copies_approved = models.PositiveIntegerField(_("copies approved"), null=True, blank=True)
    correction_reason = models.CharField(_("reason for correction"), max_length=16,
                                         choices=CorrectionReason.choices, blank=True)
    correction_note = models.CharField(_("correction comment"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=LineStatus.choices, default=LineStatus.DRAFT)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=300, blank=True)
    order_line = models.ForeignKey(
        "ConsolidatedOrderLine", on_delete=models.PROTECT, null=True, blank=True, related_name="request_lines",
        verbose_name=_("consolidated order line"),
    )

    class Meta:
        verbose_name = _("request line")
        verbose_name_plural = _("request lines")
        ordering = ["request", "id"]
        constraints = [
            # A corrected quantity always carries its reason (holdings, topicality, contingent, demand).
            models.CheckConstraint(
                condition=models.Q(copies_approved__isnull=True) | ~models.Q(correction_reason=""),
                name="acq_line_correction_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} {self.title}".strip()

    def clean(self) -> None:
        # A line of a request being created has its request only in memory (no id yet).
        request = self._state.fields_cache.get("request") or (self.request if self.request_id else None)
        if request is not None and request.kind == RequestKind.SUBSCRIPTION and self.period:
            # 5.2: Kazakh periodicals and official editions are subscribed yearly, Russian ones half-yearly.
            if self.language == LanguageGroup.KAZAKH and self.period != SubscriptionPeriod.YEAR:
                raise ValidationError({"period": _("Kazakh editions are subscribed for the whole year.")})
            if self.language == LanguageGroup.RUSSIAN and self.period == SubscriptionPeriod.YEAR:
                raise ValidationError({"period": _("Russian editions are subscribed for a half-year.")})
        if self.access_from and self.access_to and self.access_to < self.access_from:
            raise ValidationError({"access_to": _("The access period ends before it starts.")})

    @property
    def copies(self) -> int:
        """Copies that go into the order: the corrected figure if the library corrected it."""
        return self.copies_requested if self.copies_approved is None else self.copies_approved

    def merge_key(self) -> tuple:
        """Identical lines across departments share one consolidated order line (5.2)."""
        isbn = "".join(ch for ch in self.isbn.upper() if ch.isdigit() or ch == "X")
        if isbn:
            return (self.request.kind, "isbn", isbn, self.period)
        norm = " ".join(self.title.casefold().split())
        return (self.request.kind, "title", norm, " ".join(self.author.casefold().split()), self.year,
                self.subscription_index.strip(), self.period)


class ConsolidatedOrder(models.Model):
    """The consolidated order (5.2): built from reviewed lines, agreed by the vice-rector, sent to procurement."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=RequestKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.DRAFT)
    built_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("built by"))
    built_at = models.DateTimeField(_("built at"), auto_now_add=True)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("agreed by"))
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent to procurement at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consolidated order")
        verbose_name_plural = _("consolidated orders")
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="acq_order_year_number_unique")]

    def __str__(self) -> str:
        return _("Consolidated order № %(number)s/%(year)s") % {"number": self.number, "year": self.year}

    @property
    def awaits_agreement(self) -> bool:
        """Built and not yet agreed by the vice-rector."""
        return self.status == OrderStatus.DRAFT

    @property
    def awaits_sending(self) -> bool:
        """Agreed, not yet sent to procurement."""
        return self.status == OrderStatus.AGREED

    @property
    def makes_subscriptions(self) -> bool:
        """An agreed order of periodicals: its lines become the consolidated subscription (607-09)."""
        return self.kind == RequestKind.SUBSCRIPTION and not self.awaits_agreement


class ConsolidatedOrderLine(models.Model):
    """One title of the consolidated order: identical department lines merged, quantities summed."""

    order = models.ForeignKey(ConsolidatedOrder, on_delete=models.CASCADE, related_name="lines",
                              verbose_name=_("consolidated order"))
    author = models.CharField(_("author"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year of publication"), null=True, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    subscription_index = models.CharField(_("subscription index"), max_length=32, blank=True)
    period = models.CharField(_("subscription period"), max_length=4, choices=SubscriptionPeriod.choices,
                              blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    quantity_received = models.PositiveIntegerField(_("quantity received"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=LineStatus.choices, default=LineStatus.IN_ORDER)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("consolidated order line")
        verbose_name_plural = _("consolidated order lines")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return f"{self.author} {self.title} × {self.quantity}".strip()

    @property
    def departments(self) -> list[str]:
        return sorted({str(line.request.department) for line in self.request_lines.all()})

    @property
    def awaits_ordering(self) -> bool:
        """Sent to procurement, not yet marked ordered."""
        return self.status == LineStatus.IN_PROCUREMENT

    @property
    def is_closed(self) -> bool:
        """Received or refused: nothing more is done with the line."""
        return self.status in (LineStatus.RECEIVED, LineStatus.REFUSED)


class StatusChange(models.Model):
    """Who did what and when on a request, a line or the consolidated order (5.2: every step recorded)."""

    request = models.ForeignKey(AcquisitionRequest, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="history", verbose_name=_("request"))
    line = models.ForeignKey(RequestLine, on_delete=models.CASCADE, null=True, blank=True, related_name="history",
                             verbose_name=_("request line"))
    order = models.ForeignKey(ConsolidatedOrder, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="history", verbose_name=_("consolidated order"))
    status = models.CharField(_("status"), max_length=16)
    note = models.CharField(_("note"), max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def status_label(self) -> str:
        labels = {**dict(LineStatus.choices), **dict(RequestStatus.choices), **dict(OrderStatus.choices)}
        return str(labels.get(self.status, self.status))
