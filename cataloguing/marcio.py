"""MARC import and export (QP 607 §5.3: MARC 21 is the exchange format), ISO 2709 and MARCXML.

Import reads UTF-8, MARC-8 and CP1251 input. A file with bad records imports every good one and reports
each bad one with its position and reason; nothing is half-written: records are checked before any
write, a batch is inserted in one statement, and if the batch fails each record is retried in its own
savepoint so that only the offending one is rejected. A record matches an existing one on its control
number (001), then on its ISBN, so a re-import updates instead of duplicating.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from defusedxml.ElementTree import iterparse
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pymarc import Field, Indicators, Leader, Record, Subfield, XMLWriter

from . import marc
from .constants import IMPORT_BATCH_SIZE, MarcEncoding, MarcFormat, RecordAction
from .exceptions import RecordInvalid
from .models import BibliographicRecord, CatalogueDatabase, RecordChange
from .services import (
    DERIVED_ATTRIBUTES,
    _jsonable,
    _snapshot,
    diff_records,
    fill_record,
    new_control_number,
    prepare_record,
)
from .signals import send_record_changed

END_OF_RECORD = b"\x1d"
MARC_NS = "{http://www.loc.gov/MARC21/slim}"
ANALYZE_FIRST_AT = 20_000
UPDATE_FIELDS = [*DERIVED_ATTRIBUTES, "marc", "dedup_key", "updated_at", "updated_by"]


@dataclass
class Rejection:
    position: int
    reason: str
    offset: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"position": self.position, "offset": self.offset, "reason": self.reason}

    def __str__(self) -> str:
        where = _("record %(position)s") % {"position": self.position}
        if self.offset is not None:
            where += _(" (byte %(offset)s)") % {"offset": self.offset}
        return f"{where}: {self.reason}"


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    processed: int = 0

    @property
    def summary(self) -> str:
        """The closing line of every import (command, admin, task)."""
        return f"imported {self.imported}, updated {self.updated}, rejected {len(self.rejected)}"


@dataclass
class Parsed:
    """One record read from the file, or the reason it could not be read."""

    position: int
    record: Record | None = None
    error: str = ""
    offset: int | None = None


# -- reading -----------------------------------------------------------------------------------------------

def read_iso2709(stream: IO[bytes], encoding: str = MarcEncoding.UTF8) -> Iterator[Parsed]:
    """Records of an ISO 2709 file, split on the record terminator so that a damaged record (wrong length,
    broken directory, bad bytes) is reported alone and the next ones are still read."""
    position, offset, buffer = 0, 0, b""
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        buffer += chunk
        *complete, buffer = buffer.split(END_OF_RECORD)
        for raw in complete:
            position += 1
            yield _decode_iso2709(raw + END_OF_RECORD, position, offset, encoding)
            offset += len(raw) + 1
    if buffer.strip(b"\r\n\x00 \x1a"):
        position += 1
        yield Parsed(position, error=_("the record is truncated (no record terminator)."), offset=offset)


def _decode_iso2709(raw: bytes, position: int, offset: int, encoding: str) -> Parsed:
    raw = raw.lstrip(b"\r\n")
    try:
        if len(raw) < 25 or not raw[:5].isdigit():
            raise ValueError(_("the leader is missing or invalid."))
        if int(raw[:5]) != len(raw):
            raise ValueError(_("the record length in the leader (%(declared)s) differs from the actual length "
                               "(%(actual)s).") % {"declared": int(raw[:5]), "actual": len(raw)})
        if encoding == MarcEncoding.UTF8:
            record = Record(data=raw, force_utf8=True, utf8_handling="strict")
        elif encoding == MarcEncoding.CP1251:
            # The caller said the file is CP1251 whatever its leader/09 claims.
            record = Record(data=raw[:9] + b" " + raw[10:], file_encoding="cp1251")
        else:
            record = Record(data=raw, hide_utf8_warnings=True)
        record.leader = Leader(str(record.leader)[:9] + "a" + str(record.leader)[10:])
    except UnicodeDecodeError as exc:
        return Parsed(position, error=_("the text is not valid %(encoding)s (%(detail)s).") % {
            "encoding": encoding, "detail": exc.reason}, offset=offset)
    except Exception as exc:  # pymarc raises a dozen exception types for damaged records
        return Parsed(position, error=str(exc) or exc.__class__.__name__, offset=offset)
    return Parsed(position, record=record, offset=offset)


def read_marcxml(stream: IO[bytes], encoding: str = MarcEncoding.UTF8) -> Iterator[Parsed]:
    """Records of a MARCXML file (collection or single record), read one element at a time."""
    data = stream.read()
    if encoding != MarcEncoding.UTF8 and not re.match(rb"^\s*<\?xml[^>]*encoding=", data):
        text = data.decode("cp1251" if encoding == MarcEncoding.CP1251 else "latin-1")
        data = text.encode("utf-8")
    position = 0
    try:
        for _event, element in iterparse(io.BytesIO(data), events=("end",)):
            if element.tag not in (f"{MARC_NS}record", "record"):
                continue
            position += 1
            try:
                yield Parsed(position, record=_record_from_xml(element))
            except ValueError as exc:
                yield Parsed(position, error=str(exc))
            element.clear()
    except Exception as exc:  # ParseError from expat, or defusedxml refusing entities
        yield Parsed(position + 1, error=_("the XML is malformed: %(detail)s") % {"detail": exc})


def _record_from_xml(element) -> Record:
    def children(name: str):
        return [e for e in element if e.tag in (f"{MARC_NS}{name}", name)]

    leaders = children("leader")
    leader = (leaders[0].text or "") if leaders else ""
    if len(leader) != 24:
        raise ValueError(_("the leader must have 24 characters, it has %(n)s.") % {"n": len(leader)})
    record = Record(leader=leader[:9] + "a" + leader[10:])
    for control in children("controlfield"):
        tag = control.get("tag", "")
        if not re.fullmatch(r"00\d", tag):
            raise ValueError(_("invalid control field tag \"%(tag)s\".") % {"tag": tag})
        record.add_field(Field(tag=tag, data=control.text or ""))
    for data_field in children("datafield"):
        tag = data_field.get("tag", "")
        if not re.fullmatch(r"\d{3}", tag) or tag < "010":
            raise ValueError(_("invalid data field tag \"%(tag)s\".") % {"tag": tag})
        subfields = [
            Subfield(sub.get("code", " "), sub.text or "")
            for sub in data_field if sub.tag in (f"{MARC_NS}subfield", "subfield")
        ]
        record.add_field(Field(tag=tag, indicators=Indicators(
            (data_field.get("ind1") or " ")[:1], (data_field.get("ind2") or " ")[:1]), subfields=subfields))
    return record


def read_file(stream: IO[bytes], *, fmt: str, encoding: str) -> Iterator[Parsed]:
    if fmt == MarcFormat.MARCXML:
        return read_marcxml(stream, encoding)
    return read_iso2709(stream, encoding)


# -- storing -----------------------------------------------------------------------------------------------

def import_records(parsed: Iterable[Parsed], *, database: CatalogueDatabase, user=None,
                   batch_size: int = IMPORT_BATCH_SIZE,
                   progress: Callable[[ImportResult], None] | None = None) -> ImportResult:
    """Store the records read from a file; see the module docstring for the guarantees."""
    result = ImportResult()
    next_analyze = ANALYZE_FIRST_AT
    for size, prepared, rejections in _prepared_batches(parsed, batch_size):
        _import_batch(size, prepared, rejections, database=database, user=user, result=result)
        if result.imported >= next_analyze:
            _refresh_statistics()
            next_analyze *= 2
        if progress:
            progress(result)
    if progress:
        progress(result)
    return result


def _refresh_statistics() -> None:
    """A table that grows from thousands to a million rows in one import outruns autovacuum's statistics,
    and the planner then scans the whole table for the matching lookups; ANALYZE as it doubles."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(BibliographicRecord._meta.db_table)}")


@dataclass
class _Prepared:
    position: int
    offset: int | None
    record: Record
    fields: dict[str, Any]


def _prepared_batches(parsed: Iterable[Parsed], batch_size: int):
    batch: list[Parsed] = []
    for item in parsed:
        batch.append(item)
        if len(batch) >= batch_size:
            yield _prepare_batch(batch)
            batch = []
    if batch:
        yield _prepare_batch(batch)


def _prepare_batch(batch: list[Parsed]) -> tuple[int, list[_Prepared], list[Rejection]]:
    """Check a batch without touching the database: good records with their fields, and rejections."""
    prepared: list[_Prepared] = []
    rejections: list[Rejection] = []
    for item in batch:
        if item.record is None:
            rejections.append(Rejection(item.position, item.error, item.offset))
            continue
        try:
            # A record without 001 is matched on its ISBN later, or gets a new control number.
            fields = prepare_record(item.record, allow_missing_control_number=True)
        except RecordInvalid as exc:
            rejections.append(Rejection(item.position, _reason(exc), item.offset))
            continue
        prepared.append(_Prepared(item.position, item.offset, item.record, fields))
    return len(batch), prepared, rejections


def _import_batch(size: int, prepared: list[_Prepared], rejections: list[Rejection], *, database, user,
                  result: ImportResult) -> None:
    result.processed += size
    result.rejected.extend(rejections)
    if not prepared:
        result.rejected.sort(key=lambda r: r.position)
        return

    existing = _match_existing(prepared)
    creates: list[tuple[_Prepared, BibliographicRecord]] = []
    updates: list[tuple[_Prepared, BibliographicRecord, dict[str, Any]]] = []
    seen: dict[str, BibliographicRecord] = {}
    for entry in prepared:
        number, isbn = entry.fields["control_number"], entry.fields["isbn"]
        target = existing.get(("001", number)) if number else None
        if target is None and isbn:
            target = existing.get(("isbn", isbn))
        if target is None and number in seen:
            target = seen[number]
        if target is not None and target.pk is None:
            # The same record twice in one batch: the later copy wins, as it would in two batches.
            creates = [(e, r) for e, r in creates if r is not target]
        if target is None or target.pk is None:
            number = number or new_control_number()
            entry.fields["control_number"] = number
            _set_control_number(entry.record, number)
            obj = fill_record(BibliographicRecord(database=database, created_by=user, updated_by=user),
                              entry.record, entry.fields)
            creates.append((entry, obj))
            seen[number] = obj
        else:
            before, before_marc = _snapshot(target), target.marc
            entry.fields["control_number"] = target.control_number
            _set_control_number(entry.record, target.control_number)
            fill_record(target, entry.record, entry.fields)
            target.updated_by, target.updated_at = user, timezone.now()
            updates.append((entry, target, diff_records(before, before_marc, target)))

    try:
        with transaction.atomic():
            _write(creates, updates, user=user)
    except DatabaseError:
        # Find the offending records: each one alone, in its own savepoint.
        creates_ok, updates_ok = [], []
        for entry, obj in creates:
            obj.pk, obj._state.adding = None, True
            try:
                with transaction.atomic():
                    _write([(entry, obj)], [], user=user)
                creates_ok.append((entry, obj))
            except DatabaseError as exc:
                obj.pk = None
                result.rejected.append(Rejection(entry.position, str(exc).splitlines()[0], entry.offset))
        for entry, obj, changes in updates:
            try:
                with transaction.atomic():
                    _write([], [(entry, obj, changes)], user=user)
                updates_ok.append((entry, obj, changes))
            except DatabaseError as exc:
                result.rejected.append(Rejection(entry.position, str(exc).splitlines()[0], entry.offset))
        creates, updates = creates_ok, updates_ok
    result.imported += len(creates)
    result.updated += len(updates)
    result.rejected.sort(key=lambda r: r.position)
    send_record_changed([obj.pk for _e, obj in creates] + [obj.pk for _e, obj, _c in updates])


def bulk_insert(model, objs: list) -> None:
    """Insert new rows and set their primary keys. On PostgreSQL through COPY with ids taken from the
    table's sequence beforehand (several times faster than INSERT for the million-record loads); elsewhere
    with bulk_create."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    converters = [_converter(f, now) for f in fields]
    ids = _allocate_ids(model, len(objs))
    rows = []
    for pk, obj in zip(ids, objs, strict=True):
        obj.pk = pk
        rows.append([pk, *(convert(obj) for convert in converters)])
        obj._state.adding, obj._state.db = False, "default"
    _copy(model, [meta.pk.column, *(f.column for f in fields)], rows)


def _allocate_ids(model, count: int) -> list[int]:
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, count])
        return [row[0] for row in cursor.fetchall()]


def _copy(model, columns: list[str], rows: list[list[Any]]) -> None:
    quote = connection.ops.quote_name
    statement = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _converter(field, now):
    """A fast value getter for COPY (the model's fields here are text, numbers, dates, JSON and FKs)."""
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        def stamp(obj):
            setattr(obj, attname, now)
            return now
        return stamp
    if field.get_internal_type() == "JSONField":
        return lambda obj: None if getattr(obj, attname) is None else json.dumps(getattr(obj, attname),
                                                                                ensure_ascii=False)
    return lambda obj: _plain(getattr(obj, attname))


def _plain(value):
    # Choices enums are str/int subclasses; COPY wants the plain value.
    if isinstance(value, str) and type(value) is not str:
        return str(value)
    return value


def _write(creates, updates, *, user) -> None:
    if creates:
        bulk_insert(BibliographicRecord, [obj for _e, obj in creates])
    changed = [(obj, changes) for _e, obj, changes in updates if changes]
    if changed:
        BibliographicRecord.objects.bulk_update([obj for obj, _c in changed], UPDATE_FIELDS)
    bulk_insert(RecordChange,
        [RecordChange(record_id=obj.pk, control_number=obj.control_number, action=RecordAction.IMPORTED, user=user)
         for _e, obj in creates]
        + [RecordChange(record_id=obj.pk, control_number=obj.control_number, action=RecordAction.REIMPORTED,
                        user=user, changes=_jsonable(changes)) for obj, changes in changed],
    )


def _match_existing(prepared: list[_Prepared]) -> dict[tuple[str, str], BibliographicRecord]:
    """Existing records a batch matches, by control number and then by ISBN (two index lookups that read
    only keys; the full rows are read for the matches alone)."""
    numbers = {p.fields["control_number"] for p in prepared if p.fields["control_number"]}
    isbns = {p.fields["isbn"] for p in prepared if p.fields["isbn"]}
    keys = list(BibliographicRecord.objects.filter(control_number__in=numbers).order_by()
                .values_list("pk", "control_number", "isbn"))
    if isbns:
        known = {number for _pk, number, _isbn in keys}
        # Newest first, so that when several records share an ISBN the oldest (the original) wins below.
        keys += [key for key in BibliographicRecord.objects.filter(isbn__in=isbns).order_by("-pk")
                 .values_list("pk", "control_number", "isbn") if key[1] not in known]
    if not keys:
        return {}
    records = BibliographicRecord.objects.in_bulk([pk for pk, _n, _i in keys])
    found: dict[tuple[str, str], BibliographicRecord] = {}
    for pk, number, _isbn in keys:
        found[("001", number)] = records[pk]
    for pk, _number, isbn in keys:
        if isbn and isbn in isbns:
            found[("isbn", isbn)] = records[pk]
    return found


def _set_control_number(record: Record, number: str) -> None:
    fields = record.get_fields("001")
    if fields:
        fields[0].data = number
    else:
        record.add_ordered_field(Field(tag="001", data=number))


def _reason(exc: RecordInvalid) -> str:
    return "; ".join(f"{name}: {' '.join(str(m) for m in messages)}" for name, messages in exc.errors.items())


def import_file(stream: IO[bytes], *, fmt: str = MarcFormat.ISO2709, encoding: str = MarcEncoding.UTF8,
                database: CatalogueDatabase, user=None, progress=None,
                batch_size: int = IMPORT_BATCH_SIZE) -> ImportResult:
    """Import a MARC file (the command, the admin task and the tests all come here)."""
    return import_records(read_file(stream, fmt=fmt, encoding=encoding), database=database, user=user,
                          progress=progress, batch_size=batch_size)


# -- export ------------------------------------------------------------------------------------------------

def export_records(records: Iterable[BibliographicRecord], out: IO[bytes], *, fmt: str = MarcFormat.ISO2709) -> int:
    """Write records as UTF-8 ISO 2709 or MARCXML; returns how many were written."""
    count = 0
    writer = XMLWriter(out) if fmt == MarcFormat.MARCXML else None
    for stored in records:
        record = marc.record_from_json(stored.marc, stored.leader)
        leader = str(record.leader).ljust(24)[:24]
        record.leader = Leader(leader[:9] + "a" + leader[10:])
        if writer is not None:
            writer.write(record)
        else:
            out.write(record.as_marc())
        count += 1
    if writer is not None:
        writer.close(close_fh=False)
    return count


def export_queryset(queryset, out: IO[bytes], *, fmt: str = MarcFormat.ISO2709) -> int:
    records = queryset.select_related(None).only("marc", "leader").order_by("pk")
    return export_records(records.iterator(chunk_size=2000), out, fmt=fmt)
