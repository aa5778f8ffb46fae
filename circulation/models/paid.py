"""Paid services (QP 607 §5.5: "paid services regulated by the relevant documents"): the price list the director
approves, and the register of services rendered at the desk with their numbered receipts.

There is no online payment: a service is recorded when the reader pays at the desk, so every row of the register
is money received. A row entered by mistake is cancelled with its reason, never deleted, so the receipts' numbers
stay gap-free and the day's cash agrees with the register."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .readers import Reader


class PriceListStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved by the director")


class PaidServiceKind(models.TextChoices):
    COPYING = "copying", _("copying")
    SCANNING = "scanning", _("scanning")
    PRINTING = "printing", _("printing")
    DOCUMENT_DELIVERY = "delivery", _("document delivery")
    BINDING = "binding", _("binding of theses")
    LAMINATION = "lamination", _("lamination")
    OTHER = "other", _("other service")


class PriceUnit(models.TextChoices):
    PAGE = "page", _("page")
    COPY = "copy", _("copy")
    DOCUMENT = "document", _("document")
    HOUR = "hour", _("hour")
    ORDER = "order", _("order")


class PriceListQuerySet(models.QuerySet):
    def in_force(self, on: dt.date) -> PriceList | None:
        """The approved price list that applies on that day: the latest one to have come into force by then."""
        return self.filter(status=PriceListStatus.APPROVED, valid_from__lte=on).order_by("-valid_from", "-pk").first()


class PriceList(models.Model):
    """A price list of the library's paid services. It applies from its date once the director approves it; an
    approved list is never edited (the receipts issued under it quote its prices): a change is a new list."""

    title = models.CharField(_("title"), max_length=255)
    basis = models.CharField(_("basis"), max_length=255, blank=True,
                             help_text=_("The university's regulation on paid services, order № and date."))
    valid_from = models.DateField(_("in force from"))
    status = models.CharField(_("status"), max_length=16, choices=PriceListStatus.choices,
                              default=PriceListStatus.DRAFT)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = PriceListQuerySet.as_manager()

    class Meta:
        verbose_name = _("price list of paid services")
        verbose_name_plural = _("price lists of paid services")
        ordering = ["-valid_from", "-pk"]
        permissions = [("approve_pricelist", _("Can approve a price list of paid services"))]
        constraints = [
            models.CheckConstraint(condition=Q(status=PriceListStatus.DRAFT) | Q(approved_at__isnull=False),
                                   name="circulation_pricelist_approved_has_date"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.valid_from:%d.%m.%Y})"

    @property
    def is_approved(self) -> bool:
        return self.status == PriceListStatus.APPROVED


class PriceListItem(models.Model):
    """One service of a price list with its unit and price in tenge."""

    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items",
                                   verbose_name=_("price list"))
    kind = models.CharField(_("kind of service"), max_length=16, choices=PaidServiceKind.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=PriceUnit.choices, default=PriceUnit.PAGE)
    price = models.DecimalField(_("price, tenge"), max_digits=10, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0.01"))])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service of a price list")
        verbose_name_plural = _("services of a price list")
        ordering = ["price_list", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["price_list", "name_kk"], name="circulation_pricelist_item_name"),
            models.CheckConstraint(condition=Q(price__gt=0), name="circulation_pricelist_item_price_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the reader's language, the Kazakh one where a translation is missing."""
        language = (get_language() or "kk").split("-")[0]
        return getattr(self, f"name_{language}", "") or self.name_kk


class RenderedServiceQuerySet(models.QuerySet):
    def received(self):
        """The services paid for and not cancelled: the money the register holds."""
        return self.filter(cancelled_at__isnull=True)

    def rendered_between(self, date_from: dt.date, date_to: dt.date):
        return self.filter(rendered_on__gte=date_from, rendered_on__lte=date_to)


class RenderedService(models.Model):
    """A row of the register of paid services: who paid for what, how much, and the receipt's number."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("receipt №"), editable=False)
    rendered_on = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    reader = models.ForeignKey(Reader, on_delete=models.PROTECT, related_name="paid_services",
                               verbose_name=_("reader"))
    service = models.ForeignKey(PriceListItem, on_delete=models.PROTECT, related_name="rendered",
                                verbose_name=_("service"))
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    unit_price = models.DecimalField(_("price, tenge"), max_digits=10, decimal_places=2)
    amount = models.DecimalField(_("sum, tenge"), max_digits=12, decimal_places=2)
    received_at = models.DateTimeField(_("payment received at"), default=timezone.now)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("received by"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("cancelled by"))
    cancel_reason = models.CharField(_("reason of cancellation"), max_length=255, blank=True)

    objects = RenderedServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("paid service rendered")
        verbose_name_plural = _("register of paid services")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="circulation_paid_service_receipt_number"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="circulation_paid_service_quantity"),
            models.CheckConstraint(condition=Q(amount=F("quantity") * F("unit_price")),
                                   name="circulation_paid_service_amount"),
            models.CheckConstraint(condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""),
                                   name="circulation_paid_service_cancel_has_reason"),
        ]

    def __str__(self) -> str:
        return f"№ {self.number}/{self.year}"

    @property
    def receipt_number(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None
