"""Receipt and individual accounting of the fund: suppliers, contracts, invoices, the summary book part 1
(607-12), the inventory book (607-13), non-inventory cards (607-14), acceptance acts (607-16, 607-19)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import Accounting, DocumentKind, LanguageGroup, ReceiptSource, ValuationBasis


class Supplier(models.Model):
    """A supplier of documents (bookseller, publisher, subscription agency, e-resource vendor)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    bin = models.CharField(_("BIN"), max_length=12, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact = models.CharField(_("contact"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    """A supply contract concluded by procurement (receipt follows contracts, 5.2)."""

    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="contracts",
                                 verbose_name=_("supplier"))
    number = models.CharField(_("number"), max_length=64)
    signed_on = models.DateField(_("signed on"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, default=Decimal(0))
    subject = models.CharField(_("subject of the contract"), max_length=255, blank=True)
    order = models.ForeignKey("ConsolidatedOrder", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="contracts", verbose_name=_("consolidated order"))

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-signed_on"]
        constraints = [models.UniqueConstraint(fields=["supplier", "number"], name="acq_contract_supplier_number")]

    def __str__(self) -> str:
        return f"№ {self.number} {self.signed_on:%d.%m.%Y} — {self.supplier}"


class Invoice(models.Model):
    """An invoice (счёт-фактура, накладная) that accompanies a batch."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="invoices",
                                 verbose_name=_("contract"))
    number = models.CharField(_("number"), max_length=64)
    issued_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return f"№ {self.number} {self.issued_on:%d.%m.%Y}"


class Receipt(models.Model):
    """A batch entered into the fund under one accompanying document: one line of part 1 of the summary
    accounting book (607-12), with its act of acceptance (607-16) or gift acceptance act (607-19).

    Numbered per year without gaps when posted; never deleted.
    """

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("summary book entry №"), editable=False)
    act_number = models.PositiveIntegerField(_("act №"), editable=False)
    received_on = models.DateField(_("date of receipt"))
    source = models.CharField(_("source of receipt"), max_length=20, choices=ReceiptSource.choices)
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, null=True, blank=True, related_name="receipts",
                                 verbose_name=_("supplier"))
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, null=True, blank=True, related_name="receipts",
                                 verbose_name=_("contract"))
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="receipts",
                                verbose_name=_("invoice"))
    donor = models.CharField(_("donor / from whom"), max_length=255, blank=True)
    document = models.CharField(_("accompanying document"), max_length=255, blank=True)
    commission = models.TextField(_("commission"), blank=True)
    valuation_basis = models.CharField(_("basis of valuation"), max_length=20, choices=ValuationBasis.choices,
                                       blank=True, help_text=_("How the commission valued a gift (607-19)."))
    department = models.ForeignKey("accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("library department"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("entered by"))
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("receipt (summary book, part 1)")
        verbose_name_plural = _("receipts (summary book, part 1)")
        ordering = ["-year", "-number"]
        constraints = [
            # Record numbers restart every year; the summary book prints "№ N" in column 2.
            models.UniqueConstraint(fields=["year", "number"], name="acq_receipt_year_number_unique"),
        ]

    def __str__(self) -> str:
        return _("Summary book entry № %(number)s/%(year)s") % {"number": self.number, "year": self.year}

    @property
    def is_gift(self) -> bool:
        """Donated: accepted by the gift act (607-19) rather than the acceptance act (607-16)."""
        return self.source == ReceiptSource.GIFT

    @property
    def act_form_code(self) -> str:
        return "607-19" if self.is_gift else "607-16"

    @property
    def source_label(self) -> str:
        who = self.supplier.name if self.supplier_id else self.donor
        return f"{self.get_source_display()}{': ' + who if who else ''}"

    @property
    def document_label(self) -> str:
        if self.invoice_id:
            return str(self.invoice)
        return self.document


class Classified(models.Model):
    """The summary book's columns of a line, kept as they were on the day of entry."""

    document_kind = models.CharField(_("type"), max_length=16, choices=DocumentKind.choices)
    subject_class = models.CharField(_("subject (UDC class)"), max_length=1, blank=True)
    language_group = models.CharField(_("language"), max_length=8, choices=LanguageGroup.choices)

    class Meta:
        abstract = True


class NonInventoryCard(models.Model):
    """Card of non-inventory (group) accounting (607-14): multi-copy textbooks and brochures, one card per title."""

    number = models.PositiveIntegerField(_("card №"), unique=True, editable=False)
    record = models.OneToOneField("cataloguing.BibliographicRecord", on_delete=models.PROTECT,
                                  related_name="non_inventory_card", verbose_name=_("bibliographic record"))
    discipline = models.CharField(_("discipline"), max_length=255, blank=True)
    opened_on = models.DateField(_("opened on"))
    issued_copies = models.PositiveIntegerField(_("copies numbered so far"), default=0, editable=False)

    class Meta:
        verbose_name = _("non-inventory accounting card")
        verbose_name_plural = _("non-inventory accounting cards")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("Card № %(number)s") % {"number": self.number}


class ReceiptLine(Classified):
    """A title of a batch: its copies go either into the inventory book or onto a non-inventory card."""

    receipt = models.ForeignKey(Receipt, on_delete=models.PROTECT, related_name="lines", verbose_name=_("receipt"))
    record = models.ForeignKey("cataloguing.BibliographicRecord", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("bibliographic record"))
    order_line = models.ForeignKey("ConsolidatedOrderLine", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="receipt_lines", verbose_name=_("consolidated order line"))
    copies = models.PositiveIntegerField(_("copies"))
    price = models.DecimalField(_("price per copy"), max_digits=12, decimal_places=2, default=Decimal(0))
    accounting = models.CharField(_("accounting"), max_length=16, choices=Accounting.choices)
    card = models.ForeignKey(NonInventoryCard, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="receipt_lines", verbose_name=_("non-inventory card"))

    class Meta:
        verbose_name = _("receipt line")
        verbose_name_plural = _("receipt lines")
        ordering = ["receipt", "id"]

    def __str__(self) -> str:
        return f"{self.record} × {self.copies}"

    @property
    def amount(self) -> Decimal:
        return self.price * self.copies


class InventoryEntry(models.Model):
    """A line of the inventory book (607-13): one copy, one inventory number, never reused."""

    number = models.PositiveBigIntegerField(_("inventory number"), unique=True)
    item = models.OneToOneField("cataloguing.Item", on_delete=models.PROTECT, related_name="inventory_entry",
                                verbose_name=_("item"))
    receipt_line = models.ForeignKey(ReceiptLine, on_delete=models.PROTECT, related_name="inventory_entries",
                                     verbose_name=_("receipt line"))
    entered_on = models.DateField(_("date of entry"))
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, default=Decimal(0))
    write_off_act = models.ForeignKey("WriteOffAct", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="inventory_entries", verbose_name=_("write-off act"))

    class Meta:
        verbose_name = _("inventory book entry")
        verbose_name_plural = _("inventory book")
        ordering = ["number"]

    def __str__(self) -> str:
        return str(self.number)


class CardMovement(models.Model):
    """A line of a non-inventory card's movement table: copies received or withdrawn."""

    card = models.ForeignKey(NonInventoryCard, on_delete=models.PROTECT, related_name="movements",
                             verbose_name=_("card"))
    moved_on = models.DateField(_("date"))
    receipt_line = models.ForeignKey(ReceiptLine, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("receipt line"))
    write_off_act = models.ForeignKey("WriteOffAct", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="card_movements", verbose_name=_("write-off act"))
    received = models.PositiveIntegerField(_("copies received"), default=0)
    withdrawn = models.PositiveIntegerField(_("copies withdrawn"), default=0)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = _("card movement")
        verbose_name_plural = _("card movements")
        ordering = ["card", "moved_on", "id"]

    def __str__(self) -> str:
        return f"{self.card} +{self.received} −{self.withdrawn}"


class CardCopy(models.Model):
    """A copy accounted on a card; it has an item (for circulation) but no inventory number of the book."""

    card = models.ForeignKey(NonInventoryCard, on_delete=models.PROTECT, related_name="copies",
                             verbose_name=_("card"))
    item = models.OneToOneField("cataloguing.Item", on_delete=models.PROTECT, related_name="card_copy",
                                verbose_name=_("item"))
    receipt_line = models.ForeignKey(ReceiptLine, on_delete=models.PROTECT, related_name="card_copies",
                                     verbose_name=_("receipt line"))

    class Meta:
        verbose_name = _("copy on a card")
        verbose_name_plural = _("copies on cards")

    def __str__(self) -> str:
        return self.item.inventory_number
