"""Use cases of cataloguing (QP 607 §5.3). Other apps change records and items only through these.

Every write keeps the MARC record and the library fields in step, adds a history row, and fires
`cataloguing.signals.record_changed` after commit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from pymarc import Record

from accounts.models import LibraryDepartment
from core.periods import period_filter

from . import marc, merging
from .constants import (
    TRANSFER_SERIES,
    UDC_SERIES,
    DeliveryMethod,
    ItemStatus,
    LoanCategory,
    LockAction,
    ReceiptSource,
    RecordAction,
    TransferStatus,
    UdcRequestStatus,
)
from .exceptions import (
    CataloguingError,
    ItemError,
    LockError,
    MergeNotAllowed,
    RecordLocked,
    RecordStale,
    TransferError,
    UdcRequestError,
)
from .models import (
    BibliographicRecord,
    CatalogueDatabase,
    DatabasePassport,
    Item,
    LockLogEntry,
    RecordChange,
    TransferSlip,
    TransferSlipLine,
    UdcRequest,
)
from .records import (  # the locks' and versions' rules are the write path's; re-exported for the admin
    OnMatch,
    can_lock,
    jsonable,
    lock_message,
    new_control_number,
    record_input,
    records_upsert,
    records_withdrawal_sync,
    stale_message,
)
from .signals import send_items_changed, send_record_changed


@transaction.atomic
def record_create_from_marc(*, marc_record: Record, database: CatalogueDatabase, user=None) -> BibliographicRecord:
    """Store a new bibliographic record (607-25) from a MARC record typed in the admin: an upsert of one
    (`records.records_upsert`) that refuses a control number or an ISBN already in the catalogue."""
    entry = record_input(marc_record, control_number=new_control_number())
    result = records_upsert([entry], database=database, by=user, on_match=OnMatch.REFUSE,
                            actions=(RecordAction.CREATED, RecordAction.EDITED), audit=True, strict=True)
    return BibliographicRecord.objects.get(pk=result.created[0].pk)


@transaction.atomic
def record_create(*, database: CatalogueDatabase, user=None, **library_fields: Any) -> BibliographicRecord:
    """A new record typed in library fields (the admin form); MARC is built from them."""
    fields = {k: v for k, v in library_fields.items() if k in marc.LIBRARY_FIELDS}
    if not fields.get("control_number"):
        fields["control_number"] = new_control_number()
    return record_create_from_marc(marc_record=marc.new_record(fields), database=database, user=user)


@transaction.atomic
def record_save_marc(*, record: BibliographicRecord, marc_record: Record, user=None,
                     action: str = RecordAction.EDITED, database: CatalogueDatabase | None = None,
                     note: str = "", expected_version: int | None = None) -> BibliographicRecord:
    """Replace the record's MARC; the library fields follow; the change is kept in the history. An upsert of one
    (`records.records_upsert`), so the import's rules hold here too.

    Refused (RecordStale) when the record was saved by someone else since `expected_version` (by default the
    version of `record` as the caller read it), and (RecordLocked) when it or its database is locked; `database`
    moves it to another catalogue database. `record` is brought up to date."""
    entry = record_input(marc_record, control_number=record.control_number, target=record.pk,
                         expected_version=record.version if expected_version is None else expected_version,
                         move_to=database.pk if database is not None else None)
    records_upsert([entry], database=database or record.database, by=user, actions=(RecordAction.CREATED, action),
                   note=note, audit=True, strict=True)
    record.refresh_from_db()
    return record


@transaction.atomic
def record_save_fields(*, record: BibliographicRecord, user, expected_version: int | None = None,
                       **library_fields: Any) -> BibliographicRecord:
    """Edit a record through library fields; MARC is updated in step (only the MARC fields that changed)."""
    database = library_fields.pop("database", None)
    marc_record = marc.record_from_json(record.marc, record.leader)
    marc.apply_fields(marc_record, library_fields)
    return record_save_marc(record=record, marc_record=marc_record, user=user, database=database,
                            expected_version=expected_version)


class _DryRun(Exception):
    """Undoes a save tried only to learn whether it would be refused."""


def record_save_refusal(*, record: BibliographicRecord | None, database: CatalogueDatabase, user,
                        expected_version: int | None = None, **library_fields: Any) -> CataloguingError | None:
    """Why saving these library fields (a new record when `record` is None) would be refused, or None: the save
    itself, run in a savepoint that is rolled back, so that the admin's form shows every refusal of the write
    path (a control number or an ISBN taken, a lock, a stale version, a row the database refuses) before saving."""
    try:
        with transaction.atomic():
            if record is None:
                record_create(database=database, user=user, **library_fields)
            else:
                record_save_fields(record=BibliographicRecord.objects.get(pk=record.pk), user=user, database=database,
                                   expected_version=expected_version, **library_fields)
            raise _DryRun
    except _DryRun:
        return None
    except CataloguingError as exc:
        return exc


# -- versions and locks (QP 607 §5.4) ----------------------------------------------------------------------

@transaction.atomic
def item_save(*, item: Item, user, expected_version: int | None = None) -> Item:
    """Save a copy edited in the admin (call number, price, location…): refused when someone saved it since
    `expected_version` (RecordStale) or when its record or database is locked (RecordLocked)."""
    current = Item.objects.select_for_update().select_related("record", "database").get(pk=item.pk)
    seen = item.version if expected_version is None else expected_version
    if current.version != seen:
        raise RecordStale(stale_message(what=_("Item %(number)s") % {"number": current.inventory_number},
                                        changed_by=None, changed_at=current.updated_at),
                          changed_at=current.updated_at)
    if not can_lock(user):
        message = lock_message(record=current.record) or lock_message(database=current.database)
        if message:
            raise RecordLocked(message)
    item.version = current.version
    item.save()
    return item


def _log_lock(*, action: str, user, record: BibliographicRecord | None = None,
              database: CatalogueDatabase | None = None, reason: str = "") -> LockLogEntry:
    return LockLogEntry.objects.create(action=action, user=user, record=record, database=database,
                                       control_number=record.control_number if record else "", reason=reason[:500])


def _ensure_can_lock(user) -> None:
    if not can_lock(user):
        raise LockError(_("Only the system administrator locks and unlocks records and catalogue databases."))


@transaction.atomic
def record_lock(*, record: BibliographicRecord, user, reason: str = "") -> BibliographicRecord:
    """Make a record read-only for cataloguers (QP 607 §5.4); logged."""
    _ensure_can_lock(user)
    record = BibliographicRecord.objects.select_for_update().get(pk=record.pk)
    if record.locked_at is not None:
        raise LockError(_("Record %(number)s is already locked.") % {"number": record.control_number})
    # A queryset update: locking is not an edit of the description, so the version stays as it is.
    now = timezone.now()
    BibliographicRecord.objects.filter(pk=record.pk).update(locked_at=now, locked_by=user)
    record.locked_at, record.locked_by = now, user
    _log_lock(action=LockAction.LOCKED, user=user, record=record, reason=reason)
    return record


@transaction.atomic
def record_unlock(*, record: BibliographicRecord, user, reason: str = "") -> BibliographicRecord:
    """Lift a record's lock; logged."""
    _ensure_can_lock(user)
    record = BibliographicRecord.objects.select_for_update().get(pk=record.pk)
    if record.locked_at is None:
        raise LockError(_("Record %(number)s is not locked.") % {"number": record.control_number})
    BibliographicRecord.objects.filter(pk=record.pk).update(locked_at=None, locked_by=None)
    record.locked_at, record.locked_by = None, None
    _log_lock(action=LockAction.UNLOCKED, user=user, record=record, reason=reason)
    return record


@transaction.atomic
def database_lock(*, database: CatalogueDatabase, user, reason: str = "") -> CatalogueDatabase:
    """Make a whole catalogue database read-only for cataloguers, its MARC imports included; logged."""
    _ensure_can_lock(user)
    database = CatalogueDatabase.objects.select_for_update().get(pk=database.pk)
    if database.locked_at is not None:
        raise LockError(_("Catalogue database \"%(database)s\" is already locked.") % {"database": database.name})
    database.locked_at, database.locked_by = timezone.now(), user
    database.save(update_fields=["locked_at", "locked_by"])
    _log_lock(action=LockAction.LOCKED, user=user, database=database, reason=reason)
    return database


@transaction.atomic
def database_unlock(*, database: CatalogueDatabase, user, reason: str = "") -> CatalogueDatabase:
    """Lift a database's lock; logged."""
    _ensure_can_lock(user)
    database = CatalogueDatabase.objects.select_for_update().get(pk=database.pk)
    if database.locked_at is None:
        raise LockError(_("Catalogue database \"%(database)s\" is not locked.") % {"database": database.name})
    database.locked_at, database.locked_by = None, None
    database.save(update_fields=["locked_at", "locked_by"])
    _log_lock(action=LockAction.UNLOCKED, user=user, database=database, reason=reason)
    return database


def find_duplicates(record: BibliographicRecord):
    """Probable duplicates: the same ISBN, or the same normalised title + first author + year."""
    query = Q(dedup_key=record.dedup_key) if record.dedup_key else Q(pk__in=[])
    if record.isbn:
        query |= Q(isbn=record.isbn)
    return BibliographicRecord.objects.filter(query).exclude(pk=record.pk)


@transaction.atomic
def record_merge(*, keep: BibliographicRecord, duplicate: BibliographicRecord, user) -> BibliographicRecord:
    """Merge a duplicate into the record kept: its items, its history and every other app's rows (loans,
    orders, cards, full texts…, each moved by that app's handler, see `cataloguing.merging`) go to `keep`, a
    "merged" row records the duplicate's control number and MARC, and the duplicate leaves the catalogue.

    Every app's conflicts are checked before anything changes; any one refuses the whole merge
    (MergeNotAllowed, with every reason), as does a lock on either record or its database (RecordLocked)."""
    if keep.pk == duplicate.pk:
        raise MergeNotAllowed(_("A record cannot be merged with itself."))
    # Both rows locked in id order, so that two merges of the same pair wait for each other, never deadlock.
    rows = {r.pk: r for r in BibliographicRecord.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])
            .order_by("pk")}
    if len(rows) != 2:
        raise MergeNotAllowed(_("One of the records no longer exists (merged or removed meanwhile)."))
    keep, duplicate = rows[keep.pk], rows[duplicate.pk]
    if not can_lock(user):
        for record in (keep, duplicate):
            message = lock_message(record=record)
            if message:
                raise RecordLocked(message)
    reasons = merging.merge_conflicts(keep, duplicate)
    if reasons:
        raise MergeNotAllowed(_("The records cannot be merged: %(reasons)s") % {"reasons": " ".join(reasons)})
    items_moved = Item.objects.filter(record=duplicate).count()
    moved = merging.move_rows(keep, duplicate)
    RecordChange.objects.create(
        record=keep, control_number=keep.control_number, action=RecordAction.MERGED, user=user,
        changes=jsonable({"duplicate": {"id": duplicate.pk, "control_number": duplicate.control_number,
                                         "database": duplicate.database_id, "title": duplicate.title,
                                         "marc": duplicate.marc},
                           "items_moved": items_moved, "rows_moved": moved}),
        note=_("Duplicate %(number)s merged in.") % {"number": duplicate.control_number},
    )
    duplicate_pk = duplicate.pk
    duplicate.delete()
    keep.updated_by = user
    keep.save(update_fields=["updated_by", "updated_at"])
    # The copies moved may withdraw the record kept (all written off) or bring it back (one in the fund).
    if any(records_withdrawal_sync(record_ids=[keep.pk])):
        keep.refresh_from_db(fields=["withdrawn_at", "updated_at", "version"])
    send_record_changed([keep.pk, duplicate_pk])
    return keep


def merge_check(keep: BibliographicRecord, duplicate: BibliographicRecord) -> list[str]:
    """Cataloguing's own merge handler, check: its rows (items, history, lock log) never conflict."""
    return []


def merge_move(keep: BibliographicRecord, duplicate: BibliographicRecord) -> int:
    """Cataloguing's own merge handler, move: the copies (their version raised: they changed), the history
    and the lock log follow the record kept."""
    moved = Item.objects.filter(record=duplicate).update(record=keep, updated_at=timezone.now(),
                                                         version=F("version") + 1)
    moved += RecordChange.objects.filter(record=duplicate).update(record=keep)
    moved += LockLogEntry.objects.filter(record=duplicate).update(record=keep)
    return moved


def call_number_for(record: BibliographicRecord) -> str:
    """Default call number: the UDC index and the first letter of the heading (author, or title)."""
    heading = (record.first_author or record.title or "").strip()
    initial = heading[:1].upper()
    return " ".join(part for part in (record.udc, initial) if part)[:100]


@transaction.atomic
def item_create(*, record: BibliographicRecord, inventory_number: str, barcode: str | None = None,
                price: Decimal | None = None, received_on: date | None = None,
                receipt_source: str = ReceiptSource.PURCHASE, department: LibraryDepartment | None = None,
                loan_category: str = LoanCategory.REGULAR, status: str = ItemStatus.PROCESSING,
                call_number: str = "", stamped: bool = False, processed_on: date | None = None,
                location_note: str = "", user=None) -> Item:
    """A new copy of the record. The inventory number is unique for ever (items are never deleted)."""
    inventory_number = (inventory_number or "").strip()
    if not inventory_number:
        raise ItemError(_("The inventory number is mandatory."))
    if Item.objects.filter(inventory_number=inventory_number).exists():
        raise ItemError(_("Inventory number %(number)s is already used.") % {"number": inventory_number})
    barcode = (barcode or inventory_number).strip()
    if Item.objects.filter(barcode=barcode).exists():
        raise ItemError(_("Barcode %(barcode)s is already used.") % {"barcode": barcode})
    # Saving the copy sends `items_changed` (the search entry's copy counts); the record is unchanged, unless it
    # was withdrawn: a copy in the fund again brings it back to the catalogue.
    item = Item.objects.create(
        record=record, inventory_number=inventory_number, barcode=barcode, price=price, received_on=received_on,
        receipt_source=receipt_source, department=department, loan_category=loan_category, status=status,
        database=record.database, call_number=call_number or call_number_for(record), stamped=stamped,
        processed_on=processed_on, location_note=location_note,
    )
    records_withdrawal_sync(record_ids=[record.pk])
    return item


def items_create(*, items: list[Item]) -> list[Item]:
    """New copies of a batch (a receipt's lines), set-based: the same rules as `item_create` (inventory number
    mandatory, inventory number and barcode unique for ever, the record's database and call number) checked for the
    whole batch in two queries, one INSERT, one `items_changed` for their records. The items come unsaved, with
    `record` and the other fields set; their barcode defaults to the inventory number. Returns them saved (with
    their ids). A set-based write sends no post_save, so the copies are not in the audit trail, as any bulk write.
    """
    for item in items:
        item.inventory_number = (item.inventory_number or "").strip()
        if not item.inventory_number:
            raise ItemError(_("The inventory number is mandatory."))
        item.barcode = (item.barcode or item.inventory_number).strip()
        item.database_id = item.record.database_id
        item.call_number = item.call_number or call_number_for(item.record)
    for field, message in (("inventory_number", _("Inventory number %(number)s is already used.")),
                           ("barcode", _("Barcode %(barcode)s is already used."))):
        values = Counter(getattr(item, field) for item in items)
        repeated = {value for value, times in values.items() if times > 1}
        taken = repeated or set(Item.objects.filter(**{f"{field}__in": list(values)}).values_list(field, flat=True))
        if taken:
            raise ItemError(message % {"number": min(taken), "barcode": min(taken)})
    created = Item.objects.bulk_create(items)
    record_ids = {item.record_id for item in created}
    send_items_changed(record_ids)
    records_withdrawal_sync(record_ids=record_ids)  # a withdrawn record with a new copy is back (QP 607 §5.3)
    return created


def _check_status_change(current: str, status: str) -> None:
    if status not in ItemStatus.values:
        raise ItemError(_("Unknown item status \"%(status)s\".") % {"status": status})
    if current == ItemStatus.WRITTEN_OFF and status != ItemStatus.WRITTEN_OFF:
        raise ItemError(_("A written-off copy cannot return to the fund."))


def item_change_status(*, item: Item, status: str, user=None) -> Item:
    """Change a copy's status (circulation: on loan / on shelf / reserved; storage: lost / written off).

    One UPDATE and no savepoint: the desk calls this inside its own transaction for every issue and return.
    The save sends `items_changed`, so the search entry recounts the record's copies after commit."""
    from auditlog.context import disable_auditlog

    _check_status_change(item.status, status)
    if item.status != status:
        item.status = status
        # Not in the audit trail (core.audit): the loan, reservation, loss or write-off row records the change,
        # and an audit row (plus the SELECT auditlog reads the old row with) per issue and return would slow the desk.
        with disable_auditlog():
            item.save(update_fields=["status", "updated_at"])
    return item


def items_change_status(*, item_ids: Iterable[int], from_status: str, to_status: str,
                        record_ids: Iterable[int] | None = None) -> int:
    """Set-based status change of many copies (e.g. the reservation-expiry sweep): one UPDATE of the copies
    that still have `from_status`, one `items_changed` for their records (`record_ids`, when the caller
    knows them already, saves reading them). Returns the number changed."""
    _check_status_change(from_status, to_status)
    items = Item.objects.filter(pk__in=list(item_ids), status=from_status)
    if record_ids is None:
        record_ids = list(items.order_by().values_list("record_id", flat=True).distinct())
    changed = items.update(status=to_status, updated_at=timezone.now(), version=F("version") + 1)
    send_items_changed(record_ids)
    return changed


def items_mark_processed(*, item_ids: Iterable[int], on: date | None = None) -> int:
    """Technical processing done (QP 607 §5.3) for the copies still in processing and not marked yet: one UPDATE.
    They then wait for a transfer slip. Returns the number marked."""
    items = Item.objects.filter(pk__in=list(item_ids), status=ItemStatus.PROCESSING, processed_on__isnull=True)
    return items.update(processed_on=on or timezone.localdate(), updated_at=timezone.now(),
                        version=F("version") + 1)


# -- transfer slip 607-28 ----------------------------------------------------------------------------------

@transaction.atomic
def transfer_slip_create(*, items: list[Item], to_department: LibraryDepartment, user,
                         from_department: LibraryDepartment | None = None, sent_on: date | None = None,
                         note: str = "") -> TransferSlip:
    """Hand processed items to a library department (607-28). Items go "in transfer" until accepted."""
    from forms_registry.numbering import allocate_number

    ids = [item.pk for item in items]
    if not ids:
        raise TransferError(_("A transfer slip needs at least one item."))
    locked = list(Item.objects.select_for_update().filter(pk__in=ids).select_related("record"))
    not_ready = [i.inventory_number for i in locked if i.status != ItemStatus.PROCESSING]
    if not_ready:
        raise TransferError(_("Only items in processing can be transferred: %(numbers)s.") % {
            "numbers": ", ".join(sorted(not_ready))})
    from_department = from_department or user.library_department or LibraryDepartment.objects.get(code="cataloguing")
    if from_department.pk == to_department.pk:
        raise TransferError(_("The receiving department must differ from the sending one."))
    sent_on = sent_on or timezone.localdate()
    slip = TransferSlip.objects.create(
        year=sent_on.year, number=allocate_number(TRANSFER_SERIES, sent_on.year), sent_on=sent_on,
        from_department=from_department, to_department=to_department, note=note, created_by=user,
    )
    TransferSlipLine.objects.bulk_create([
        TransferSlipLine(slip=slip, item=item, inventory_number=item.inventory_number,
                         description=item.record.gost_description, price=item.price)
        for item in sorted(locked, key=lambda i: i.inventory_number)
    ])
    Item.objects.filter(pk__in=ids).update(status=ItemStatus.IN_TRANSFER, updated_at=timezone.now(),
                                           version=F("version") + 1)
    send_items_changed({item.record_id for item in locked})
    return slip


def can_accept(slip: TransferSlip, user) -> bool:
    """Only a member of the receiving department (or a superuser) accepts a slip."""
    if user.is_superuser:
        return True
    return bool(user.library_department_id and user.library_department_id == slip.to_department_id)


@transaction.atomic
def transfer_slip_accept(*, slip: TransferSlip, user) -> TransferSlip:
    """The receiving department confirms acceptance; only now the items move there and go on the shelf."""
    slip = TransferSlip.objects.select_for_update().get(pk=slip.pk)
    if slip.is_accepted:
        raise TransferError(_("Transfer slip № %(ref)s is already accepted.") % {"ref": slip.reference})
    if not can_accept(slip, user):
        raise TransferError(_("Only the receiving department can accept this slip."))
    item_ids = list(slip.lines.values_list("item_id", flat=True))
    items = Item.objects.select_for_update().filter(pk__in=item_ids)
    record_ids = set(items.values_list("record_id", flat=True))
    items.filter(status=ItemStatus.IN_TRANSFER).update(
        department=slip.to_department, status=ItemStatus.ON_SHELF, updated_at=timezone.now(),
        version=F("version") + 1)
    slip.status, slip.accepted_by, slip.accepted_at = TransferStatus.ACCEPTED, user, timezone.now()
    slip.save(update_fields=["status", "accepted_by", "accepted_at"])
    send_items_changed(record_ids)
    return slip


# -- UDC log 607-29 ----------------------------------------------------------------------------------------

@transaction.atomic
def udc_request_submit(*, requester, authors: str, work_type: str, title: str, department: str = "",
                       annotation: str = "") -> UdcRequest:
    """An author asks for a UDC index for a forthcoming publication (a row of the 607-29 log)."""
    from forms_registry.numbering import allocate_number

    year = timezone.localdate().year
    return UdcRequest.objects.create(
        year=year, number=allocate_number(UDC_SERIES, year), requester=requester, authors=authors.strip(),
        department=department.strip(), work_type=work_type, title=title.strip(), annotation=annotation.strip(),
    )


@transaction.atomic
def udc_request_answer(*, request: UdcRequest, classifier, udc_index: str, bbk_index: str = "",
                       author_sign: str = "", delivery_method: str = DeliveryMethod.ONLINE,
                       note: str = "") -> UdcRequest:
    """The library's classifier assigns the index; the author sees it in the cabinet."""
    from .validators import udc_is_valid

    if not udc_is_valid(udc_index):
        raise UdcRequestError(_("\"%(udc)s\" is not a valid UDC index.") % {"udc": udc_index})
    request.udc_index, request.bbk_index, request.author_sign = udc_index.strip(), bbk_index.strip(), author_sign
    request.classifier, request.answered_at = classifier, timezone.now()
    request.delivery_method, request.answer_note = delivery_method, note
    request.status = UdcRequestStatus.ANSWERED
    request.save()
    return request


@transaction.atomic
def udc_request_reject(*, request: UdcRequest, classifier, note: str) -> UdcRequest:
    """The classifier cannot assign an index (e.g. the work is not a publication); the author sees why."""
    if not note.strip():
        raise UdcRequestError(_("Say why the request is rejected."))
    request.status, request.classifier, request.answered_at = UdcRequestStatus.REJECTED, classifier, timezone.now()
    request.answer_note = note.strip()
    request.save()
    return request


# -- database passport 607-27 ------------------------------------------------------------------------------

def passport_figures(database: CatalogueDatabase, year: int) -> dict[str, Any]:
    """Figures of a database for the passport of `year`, computed from the catalogue (set-based)."""
    end = date(year, 12, 31)
    records = BibliographicRecord.objects.filter(period_filter("created_at", None, end), database=database)
    totals = records.aggregate(count=Count("id"), first=Min("year"), last=Max("year"))
    languages = [row["language"] for row in records.exclude(language="").values("language")
                 .annotate(n=Count("id")).order_by("-n", "language")[:20]]
    from .constants import DocumentType

    types = [str(DocumentType(row["document_type"]).label) for row in records.values("document_type")
             .annotate(n=Count("id")).order_by("-n")]
    added = BibliographicRecord.objects.filter(database=database).in_period(date(year, 1, 1), end).count()
    # The rule of section 7's "records edited" (planning reads the same QuerySet method).
    edited = RecordChange.objects.filter(record__database=database).edited_record_count(date(year, 1, 1), end)
    items = Item.objects.filter(period_filter("created_at", None, end), database=database).exclude(
        status=ItemStatus.WRITTEN_OFF).count()
    first_record = records.order_by("created_at").values_list("created_at", flat=True).first()
    return {
        "record_count": totals["count"], "coverage_from": totals["first"], "coverage_to": totals["last"],
        "languages": ", ".join(languages), "document_types": ", ".join(types), "records_added": added,
        "records_edited": edited, "item_count": items,
        "created_on": timezone.localdate(first_record) if first_record else None,
    }


@transaction.atomic
def passports_make(*, year: int) -> list[DatabasePassport]:
    """Make (or remake) the passport of every catalogue database for the year (607-27). Idempotent."""
    passports = []
    for database in CatalogueDatabase.objects.select_related("creator_department"):
        figures = passport_figures(database, year)
        passport, _created = DatabasePassport.objects.update_or_create(
            database=database, year=year,
            defaults={
                "name_kk": database.name_kk, "name_ru": database.name_ru, "name_en": database.name_en,
                "creator": database.creator_department.name_in("kk") if database.creator_department else "",
                "owner": "Қ.И. Сәтбаев атындағы ҚазҰТЗУ",
                "kind": database.kind, "subjects": database.subjects, "access": database.access,
                "update_frequency": "күнделікті", "data_format": "MARC 21", "software": "Kitaphana",
                **figures,
            },
        )
        passports.append(passport)
    return passports

