"""Sub-process 5.3 (scientific processing of documents, electronic catalogue): catalogue databases,
bibliographic records (607-25) with MARC 21 as the stored source of truth, and items (copies).

Sized for a fund of 1–2 million copies: every column that lists, filters or matches on is indexed, and
the derived library fields exist so that nothing needs to read the MARC JSON to filter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import MultilingualName
from core.periods import period_filter
from core.text import with_full_stop

from .constants import (
    EDIT_ACTIONS,
    DeliveryMethod,
    DocumentType,
    ImportStatus,
    ItemStatus,
    LoanCategory,
    LockAction,
    MarcEncoding,
    MarcFormat,
    ReceiptSource,
    RecordAction,
    TransferStatus,
    UdcRequestStatus,
    WorkType,
)


class VersionedSave:
    """Optimistic versions (QP 607 §5.4): every save of an existing row adds one to its `version`.

    The UPDATE writes `version = version + 1` (the row's own value, not the instance's), so that a save from an
    older copy still moves the version forward and a form opened before it is refused as stale by the services
    (which compare under a row lock). Set-based writers (`QuerySet.update`, the MARC import) add the same
    expression themselves."""

    def save(self, *args, **kwargs) -> None:
        if self._state.adding:
            return super().save(*args, **kwargs)
        seen = self.version
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        self.version = models.F("version") + 1
        try:
            super().save(*args, **kwargs)
        except BaseException:
            self.version = seen
            raise
        # What the row now holds unless someone wrote it meanwhile (the services lock the row before they compare).
        self.version = seen + 1
        return None


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
    # Set only by `services.database_lock` / `database_unlock` (logged in LockLogEntry).
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True, editable=False)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("locked by"), editable=False)

    class Meta:
        verbose_name = _("catalogue database")
        verbose_name_plural = _("catalogue databases")
        ordering = ["ordering", "code"]

    @property
    def is_locked(self) -> bool:
        """Locked by an administrator: its records and items are read-only for cataloguers."""
        return self.locked_at is not None


class BibliographicRecordQuerySet(models.QuerySet):
    def in_period(self, date_from, date_to):
        """Records created in the period (inclusive dates)."""
        return self.filter(period_filter("created_at", date_from, date_to))

    def public(self):
        """Records the public catalogue shows: not withdrawn (QP 607 §5.3). Records flagged by quality control
        (issue 17.2) are shown: they are real records of the fund, read from a file, waiting only for a field the
        library's rules want (a place, a publisher, a UDC index…); hiding them would hide the copies on the shelf."""
        return self.filter(withdrawn_at__isnull=True)

    def flagged(self):
        """Records in the cataloguer's quality-control queue: they break a completeness rule (`cataloguing.quality`)."""
        return self.filter(quality_flags__isnull=False)


class MarcField(models.JSONField):
    """The MARC record as JSON, stored on PostgreSQL as `json` (the text as written) rather than `jsonb`.

    Nothing reads inside the MARC in SQL (the derived columns exist for that), and `json` only checks the
    text where `jsonb` converts it: a tenth of the server's work per record written (≈ 1 µs against ≈ 9 for a
    typical record) and a quarter less space. The text is jsonb's own output form either way
    (`marc.record_to_json_text`), so stored and re-imported records compare as text. `json` has no equality:
    a query must not DISTINCT, UNION or GROUP BY whole record rows (use `Exists` on the related rows).
    """

    def db_type(self, connection) -> str:
        return "json" if connection.vendor == "postgresql" else super().db_type(connection)

    def from_db_value(self, value, expression, connection):
        # psycopg parses `json` itself (Django has it leave `jsonb` as text).
        if value is not None and not isinstance(value, str):
            return value
        return super().from_db_value(value, expression, connection)


class BibliographicRecord(VersionedSave, models.Model):
    """A bibliographic record of the electronic catalogue (607-25). `marc` (pymarc `as_dict()` shape) and
    `leader` are the source of truth; the library fields below are derived from them on every save."""

    # Not indexed alone: the (database, year) and (database, created_at) indexes below lead with it.
    database = models.ForeignKey(
        CatalogueDatabase, on_delete=models.PROTECT, related_name="records", verbose_name=_("catalogue database"),
        db_index=False,
    )
    leader = models.CharField(_("leader"), max_length=24, default="     nam a22     4i 4500")
    marc = MarcField(_("MARC 21 record"), default=dict)
    control_number = models.CharField(_("control number (001)"), max_length=64)
    title = models.TextField(_("title"))
    subtitle = models.TextField(_("other title information"), blank=True)
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
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True)
    issn = models.CharField(_("ISSN"), max_length=9, blank=True)
    udc = models.CharField(_("UDC"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=3, blank=True)
    document_type = models.CharField(
        _("document type"), max_length=20, choices=DocumentType.choices, default=DocumentType.BOOK
    )
    subjects = models.TextField(_("subjects"), blank=True)
    annotation = models.TextField(_("annotation"), blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    dedup_key = models.CharField(
        _("duplicate key"), max_length=255, blank=True, editable=False,
        help_text=_("Normalised title + first author + year."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Not indexed: nothing lists records by who touched them (the history does, by record).
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"), db_index=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("updated by"), db_index=False)
    # db_default as well: rows written by SQL that does not name the column (COPY in bench scripts) start at 1.
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False,
                                          help_text=_("Raised by every save; a form opened at an older version is "
                                                      "refused."))
    # Not indexed: nothing lists records by lock; set only by `services.record_lock` / `record_unlock`.
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True, editable=False)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("locked by"), editable=False, db_index=False)
    # QP 607 §5.3: the last copy written off, the record leaves the public catalogue, SRU and OAI-PMH (a deleted
    # record dated by this), and stays here for the fund's history. Set and cleared only by
    # `services.records_withdrawal_sync`; indexed partially (withdrawn records are few: the admin's filter).
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False,
                                        help_text=_("Every copy written off: hidden from the public catalogue."))

    # Issue 17.2: the completeness rules the record breaks, {reason code: message in the catalogue's language}
    # (`cataloguing.quality`), written by the write path with every save and NULL once the record keeps them all.
    quality_flags = models.JSONField(_("quality flags"), null=True, blank=True, editable=False,
                                     help_text=_("What the record lacks: listed in the quality-control queue."))
    # The MARC import that last brought the record (the queue filters its flagged records by batch); kept by edits.
    import_batch = models.ForeignKey("MarcImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name=_("import batch"), editable=False, db_index=False)

    objects = BibliographicRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("bibliographic record")
        verbose_name_plural = _("bibliographic records")
        ordering = ["-id"]
        # Not granted by the "cataloguing" role pattern: only named in accounts.roles (system administrator).
        permissions = [("lock_record", _("Can lock and unlock records and catalogue databases"))]
        # Plain b-tree indexes declared here rather than with db_index/unique on the field, so PostgreSQL gets
        # no extra varchar_pattern_ops copy of each: every index costs on a million-record import.
        constraints = [
            models.UniqueConstraint(fields=["control_number"], name="cat_record_control_number_unique"),
        ]
        # ISSN and language have no index: nothing looks a record up by either (the catalogue's language facet
        # reads the search entry's), and every index is written by every imported record.
        indexes = [
            # Import matching and duplicate detection.
            models.Index(fields=["isbn"], name="cat_record_isbn"),
            models.Index(fields=["dedup_key"], name="cat_record_dedup_key"),
            models.Index(fields=["database", "year"], name="cat_record_db_year"),
            models.Index(fields=["database", "created_at"], name="cat_record_db_created"),
            models.Index(fields=["document_type", "year"], name="cat_record_type_year"),
            models.Index(fields=["first_author"], name="cat_record_first_author"),
            models.Index(fields=["withdrawn_at"], condition=Q(withdrawn_at__isnull=False), name="cat_record_withdrawn"),
            # The quality-control queue (its counts, its batch filter): flagged records only, so that a clean record
            # costs the import nothing here.
            models.Index(fields=["import_batch"], condition=Q(quality_flags__isnull=False), name="cat_record_flagged"),
        ]

    def __str__(self) -> str:
        return f"{with_full_stop(self.first_author) + ' ' if self.first_author else ''}{self.title}"[:200]

    @property
    def is_locked(self) -> bool:
        """Locked by itself (its database may be locked as well: see `services.lock_message`)."""
        return self.locked_at is not None

    @property
    def is_withdrawn(self) -> bool:
        """Every copy written off (QP 607 §5.3): kept for the fund's history, hidden from the public."""
        return self.withdrawn_at is not None

    @property
    def gost_description(self) -> str:
        """Bibliographic description per GOST 7.1-2003 (areas separated by ". — ")."""
        from .gost import describe

        return describe(self)


class ItemQuerySet(models.QuerySet):
    def available(self):
        return self.filter(status=ItemStatus.ON_SHELF)


class Item(VersionedSave, models.Model):
    """A copy of a document (inventory unit) of the fund, QP 607 §5.3; moved between departments by the
    transfer slip (607-28). Never deleted: a written-off copy keeps its inventory number for good."""

    # The foreign keys lead the (…, status) indexes below, which serve their look-ups; a separate index on each
    # would only be more to write on every status change (the desk changes one with each issue and return).
    record = models.ForeignKey(BibliographicRecord, on_delete=models.PROTECT, related_name="items",
                               verbose_name=_("bibliographic record"), db_index=False)
    inventory_number = models.CharField(_("inventory number"), max_length=32, unique=True)
    barcode = models.CharField(_("barcode"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.PROCESSING)
    database = models.ForeignKey(CatalogueDatabase, on_delete=models.PROTECT, related_name="items",
                                 verbose_name=_("catalogue database"), db_index=False)
    department = models.ForeignKey("accounts.LibraryDepartment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("library department"), db_index=False)
    location_note = models.CharField(_("location"), max_length=255, blank=True)
    loan_category = models.CharField(_("loan category"), max_length=16, choices=LoanCategory.choices,
                                     default=LoanCategory.REGULAR)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, null=True, blank=True)
    received_on = models.DateField(_("date of receipt"), null=True, blank=True)
    receipt_source = models.CharField(_("source of receipt"), max_length=20, choices=ReceiptSource.choices,
                                      default=ReceiptSource.PURCHASE)
    stamped = models.BooleanField(_("library stamp"), default=False)
    # QP 607 §5.2: every copy that enters the fund is stamped at receipt; the receipt (acquisitions.receipt_create)
    # marks it with the day, set-based for the whole batch.
    stamped_on = models.DateField(_("stamped on"), null=True, blank=True)
    # QP 607 §5.3: technical processing (call number, labels, pocket and date slip) ends the copy's time in
    # cataloguing; a processed copy waits for a transfer slip (607-28) to a library department.
    processed_on = models.DateField(_("technical processing done on"), null=True, blank=True)
    call_number = models.CharField(_("call number"), max_length=100, blank=True,
                                   help_text=_("UDC index and author sign."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False,
                                          help_text=_("Raised by every save; a form opened at an older version is "
                                                      "refused."))

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


class RecordChangeQuerySet(models.QuerySet):
    def in_period(self, date_from, date_to):
        return self.filter(period_filter("changed_at", date_from, date_to))

    def edits(self):
        return self.filter(action__in=EDIT_ACTIONS)

    def edited_record_count(self, date_from, date_to) -> int:
        """How many distinct records were edited in the period (QP 607 §5.3: edited records are counted)."""
        return self.edits().in_period(date_from, date_to).values("record_id").distinct().count()


class RecordChange(models.Model):
    """History of a bibliographic record (607-25): who changed it, when, and what (old and new values).

    Rows are only ever added; a merge moves the duplicate's rows to the record kept, so both histories stay.
    """

    # Indexed by the (record, changed_at) index below.
    record = models.ForeignKey(BibliographicRecord, on_delete=models.PROTECT, related_name="changes",
                               verbose_name=_("bibliographic record"), db_index=False)
    control_number = models.CharField(_("control number at the time"), max_length=64)
    action = models.CharField(_("action"), max_length=16, choices=RecordAction.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("user"), db_index=False)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True,
                               help_text=_("Field → [old value, new value]; \"marc_tags\" lists MARC tags changed."))
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = RecordChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("record change")
        verbose_name_plural = _("record history")
        ordering = ["-changed_at", "-id"]
        indexes = [
            # Edited-records counts per period (passport 607-27, planning reports).
            models.Index(fields=["changed_at", "action"], name="cat_change_at_action"),
            models.Index(fields=["record", "changed_at"], name="cat_change_record_at"),
        ]

    def __str__(self) -> str:
        return f"{self.control_number} · {self.get_action_display()} · {self.changed_at:%Y-%m-%d %H:%M}"


class LockLogEntry(models.Model):
    """The lock register (QP 607 §5.4): who locked or unlocked a catalogue database or a single record, when
    and why. Rows are only ever added; a merge moves the duplicate's rows to the record kept."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("administrator"))
    action = models.CharField(_("action"), max_length=8, choices=LockAction.choices)
    database = models.ForeignKey(CatalogueDatabase, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("catalogue database"))
    record = models.ForeignKey(BibliographicRecord, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="lock_log", verbose_name=_("bibliographic record"))
    control_number = models.CharField(_("control number at the time"), max_length=64, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lock log entry")
        verbose_name_plural = _("lock log")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(database__isnull=False) | Q(record__isnull=False)
                                   | ~Q(control_number=""), name="cat_lock_log_names_its_target"),
        ]

    def __str__(self) -> str:
        target = self.control_number or (str(self.database) if self.database_id else "")
        return f"{target} · {self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"


class MarcImport(models.Model):
    """A MARC file uploaded in the admin and imported by a Celery task; the page shows its progress."""

    file = models.FileField(_("file"), upload_to="cataloguing/imports/%Y/%m/")
    format = models.CharField(_("format"), max_length=12, choices=MarcFormat.choices, default=MarcFormat.ISO2709)
    encoding = models.CharField(_("encoding"), max_length=8, choices=MarcEncoding.choices, default=MarcEncoding.UTF8)
    database = models.ForeignKey(CatalogueDatabase, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("catalogue database"))
    status = models.CharField(_("status"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    processed = models.PositiveIntegerField(_("records read"), default=0)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    flagged = models.PositiveIntegerField(_("flagged"), default=0,
                                          help_text=_("Stored, but waiting in the quality-control queue."))
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    errors = models.JSONField(_("rejected records"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # When it was last sent to the queue: an import still waiting long after is queued again (core.queueing).
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("MARC import")
        verbose_name_plural = _("MARC imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file.name} ({self.get_status_display()})"

    @property
    def summary(self) -> str:
        """The counts worded in the reader's language when shown (never stored as a sentence)."""
        text = gettext("Imported: %(imported)s, updated: %(updated)s, flagged: %(flagged)s, rejected: %(rejected)s.")
        return text % {
            "imported": self.imported, "updated": self.updated, "flagged": self.flagged, "rejected": self.rejected}


class DatabasePassport(models.Model):
    """Database passport (607-27, GOST 7.70-2003 elements) of one catalogue database for one year.

    Made on 31 December by the beat job (or by `make_passports`); figures are computed from the data and
    copied in, so a kept passport does not change when the catalogue changes later.
    """

    database = models.ForeignKey(CatalogueDatabase, on_delete=models.PROTECT, related_name="passports",
                                 verbose_name=_("catalogue database"))
    year = models.PositiveSmallIntegerField(_("year"))
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    creator = models.CharField(_("producer (library department)"), max_length=255, blank=True)
    owner = models.CharField(_("rights holder"), max_length=255, blank=True)
    kind = models.CharField(_("type of database"), max_length=200, blank=True)
    subjects = models.TextField(_("subject coverage"), blank=True)
    languages = models.CharField(_("languages"), max_length=500, blank=True)
    coverage_from = models.PositiveSmallIntegerField(_("coverage from (year)"), null=True, blank=True)
    coverage_to = models.PositiveSmallIntegerField(_("coverage to (year)"), null=True, blank=True)
    record_count = models.PositiveIntegerField(_("records at year end"), default=0)
    records_added = models.PositiveIntegerField(_("records added in the year"), default=0)
    records_edited = models.PositiveIntegerField(_("records edited in the year"), default=0)
    item_count = models.PositiveIntegerField(_("copies at year end"), default=0)
    document_types = models.TextField(_("document types described"), blank=True)
    data_format = models.CharField(_("data format"), max_length=100, default="MARC 21")
    software = models.CharField(_("software"), max_length=100, default="Kitaphana")
    access = models.CharField(_("access"), max_length=255, blank=True)
    update_frequency = models.CharField(_("update frequency"), max_length=100, blank=True)
    created_on = models.DateField(_("database created on"), null=True, blank=True)
    generated_at = models.DateTimeField(_("generated at"), auto_now=True)

    class Meta:
        verbose_name = _("database passport")
        verbose_name_plural = _("database passports")
        ordering = ["-year", "database__ordering"]
        constraints = [
            models.UniqueConstraint(fields=["database", "year"], name="cat_passport_one_per_database_year"),
        ]

    def __str__(self) -> str:
        return f"{self.name_kk} — {self.year}"


class TransferSlip(models.Model):
    """Transfer slip (607-28): a batch of processed items handed by cataloguing to a library department.

    Numbered per year, never deleted. Items change department and status only when the receiving
    department accepts the slip.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    sent_on = models.DateField(_("date"))
    from_department = models.ForeignKey("accounts.LibraryDepartment", on_delete=models.PROTECT, related_name="+",
                                        verbose_name=_("from department"))
    to_department = models.ForeignKey("accounts.LibraryDepartment", on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("to department"))
    status = models.CharField(_("status"), max_length=8, choices=TransferStatus.choices, default=TransferStatus.SENT)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("handed over by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("accepted by"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("transfer slip")
        verbose_name_plural = _("transfer slips")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="cat_transfer_number_unique_per_year"),
        ]
        indexes = [models.Index(fields=["to_department", "status"], name="cat_transfer_to_status")]

    def __str__(self) -> str:
        return f"№ {self.reference}"

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def is_accepted(self) -> bool:
        return self.status == TransferStatus.ACCEPTED


class TransferSlipLine(models.Model):
    """One item on a transfer slip (607-28); description and price copied in when the slip is made."""

    slip = models.ForeignKey(TransferSlip, on_delete=models.PROTECT, related_name="lines", verbose_name=_("slip"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="transfer_lines", verbose_name=_("item"))
    inventory_number = models.CharField(_("inventory number"), max_length=32)
    description = models.TextField(_("description"))
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("transfer slip line")
        verbose_name_plural = _("transfer slip lines")
        ordering = ["slip", "inventory_number"]
        constraints = [models.UniqueConstraint(fields=["slip", "item"], name="cat_transfer_line_item_once")]

    def __str__(self) -> str:
        return self.inventory_number


class UdcRequestQuerySet(models.QuerySet):
    def in_period(self, date_from, date_to):
        return self.filter(period_filter("requested_at", date_from, date_to))


class UdcRequest(models.Model):
    """A row of the UDC log (607-29): an author asks for a UDC index for a forthcoming publication and the
    library's classifier answers."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="udc_requests",
                                  verbose_name=_("requested by"))
    authors = models.CharField(_("author(s)"), max_length=500)
    department = models.CharField(_("department, position"), max_length=500, blank=True)
    work_type = models.CharField(_("type of work"), max_length=16, choices=WorkType.choices)
    title = models.TextField(_("title of the work"))
    annotation = models.TextField(_("abstract or keywords"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=8, choices=UdcRequestStatus.choices,
                              default=UdcRequestStatus.NEW)
    udc_index = models.CharField(_("assigned UDC index"), max_length=255, blank=True)
    bbk_index = models.CharField(_("LBC (BBK) index"), max_length=255, blank=True)
    author_sign = models.CharField(_("author sign"), max_length=32, blank=True)
    classifier = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("classifier"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    delivery_method = models.CharField(_("delivered"), max_length=16, choices=DeliveryMethod.choices,
                                       default=DeliveryMethod.ONLINE)
    answer_note = models.TextField(_("answer note"), blank=True)

    objects = UdcRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("UDC index request")
        verbose_name_plural = _("UDC log")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="cat_udc_number_unique_per_year"),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="cat_udc_status_at")]

    def __str__(self) -> str:
        return f"{self.number}/{self.year} · {self.title[:60]}"
