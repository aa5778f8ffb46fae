"""Sub-process 5.3 (scientific processing of documents, electronic catalogue): catalogue databases,
bibliographic records (607-25) with MARC 21 as the stored source of truth, and items (copies).

Sized for a fund of 1–2 million copies: every column that lists, filters or matches on is indexed, and
the derived library fields exist so that nothing needs to read the MARC JSON to filter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import MultilingualName

from .constants import DocumentType, ItemStatus, LoanCategory, ReceiptSource


class CatalogueDatabase(MultilingualName):
    """One of the electronic catalogue's databases (Fund, Foreign literature, Articles…), QP 607 §5.3;
    each has a passport (607-27) per year."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    creator_department = models.ForeignKey(
        "accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("creator department"),
    )
    kind = models.CharField(_("type of database"), max_length=200, blank=True,
                            help_text=_("For the passport, e.g. \"bibliographic\"."))
    subjects = models.CharField(_("subject coverage"), max_length=500, blank=True)
    access = models.CharField(_("access"), max_length=200, blank=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("catalogue database")
        verbose_name_plural = _("catalogue databases")
        ordering = ["ordering", "code"]


class BibliographicRecordQuerySet(models.QuerySet):
    def in_period(self, date_from, date_to):
        """Records created in the period (inclusive dates)."""
        return self.filter(created_at__date__gte=date_from, created_at__date__lte=date_to)


class BibliographicRecord(models.Model):
    """A bibliographic record of the electronic catalogue (607-25). `marc` (pymarc `as_dict()` shape) and
    `leader` are the source of truth; the library fields below are derived from them on every save."""

    database = models.ForeignKey(
        CatalogueDatabase, on_delete=models.PROTECT, related_name="records", verbose_name=_("catalogue database")
    )
    leader = models.CharField(_("leader"), max_length=24, default="     nam a22     4i 4500")
    marc = models.JSONField(_("MARC 21 record"), default=dict)
    control_number = models.CharField(_("control number (001)"), max_length=64, unique=True)
    title = models.TextField(_("title"))
    statement_of_responsibility = models.TextField(_("statement of responsibility"), blank=True)
    authors = models.TextField(_("authors"), blank=True, help_text=_("\"; \"-separated, first author first."))
    first_author = models.CharField(_("first author"), max_length=255, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    place = models.CharField(_("place of publication"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    edition = models.CharField(_("edition"), max_length=255, blank=True)
    extent = models.CharField(_("extent"), max_length=255, blank=True, help_text=_("MARC 300, e.g. \"250 p.\""))
    pages = models.PositiveIntegerField(_("number of pages"), null=True, blank=True)
    series = models.CharField(_("series"), max_length=500, blank=True)
    source = models.TextField(_("host item (source)"), blank=True,
                              help_text=_("For articles: the journal or collection, MARC 773."))
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True, db_index=True)
    issn = models.CharField(_("ISSN"), max_length=9, blank=True, db_index=True)
    udc = models.CharField(_("UDC"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=3, blank=True)
    document_type = models.CharField(
        _("document type"), max_length=20, choices=DocumentType.choices, default=DocumentType.BOOK
    )
    subjects = models.TextField(_("subjects"), blank=True)
    annotation = models.TextField(_("annotation"), blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    dedup_key = models.CharField(
        _("duplicate key"), max_length=255, blank=True, db_index=True, editable=False,
        help_text=_("Normalised title + first author + year."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("updated by"))
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="merged_records", verbose_name=_("merged into"))

    objects = BibliographicRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("bibliographic record")
        verbose_name_plural = _("bibliographic records")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["database", "year"], name="cat_record_db_year"),
            models.Index(fields=["database", "created_at"], name="cat_record_db_created"),
            models.Index(fields=["document_type", "year"], name="cat_record_type_year"),
            models.Index(fields=["language"], name="cat_record_language"),
            models.Index(fields=["first_author"], name="cat_record_first_author"),
        ]

    def __str__(self) -> str:
        return f"{self.first_author + '. ' if self.first_author else ''}{self.title}"[:200]

    @property
    def gost_description(self) -> str:
        """Bibliographic description per GOST 7.1-2003 (areas separated by ". — ")."""
        from .gost import describe

        return describe(self)


class ItemQuerySet(models.QuerySet):
    def available(self):
        return self.filter(status=ItemStatus.ON_SHELF)


class Item(models.Model):
    """A copy of a document (inventory unit) of the fund, QP 607 §5.3; moved between departments by the
    transfer slip (607-28). Never deleted: a written-off copy keeps its inventory number for good."""

    record = models.ForeignKey(BibliographicRecord, on_delete=models.PROTECT, related_name="items",
                               verbose_name=_("bibliographic record"))
    inventory_number = models.CharField(_("inventory number"), max_length=32, unique=True)
    barcode = models.CharField(_("barcode"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.PROCESSING)
    database = models.ForeignKey(CatalogueDatabase, on_delete=models.PROTECT, related_name="items",
                                 verbose_name=_("catalogue database"))
    department = models.ForeignKey("accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("library department"))
    location_note = models.CharField(_("location"), max_length=255, blank=True)
    loan_category = models.CharField(_("loan category"), max_length=16, choices=LoanCategory.choices,
                                     default=LoanCategory.REGULAR)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, null=True, blank=True)
    received_on = models.DateField(_("date of receipt"), null=True, blank=True)
    receipt_source = models.CharField(_("source of receipt"), max_length=20, choices=ReceiptSource.choices,
                                      default=ReceiptSource.PURCHASE)
    stamped = models.BooleanField(_("library stamp"), default=False)
    call_number = models.CharField(_("call number"), max_length=100, blank=True,
                                   help_text=_("UDC index and author sign."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["inventory_number"]
        indexes = [
            models.Index(fields=["record", "status"], name="cat_item_record_status"),
            models.Index(fields=["database", "status"], name="cat_item_db_status"),
            models.Index(fields=["department", "status"], name="cat_item_dept_status"),
            models.Index(fields=["received_on"], name="cat_item_received_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="cat_item_price_not_negative"
            ),
            models.CheckConstraint(condition=~Q(inventory_number=""), name="cat_item_inventory_number_set"),
        ]

    def __str__(self) -> str:
        return f"{self.inventory_number} — {self.record.title[:80]}"

    @property
    def is_available(self) -> bool:
        return self.status == ItemStatus.ON_SHELF
