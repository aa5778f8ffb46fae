"""Acts on the fund: defects (607-20), stocktaking (607-21), write-off (607-22) with its list (607-23)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import WriteOffReason
from .fund import Classified


class WriteOffActStatus(models.TextChoices):
    DRAFT = "draft", _("Drawn up, awaiting approval")
    APPROVED = "approved", _("Approved")


class WriteOffSource(models.TextChoices):
    """Where a write-off act was handed over from (issue 17.5): drawn up here, or drafted from another department's
    document without retyping its inventory numbers."""

    DESK_LOSS = "desk_loss", _("Copies lost by readers (607-43/44)")
    WEEDING = "weeding", _("Confirmed weeding list")


class WriteOffActQuerySet(models.QuerySet):
    def handed_over_drafts(self):
        """Drafts handed over by the desk or storage, for the acquisitions librarian to check before approval."""
        return self.filter(status=WriteOffActStatus.DRAFT).exclude(source="")


class WriteOffAct(models.Model):
    """Write-off act (607-22) with its list of literature (607-23): one reason per act; it takes effect only
    when approved — then the items leave the fund and part 2 of the summary book records it. Never deleted.

    A draft is also handed over (issue 17.5): the desk's lost copies gather in one draft for reason "lost", and a
    confirmed weeding list (storage) becomes a draft of its own (`weeding_list`, one act per list)."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("act №"), editable=False)
    drawn_on = models.DateField(_("drawn up on"))
    reason = models.CharField(_("reason"), max_length=16, choices=WriteOffReason.choices)
    commission = models.TextField(_("commission"), blank=True)
    protocol = models.CharField(_("protocol of the fund safety commission"), max_length=255, blank=True)
    fate = models.CharField(_("what happens to the items"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=WriteOffActStatus.choices,
                              default=WriteOffActStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("drawn up by"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    source = models.CharField(_("handed over from"), max_length=16, choices=WriteOffSource.choices, blank=True,
                              editable=False)
    weeding_list = models.ForeignKey("storage.WeedingList", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("weeding list"), editable=False)

    objects = WriteOffActQuerySet.as_manager()

    class Meta:
        verbose_name = _("write-off act")
        verbose_name_plural = _("write-off acts")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="acq_writeoff_year_number_unique"),
            # A weeding list is handed over once: a repeated hand-off finds its act.
            models.UniqueConstraint(fields=["weeding_list"], condition=models.Q(weeding_list__isnull=False),
                                    name="acq_writeoff_one_act_per_weeding_list"),
        ]

    def __str__(self) -> str:
        return _("Write-off act № %(number)s/%(year)s") % {"number": self.number, "year": self.year}

    @property
    def is_approved(self) -> bool:
        return self.status == WriteOffActStatus.APPROVED


class WriteOffLine(Classified):
    """A line of the list to a write-off act (607-23): an inventoried copy, or copies from a card."""

    act = models.ForeignKey(WriteOffAct, on_delete=models.PROTECT, related_name="lines", verbose_name=_("act"))
    item = models.ForeignKey("cataloguing.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("item"))
    card = models.ForeignKey("NonInventoryCard", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("non-inventory card"))
    copies = models.PositiveIntegerField(_("copies"), default=1)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, default=Decimal(0))
    # The desk's record of the loss (circulation.LostItem, a higher app: its id, not a foreign key), so that the
    # loss and its line find each other and a repeated hand-off adds no second line.
    lost_item_id = models.PositiveBigIntegerField(_("loss recorded at the desk"), null=True, blank=True,
                                                  editable=False)

    class Meta:
        verbose_name = _("write-off list line")
        verbose_name_plural = _("write-off list")
        ordering = ["act", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(item__isnull=False) | models.Q(card__isnull=False),
                                   name="acq_writeoff_line_item_or_card"),
            models.UniqueConstraint(fields=["lost_item_id"], condition=models.Q(lost_item_id__isnull=False),
                                    name="acq_writeoff_line_one_per_loss"),
        ]

    def __str__(self) -> str:
        return str(self.item or self.card)

    @property
    def amount(self) -> Decimal:
        return self.price * self.copies

    @property
    def record(self):
        return self.item.record if self.item_id else self.card.record


class DefectActKind(models.TextChoices):
    DELIVERY = "delivery", _("On delivery")
    FUND = "fund", _("Found in the fund")


class DefectAct(models.Model):
    """Act on defects (607-20): a batch that does not match its document, or damage found in the fund."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("act №"), editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=DefectActKind.choices)
    drawn_on = models.DateField(_("drawn up on"))
    supplier = models.ForeignKey("Supplier", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("supplier"))
    invoice = models.ForeignKey("Invoice", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("invoice"))
    commission = models.TextField(_("commission"), blank=True)
    conclusion = models.TextField(_("conclusion / claim to the supplier"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("drawn up by"))

    class Meta:
        verbose_name = _("act on defects")
        verbose_name_plural = _("acts on defects")
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="acq_defect_year_number_unique")]

    def __str__(self) -> str:
        return _("Act on defects № %(number)s/%(year)s") % {"number": self.number, "year": self.year}


class DefectLine(models.Model):
    """A line of an act on defects."""

    act = models.ForeignKey(DefectAct, on_delete=models.PROTECT, related_name="lines", verbose_name=_("act"))
    item = models.ForeignKey("cataloguing.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("item"))
    description = models.CharField(_("author, title, year"), max_length=500)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    quantity_invoiced = models.PositiveIntegerField(_("quantity by document"), default=0)
    quantity_received = models.PositiveIntegerField(_("quantity received"), default=0)
    quantity_defective = models.PositiveIntegerField(_("defective copies"), default=0)
    defect = models.CharField(_("nature of the defect"), max_length=255, blank=True)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = _("act on defects line")
        verbose_name_plural = _("act on defects lines")
        ordering = ["act", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def difference(self) -> int:
        return self.quantity_received - self.quantity_invoiced


class StocktakingStatus(models.TextChoices):
    OPEN = "open", _("Scanning")
    CLOSED = "closed", _("Closed, act issued")


class StocktakingSession(models.Model):
    """A fund inspection (607-21) over a chosen part of the fund: the expected list is frozen at the start,
    items are scanned, and the act reports found, on loan, misplaced and missing copies."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("act №"), editable=False)
    department = models.ForeignKey("accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("library department"))
    database = models.ForeignKey("cataloguing.CatalogueDatabase", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("catalogue database"))
    basis = models.CharField(_("basis (order)"), max_length=255, blank=True)
    commission = models.TextField(_("commission"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=StocktakingStatus.choices,
                              default=StocktakingStatus.OPEN)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("started by"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("stocktaking")
        verbose_name_plural = _("stocktakings")
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="acq_stocktaking_year_number_unique")]

    def __str__(self) -> str:
        return _("Fund inspection № %(number)s/%(year)s") % {"number": self.number, "year": self.year}

    @property
    def is_open(self) -> bool:
        """Still scanning: barcodes may be recorded and the inspection closed."""
        return self.status == StocktakingStatus.OPEN


class StocktakingExpected(models.Model):
    """A copy that should be found: frozen when the inspection starts."""

    session = models.ForeignKey(StocktakingSession, on_delete=models.CASCADE, related_name="expected",
                                verbose_name=_("stocktaking"))
    item = models.ForeignKey("cataloguing.Item", on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    status_at_start = models.CharField(_("status at the start"), max_length=16)

    class Meta:
        verbose_name = _("expected copy")
        verbose_name_plural = _("expected copies")
        constraints = [models.UniqueConstraint(fields=["session", "item"], name="acq_stocktaking_expected_unique")]

    def __str__(self) -> str:
        return str(self.item_id)


class StocktakingScan(models.Model):
    """A barcode read during the inspection (scanner or file); repeated reads count once."""

    session = models.ForeignKey(StocktakingSession, on_delete=models.CASCADE, related_name="scans",
                                verbose_name=_("stocktaking"))
    barcode = models.CharField(_("barcode"), max_length=32)
    item = models.ForeignKey("cataloguing.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("item"))
    scanned_at = models.DateTimeField(_("scanned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        constraints = [models.UniqueConstraint(fields=["session", "barcode"], name="acq_stocktaking_scan_unique")]

    def __str__(self) -> str:
        return self.barcode
