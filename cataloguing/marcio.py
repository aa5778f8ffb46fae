"""MARC import and export (QP 607 §5.3: MARC 21 is the exchange format), ISO 2709 and MARCXML.

Import reads UTF-8, MARC-8 and CP1251 input. A file with bad records imports every good one and reports
each bad one with its position and reason; nothing is half-written: records are checked before any
write, a batch is written set-based in one transaction (records and their history rows), and if the batch
fails each record is retried in its own savepoint so that only the offending one is rejected. A record
matches an existing one on its control number (001), then on its ISBN, so a re-import updates instead of
duplicating. While one batch is being stored, a reader process parses and checks the next (see _ReadAhead).
"""

from __future__ import annotations

import gc
import io
import json
import os
import pickle
import queue
import re
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.connection import Connection
from operator import itemgetter
from types import SimpleNamespace
from typing import IO, Any

from defusedxml.ElementTree import iterparse
from django.db import DatabaseError, connection, connections, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pymarc import Field, Indicators, Leader, Record, Subfield, XMLWriter

from . import marc
from .constants import IMPORT_BATCH_SIZE, MarcEncoding, MarcFormat, RecordAction
from .exceptions import RecordInvalid
from .models import BibliographicRecord, CatalogueDatabase, RecordChange
from .services import (
    DERIVED_ATTRIBUTES,
    _jsonable,
    can_lock,
    diff_records,
    ensure_database_writable,
    lock_message,
    new_control_number,
    prepare_record,
)
from .signals import send_record_changed
from .validators import duplicate_key

END_OF_RECORD = b"\x1d"
MARC_NS = "{http://www.loc.gov/MARC21/slim}"
# gen-0 threshold of the cyclic garbage collector while an import runs (Python's default is 700).
GC_THRESHOLD_DURING_IMPORT = 100_000
# Batches parsed and checked ahead of the one being stored.
READ_AHEAD_BATCHES = 2


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
        leader = str(record.leader)
        if leader[9] != "a":  # stored as Unicode from here on
            record.leader = Leader(leader[:9] + "a" + leader[10:])
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
# Every record is parsed, derived, checked and serialised once, before any write (`_prepare_batch`, pure);
# a batch is then matched against the catalogue in a few key lookups and written set-based: new records
# with COPY and ids drawn from the table's sequence, changed ones with one UPDATE … FROM unnest(arrays),
# history rows with COPY (PostgreSQL; bulk_create/bulk_update elsewhere). No model instance is built for a
# record on PostgreSQL. A matched record whose content did not change is neither rewritten nor re-indexed.

def import_records(parsed: Iterable[Parsed], *, database: CatalogueDatabase, user=None,
                   batch_size: int = IMPORT_BATCH_SIZE,
                   progress: Callable[[ImportResult], None] | None = None) -> ImportResult:
    """Store the records read from a file; see the module docstring for the guarantees.

    Refused (RecordLocked) when the target database is locked (QP 607 §5.4); an existing record the file
    would update is rejected with the reason when it, or its database, is locked."""
    ensure_database_writable(database=database, user=user)
    result = ImportResult()
    context = _Context(database=database, user=user)
    # The reader is forked before the notifier's thread starts: a child forked from a single thread.
    with (_fewer_collections(), _ReadAhead(lambda: _prepared_batches(parsed, batch_size)) as batches,
          _Notifier() as notifier):
        for size, prepared, rejections in batches:
            _import_batch(size, prepared, rejections, context=context, result=result, notifier=notifier)
            if progress:
                progress(result)
    result.rejected.sort(key=lambda r: r.position)
    if progress:
        progress(result)
    return result


@contextmanager
def _fewer_collections():
    """An import allocates millions of short-lived objects that reference counting frees; with the default
    thresholds the cyclic garbage collector runs every 700 allocations and rescans the batch in hand each time
    (a third of the import's time). Run it a hundred times less often while importing."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], GC_THRESHOLD_DURING_IMPORT), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@dataclass(slots=True)
class _Prepared:
    """A record that passed quality control, with what is stored about it computed once: its library fields,
    its MARC as the JSON text stored, its duplicate key and its COPY line. It crosses from the reader process
    as plain values (`portable`); the pymarc record itself is rebuilt from the JSON only when it must change."""

    position: int
    offset: int | None
    fields: dict[str, Any]
    _marc_text: str | None  # None: the COPY line holds it (see `portable`)
    dedup_key: str
    number_in_record: str | None  # the record's own 001, if any
    _text: str | bool | None = False  # False: not formatted yet
    pk: int | None = None
    _marc: dict[str, Any] | None = None
    _row: tuple | None = None

    @classmethod
    def from_record(cls, position: int, offset: int | None, record: Record, fields: dict[str, Any]) -> _Prepared:
        control = record.get_fields("001")
        entry = cls(position, offset, fields, marc.record_to_json_text(record),
                    duplicate_key(title=fields["title"], first_author=fields["first_author"], year=fields["year"]),
                    control[0].data if control else None)
        entry.text  # noqa: B018  (formatted by the reader, not by the process that writes)
        return entry

    @property
    def portable(self) -> tuple:
        """What crosses the pipe from the reader process (see `_Prepared(*portable)`). The MARC text goes once:
        when the COPY line holds it, not beside it as well (a third less to pickle, send and unpickle, which
        cost the importing process ≈ 9 µs a record)."""
        marc_text = None if isinstance(self._text, str) else self._marc_text
        return (self.position, self.offset, self.fields, marc_text, self.dedup_key, self.number_in_record,
                self._text)

    @property
    def marc_text(self) -> str:
        """The MARC as the JSON text stored."""
        if self._marc_text is None:
            # A COPY line has no escapes (`_copy_text`) and ends with the MARC and the duplicate key.
            self._marc_text = self._text.rsplit("\t", 2)[1]
        return self._marc_text

    @property
    def row(self) -> tuple:
        """The record's own columns of its COPY row (derived fields, MARC, duplicate key)."""
        if self._row is None:
            self._row = (*_DERIVED_VALUES(self.fields), self.marc_text, self.dedup_key)
        return self._row

    @property
    def text(self) -> str | None:
        """`row` formatted for COPY (see `_copy_text`), or None when psycopg must format it."""
        if self._text is False:
            self._text = _copy_text(self.row)
        return self._text

    @property
    def marc(self) -> dict[str, Any]:
        """The MARC as a dict (only an update's history and the portable path need it)."""
        if self._marc is None:
            self._marc = json.loads(self.marc_text)
        return self._marc

    def renumber(self, number: str) -> None:
        """Store the record under this control number (001): a new one, or the matched record's."""
        if self.fields["control_number"] == number and self.number_in_record == number:
            return
        record = marc.record_from_json(self.marc)
        _set_control_number(record, number)
        self.fields["control_number"] = self.number_in_record = number
        self._marc_text, self._marc, self._row, self._text = marc.record_to_json_text(record), None, None, False


@dataclass(slots=True)
class _Update:
    """The new state of one existing record, and a history row per import entry that changed it."""

    pk: int
    entry: _Prepared
    entries: list[_Prepared]
    changes: list[dict[str, Any]]


class _Context:
    """What every batch of one import shares: target database, user, and the column layout of the writes."""

    def __init__(self, *, database: CatalogueDatabase, user) -> None:
        self.database = database
        self.user_id = user.pk if user is not None else None
        self.bypass_locks = can_lock(user)
        # Ids of the locked catalogue databases, read again for every batch (`refresh_locks`).
        self.locked_databases: set[int] = set()
        meta = BibliographicRecord._meta
        # COPY columns: the record's own (`_Prepared.row`), then those the batch shares (`row_tail`), then any
        # column import does not fill, with its model default.
        own = [*DERIVED_ATTRIBUTES, "marc", "dedup_key"]
        shared = ["database_id", "created_by_id", "updated_by_id", "created_at", "updated_at"]
        by_attname = {f.attname: f for f in meta.concrete_fields if not f.primary_key}
        self.defaults = {name: f.get_default() for name, f in by_attname.items() if name not in {*own, *shared}}
        self.record_columns = [meta.pk.column, *(by_attname[name].column for name in [*own, *shared, *self.defaults])]

        # Ids drawn from the records' sequence ahead of need, in the round trip that matches a batch (PostgreSQL).
        self.id_pool: list[int] = []

    def take_ids(self, count: int) -> list[int]:
        """`count` new record ids: from the pool filled by the batch's lookup, or drawn now if it runs short
        (a batch retried record by record)."""
        if len(self.id_pool) < count:
            self.id_pool += _allocate_ids(BibliographicRecord, count - len(self.id_pool))
        ids, self.id_pool = self.id_pool[:count], self.id_pool[count:]
        return ids

    def refresh_locks(self) -> str | None:
        """Read which databases are locked now (one small query a batch); the reason the target database refuses
        the batch, or None."""
        if self.bypass_locks:
            return None
        locked = CatalogueDatabase.objects.filter(locked_at__isnull=False).select_related("locked_by")
        self.locked_databases = {database.pk for database in locked}
        target = next((database for database in locked if database.pk == self.database.pk), None)
        return lock_message(database=target) if target is not None else None

    def row_tail(self, now) -> tuple:
        return (self.database.pk, self.user_id, self.user_id, now, now, *self.defaults.values())


class _ReadAhead:
    """Batches parsed and checked by a child process, while the caller stores the previous one.

    Parsing (pymarc), deriving, checking and serialising a record is pure Python and touches no database: two
    thirds of an import's own work. In a thread it would share the interpreter lock with the thread that
    writes and the one that indexes; a forked child runs it on the other core. The child gets the records
    (and the caller's language and time zone) by the fork itself and sends back each batch as plain values,
    pickled through a pipe: the pipe's back-pressure keeps it at most a batch or two ahead. It never touches the
    database connection it inherits and leaves with `os._exit`, so that no handler of the parent runs twice.
    Where there is no fork, the batches are prepared in the caller's thread.
    """

    def __init__(self, batches: Callable[[], Iterator[tuple]]) -> None:
        self._batches = batches
        self._pid: int | None = None
        self._pipe: Connection | None = None
        # Batches already received (pickled), so that the reader never waits for the caller to finish a batch.
        self._received: queue.Queue[bytes | None] = queue.Queue(maxsize=READ_AHEAD_BATCHES)
        self._stop = threading.Event()
        self._receiver = threading.Thread(target=self._receive, name="marc-import-receiver", daemon=True)

    def __enter__(self) -> _ReadAhead:
        if not hasattr(os, "fork"):
            return self
        language, zone = translation.get_language(), timezone.get_current_timezone()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the reader
            os.close(read_end)
            os._exit(self._produce(Connection(write_end, readable=False), language, zone))
        os.close(write_end)
        self._pid, self._pipe = pid, Connection(read_end, writable=False)
        self._receiver.start()
        return self

    def __exit__(self, *exc_info) -> None:
        if self._pid is None:
            return
        self._stop.set()
        try:
            if os.waitpid(self._pid, os.WNOHANG) == (0, 0):  # still running: the caller stopped early
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
        except ChildProcessError:  # already reaped by a SIGCHLD handler of the host process
            pass
        self._receiver.join()  # the pipe is at its end now that the reader is gone
        self._pipe.close()
        self._pid = None

    def _receive(self) -> None:
        while True:
            try:
                message: bytes | None = self._pipe.recv_bytes()
            except (EOFError, OSError):
                message = None
            while not self._stop.is_set():
                try:
                    self._received.put(message, timeout=0.1)
                    break
                except queue.Full:
                    continue
            if message is None or self._stop.is_set():
                return

    def __iter__(self) -> Iterator[tuple[int, list[_Prepared], list[Rejection]]]:
        if self._pid is None:
            yield from self._batches()
            return
        while True:
            message = self._received.get()
            if message is None:
                raise RuntimeError("the MARC reader process ended without finishing the file")
            # From our own child, through a pipe only the two of us hold.
            kind, value = pickle.loads(message)  # noqa: S301
            if kind == "end":
                return
            if kind == "error":
                error, described = value
                error.add_note(f"raised in the MARC reader process:\n{described}")
                raise error
            size, prepared, rejections = value
            yield size, [_Prepared(*entry) for entry in prepared], [Rejection(*r) for r in rejections]

    def _produce(self, pipe: Connection, language: str | None, zone) -> int:
        """The reader's whole life: every batch, then "end", or the error that stopped it (pickled with its
        traceback; as text when it will not pickle). Returns the child's exit status."""

        def send(message: tuple) -> None:
            try:
                pipe.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
            except OSError as exc:  # the caller stopped reading: it failed, or was stopped
                raise _CallerGone from exc

        try:
            try:
                # Rejection reasons in the caller's language; years checked in the caller's time zone.
                with translation.override(language), timezone.override(zone):
                    for size, prepared, rejections in self._batches():
                        send(("batch", (size, [entry.portable for entry in prepared],
                                        [(r.position, r.reason, r.offset) for r in rejections])))
                send(("end", None))
                return 0
            except _CallerGone:
                raise
            except BaseException as exc:
                send(_error_message(exc, traceback.format_exc()))
                return 1
        except _CallerGone:
            return 1


class _CallerGone(Exception):
    """The importing process no longer reads what the reader sends."""


def _error_message(error: BaseException, described: str) -> tuple:
    """The reader's error as the caller will raise it: itself when it survives pickling both ways (many
    exception classes pickle but cannot be rebuilt), else a RuntimeError that names it."""
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301 (our own object, just pickled)
    except Exception:  # any failure: send a plain error instead
        error = RuntimeError(f"{type(error).__name__}: {error}")
    return ("error", (error, described))


class _Notifier:
    """Sends `record_changed` for each batch once it is committed.

    Run outside any transaction on PostgreSQL (the command, the admin's Celery task), it sends from a thread with
    a database connection of its own: the search index of one batch is written while the next batch is stored,
    on the database server's other core, instead of the writing connection waiting for it. The batches are sent
    in order, one at a time, and the import returns only once every one has been handled, so the index is in
    step when it returns. Inside the caller's transaction (which another connection could not see) it sends
    directly, and the signal goes when that transaction commits, as for any change.
    """

    def __init__(self) -> None:
        self._threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
        self._pending: queue.Queue[list[int] | None] = queue.Queue()
        self._error: BaseException | None = None
        self._sender = threading.Thread(target=self._run, name="marc-import-notifier", daemon=True)

    def __enter__(self) -> _Notifier:
        if self._threaded:
            self._sender.start()
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        if not self._threaded:
            return
        self._pending.put(None)
        self._sender.join()  # also after a failure: the batches already committed get their index
        if exc_type is None and self._error is not None:
            raise self._error

    def send(self, record_ids: list[int]) -> None:
        if not record_ids:
            return
        if not self._threaded:
            send_record_changed(record_ids)
            return
        if self._error is not None:
            raise self._error
        self._pending.put(record_ids)

    def _run(self) -> None:
        try:
            while (record_ids := self._pending.get()) is not None:
                if self._error is None:
                    try:
                        send_record_changed(record_ids)
                    except BaseException as exc:  # raised in the importing thread
                        self._error = exc
        finally:
            connections.close_all()  # this thread's own connections


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
        fields["document_type"] = str(fields["document_type"])  # a plain value for COPY and the history
        entry = _Prepared.from_record(item.position, item.offset, item.record, fields)
        prepared.append(entry)
    return len(batch), prepared, rejections


def _import_batch(size: int, prepared: list[_Prepared], rejections: list[Rejection], *, context: _Context,
                  result: ImportResult, notifier: _Notifier) -> None:
    result.processed += size
    result.rejected.extend(rejections)
    if not prepared:
        return
    database_locked = context.refresh_locks()
    if database_locked:
        # Locked while the import ran: the rest of the file is rejected, record by record, with the reason.
        result.rejected.extend(Rejection(entry.position, database_locked, entry.offset) for entry in prepared)
        return
    creates, updates, locked = _resolve(prepared, context)
    result.rejected.extend(locked)
    try:
        with transaction.atomic():
            _write(creates, updates, context=context)
    except DatabaseError:
        # Find the offending records: each one alone, in its own savepoint.
        creates_ok, updates_ok = [], []
        for entry in creates:
            try:
                with transaction.atomic():
                    _write([entry], [], context=context)
                creates_ok.append(entry)
            except DatabaseError as exc:
                entry.pk = None
                result.rejected.append(Rejection(entry.position, _database_reason(exc), entry.offset))
        for update in updates:
            try:
                with transaction.atomic():
                    _write([], [update], context=context)
                updates_ok.append(update)
            except DatabaseError as exc:
                result.rejected.extend(Rejection(e.position, _database_reason(exc), e.offset) for e in update.entries)
        creates, updates = creates_ok, updates_ok
    result.imported += len(creates)
    result.updated += sum(len(update.entries) for update in updates)
    # Only what was written is re-indexed: a record re-imported unchanged is already in the index.
    notifier.send([entry.pk for entry in creates] + [update.pk for update in updates if update.changes])


def _database_reason(exc: DatabaseError) -> str:
    return (str(exc).splitlines() or [exc.__class__.__name__])[0]


def _resolve(prepared: list[_Prepared], context: _Context) -> tuple[list[_Prepared], list[_Update], list[Rejection]]:
    """New records and updates of existing ones (matched on 001, then ISBN); each update carries its
    history (library fields as [old, new] and the MARC tags changed), an unchanged record none. Entries that
    match a locked record (or one in a locked database) come back as rejections."""
    existing = _match_existing(prepared, context)
    creates: dict[int, _Prepared] = {}  # by id(), in file order
    seen: dict[str, _Prepared] = {}
    targets: dict[int, tuple[str, str]] = {}  # pk → control number, for the update targets
    matched: list[tuple[_Prepared, int]] = []
    for entry in prepared:
        number, isbn = entry.fields["control_number"], entry.fields["isbn"]
        target = existing.get(("001", number)) if number else None
        if target is None and isbn:
            target = existing.get(("isbn", isbn))
        if target is None and number in seen:
            # The same record twice in one batch: the later copy wins, as it would in two batches.
            creates.pop(id(seen[number]), None)
        if target is None:
            number = number or new_control_number()
            entry.renumber(number)
            creates[id(entry)] = entry
            seen[number] = entry
        else:
            pk, target_number = target
            entry.renumber(target_number)
            targets[pk] = target_number
            matched.append((entry, pk))
    if not matched:
        return list(creates.values()), [], []

    states = _current_states(list(targets))
    updates: dict[int, _Update] = {}
    locked: list[Rejection] = []
    for entry, pk in matched:
        before, before_marc, locked_at, database_id = states[pk]
        if not context.bypass_locks and (locked_at is not None or database_id in context.locked_databases):
            reason = (_("Record %(number)s is locked: it is read-only.") if locked_at is not None
                      else _("Record %(number)s is in a locked catalogue database: it is read-only."))
            locked.append(Rejection(entry.position, reason % {"number": targets[pk]}, entry.offset))
            continue
        if _unchanged(before, before_marc, entry):
            changes = {}
        else:
            if isinstance(before_marc, str):
                before_marc = json.loads(before_marc)
            changes = diff_records(before, before_marc, SimpleNamespace(**entry.fields, marc=entry.marc))
        update = updates.get(pk)
        if update is None:
            update = updates[pk] = _Update(pk, entry, [], [])
        update.entry = entry
        update.entries.append(entry)
        if changes:
            update.changes.append(changes)
        states[pk] = ({name: entry.fields[name] for name in before}, entry.marc_text, locked_at, database_id)
    return list(creates.values()), list(updates.values()), locked


_STAMP_ENTRY = '{"005": '


def _unchanged(before: dict[str, Any], before_marc: dict[str, Any] | str, entry: _Prepared) -> bool:
    """True when a re-imported record brings nothing new: the same library fields (compared as diff_records
    does) and the same MARC but for 005, the moment of the last change. The stored MARC comes from PostgreSQL
    as text in jsonb's output form, which is how the record's own JSON is written (`marc.record_to_json_text`;
    `MarcField` keeps the text as written), so the two compare as text without parsing either; whatever this
    cannot tell apart goes through diff_records."""
    fields = entry.fields
    for name, old in before.items():
        if (old or "") != (fields[name] or ""):
            return False
    return isinstance(before_marc, str) and _without_stamp(before_marc) == _without_stamp(entry.marc_text)


def _without_stamp(text: str) -> str:
    # Cuts from the first 005 entry to the first "}" after it: all of that entry or a part of it, never more,
    # so texts equal after the cut differ at most inside their 005 (which the history ignores).
    start = text.find(_STAMP_ENTRY)
    if start < 0:
        return text
    return text[:start] + text[text.find("}", start) + 1:]


_SNAPSHOT_FIELDS = (*marc.LIBRARY_FIELDS, "leader")
_DERIVED_VALUES = itemgetter(*DERIVED_ATTRIBUTES)


def _current_states(pks: list[int]) -> dict[int, tuple[dict[str, Any], dict[str, Any] | str, Any, int]]:
    """The stored library fields and MARC of the records an import updates (what the history compares), with
    their lock and database; the MARC as its stored text there (jsonb's output form), parsed only when the
    record changed."""
    rows = _key_lookup("pk", pks, ("pk", "locked_at", "database", *_SNAPSHOT_FIELDS, "marc"))
    return {row[0]: (dict(zip(_SNAPSHOT_FIELDS, row[3:-1], strict=True)), row[-1], row[1], row[2]) for row in rows}


def _key_lookup(key: str, values: Iterable[Any], columns: tuple[str, ...], *, newest_first: bool = False) -> list:
    """Rows (the given columns) of the records whose `key` is among `values`, by index. On PostgreSQL with one
    array parameter (`= ANY`) rather than a placeholder per value: a batch looks up a thousand keys."""
    values = list(values)
    if not values:
        return []
    if connection.vendor != "postgresql":
        rows = BibliographicRecord.objects.filter(**{f"{key}__in": values})
        return list((rows.order_by("-pk") if newest_first else rows.order_by()).values_list(*columns))
    meta = BibliographicRecord._meta
    quote = connection.ops.quote_name
    fields = [meta.pk if name == "pk" else meta.get_field(name) for name in columns]
    key_field = meta.pk if key == "pk" else meta.get_field(key)
    # The MARC as its stored text (psycopg would parse json): see `_unchanged`.
    selected = [quote(f.column) + ("::text" if isinstance(f, models.JSONField) else "") for f in fields]
    sql = (f"SELECT {', '.join(selected)} FROM {quote(meta.db_table)} "  # noqa: S608
           f"WHERE {quote(key_field.column)} = ANY(%s::{key_field.db_type(connection)}[])"
           + (f" ORDER BY {quote(meta.pk.column)} DESC" if newest_first else ""))
    with connection.cursor() as cursor:
        cursor.execute(sql, [values])
        return cursor.fetchall()


def _match_existing(prepared: list[_Prepared], context: _Context) -> dict[tuple[str, str], tuple[int, str]]:
    """Existing records a batch matches, as (pk, control number), by control number and then by ISBN (two
    index lookups that read only keys; on PostgreSQL both in one round trip, see `_lookup_postgres`)."""
    numbers = {p.fields["control_number"] for p in prepared if p.fields["control_number"]}
    isbns = {p.fields["isbn"] for p in prepared if p.fields["isbn"]}
    if connection.vendor == "postgresql":
        keys, by_isbn = _lookup_postgres(numbers, isbns, context, ids_wanted=len(prepared))
    else:
        keys = _key_lookup("control_number", numbers, ("pk", "control_number", "isbn"))
        by_isbn = _key_lookup("isbn", isbns, ("pk", "control_number", "isbn"), newest_first=True) if isbns else []
    if by_isbn:
        known = {number for _pk, number, _isbn in keys}
        # Newest first, so that when several records share an ISBN the oldest (the original) wins below.
        keys += [key for key in by_isbn if key[1] not in known]
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for pk, number, _isbn in keys:
        found[("001", number)] = (pk, number)
    for pk, number, isbn in keys:
        if isbn and isbn in isbns:
            found[("isbn", isbn)] = (pk, number)
    return found


def _lookup_postgres(numbers: set[str], isbns: set[str], context: _Context, *, ids_wanted: int) -> tuple[list, list]:
    """The rows (pk, control number, ISBN) matching these control numbers, and those matching these ISBNs newest
    first, in one round trip that also tops up the pool of new record ids to `ids_wanted`.

    The lookups are by index whatever the statistics say: a table that grows from thousands to a million rows
    in one import outruns its statistics, and the planner, taking a batch's thousand ISBNs for a large share of a
    small table, then reads the whole table for each batch (ANALYZE as the table grew cost a second each time).

    Each statement sent costs the importing thread a wait for the interpreter lock on top of the server's reply
    (the reader thread has it meanwhile), so the switch to index scans, the ids drawn from the sequence and both
    lookups go as one multi-statement string: psycopg's client-side binding cursor (Django's default) sends it
    as one simple query, which runs as one implicit transaction when no transaction is open, so that SET LOCAL
    holds for the lookups; inside a caller's transaction the last statement puts the setting back."""
    meta = BibliographicRecord._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    select = f"SELECT {quote(meta.pk.column)}, {quote(meta.get_field('control_number').column)}, " \
             f"{quote(meta.get_field('isbn').column)} FROM {table}"  # noqa: S608
    number_type = meta.get_field("control_number").db_type(connection)
    isbn_type = meta.get_field("isbn").db_type(connection)
    statements = ["SET LOCAL enable_seqscan = off"]
    params: list[Any] = []
    draw = max(0, ids_wanted - len(context.id_pool))
    if draw:
        statements.append("SELECT array_agg(nextval(s.seq)) FROM (SELECT pg_get_serial_sequence(%s, %s)::regclass"
                          " AS seq) AS s, generate_series(1, %s)")
        params += [meta.db_table, meta.pk.column, draw]
    statements.append(f"{select} WHERE {quote(meta.get_field('control_number').column)} = ANY(%s::{number_type}[])")
    statements.append(f"{select} WHERE {quote(meta.get_field('isbn').column)} = ANY(%s::{isbn_type}[])"
                      f" ORDER BY {quote(meta.pk.column)} DESC")
    params += [list(numbers), list(isbns)]
    statements.append("SET LOCAL enable_seqscan TO DEFAULT")  # a caller's transaction goes on without it
    with connection.cursor() as cursor:
        cursor.execute("; ".join(statements), params)
        cursor.nextset()
        if draw:
            context.id_pool += cursor.fetchone()[0]
            cursor.nextset()
        by_number = cursor.fetchall()
        cursor.nextset()
        by_isbn = cursor.fetchall()
        while cursor.nextset():
            pass
    return by_number, by_isbn


def _write(creates: list[_Prepared], updates: list[_Update], *, context: _Context) -> None:
    """Write one batch (inside the caller's transaction or savepoint): records, then their history rows."""
    now = timezone.now()
    if connection.vendor == "postgresql":
        _insert_postgres(creates, context=context, now=now)
        _update_postgres([u for u in updates if u.changes], context=context, now=now)
    else:
        _insert_portable(creates, context=context)
        _update_portable([u for u in updates if u.changes], context=context, now=now)
    history = [(entry.pk, entry.fields["control_number"], RecordAction.IMPORTED, "{}") for entry in creates]
    history += [(update.pk, update.entry.fields["control_number"], RecordAction.REIMPORTED,
                 json.dumps(_jsonable(changes), ensure_ascii=False))
                for update in updates for changes in update.changes]
    _insert_history(history, context=context, now=now)


def _record_values(entry: _Prepared, context: _Context, now) -> dict[str, Any]:
    return {
        **context.defaults, **entry.fields,
        "marc": entry.marc, "dedup_key": entry.dedup_key, "database_id": context.database.pk,
        "created_by_id": context.user_id, "updated_by_id": context.user_id, "created_at": now, "updated_at": now,
    }


def _insert_postgres(creates: list[_Prepared], *, context: _Context, now) -> None:
    if not creates:
        return
    for entry, pk in zip(creates, context.take_ids(len(creates)), strict=True):
        entry.pk = pk
    tail = context.row_tail(now)
    tail_text = _copy_text([value.isoformat() if isinstance(value, datetime) else value for value in tail])
    _copy(BibliographicRecord._meta.db_table, context.record_columns,
          [f"{entry.pk}\t{entry.text}\t{tail_text}\n" if entry.text is not None and tail_text is not None
           else (entry.pk, *entry.row, *tail) for entry in creates])


def _insert_portable(creates: list[_Prepared], *, context: _Context) -> None:
    objs = []
    for entry in creates:
        values = _record_values(entry, context, None)
        del values["created_at"], values["updated_at"]  # auto_now(_add) fills them
        objs.append(BibliographicRecord(**values))
    BibliographicRecord.objects.bulk_create(objs)
    for entry, obj in zip(creates, objs, strict=True):
        entry.pk = obj.pk


UPDATE_FIELDS = [*DERIVED_ATTRIBUTES, "marc", "dedup_key"]


def _update_postgres(updates: list[_Update], *, context: _Context, now) -> None:
    """One UPDATE … FROM unnest(arrays) for the batch's changed records."""
    if not updates:
        return
    meta = BibliographicRecord._meta
    quote = connection.ops.quote_name
    fields = [meta.get_field(name) for name in UPDATE_FIELDS]
    columns = [f.column for f in fields]
    table = quote(meta.db_table)
    assignments = ", ".join(f"{quote(c)} = v.{quote(c)}" for c in columns)
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
    version = quote(meta.get_field("version").column)
    # The version moves on as with any save: a form opened before the import is refused as stale.
    sql = (f"UPDATE {table} SET {assignments}, {quote(meta.get_field('updated_at').column)} = %s, "  # noqa: S608
           f"{quote(meta.get_field('updated_by').column)} = %s, {version} = {table}.{version} + 1 "
           f"FROM unnest(%s::bigint[], {arrays}) AS v(id, {', '.join(quote(c) for c in columns)}) "
           f"WHERE {table}.{quote(meta.pk.column)} = v.id")
    params: list[Any] = [now, context.user_id, [u.pk for u in updates]]
    for name in UPDATE_FIELDS:
        if name == "marc":
            params.append([u.entry.marc_text for u in updates])
        elif name == "dedup_key":
            params.append([u.entry.dedup_key for u in updates])
        else:
            params.append([u.entry.fields[name] for u in updates])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _update_portable(updates: list[_Update], *, context: _Context, now) -> None:
    if not updates:
        return
    objs = []
    for update in updates:
        obj = BibliographicRecord(pk=update.pk, **{name: update.entry.fields[name] for name in DERIVED_ATTRIBUTES})
        obj.marc, obj.dedup_key, obj.updated_by_id, obj.updated_at = (
            update.entry.marc, update.entry.dedup_key, context.user_id, now)
        obj.version = models.F("version") + 1
        objs.append(obj)
    BibliographicRecord.objects.bulk_update(objs, [*UPDATE_FIELDS, "updated_at", "updated_by", "version"])


def _insert_history(rows: list[tuple[int, str, str, str]], *, context: _Context, now) -> None:
    """History rows (record, control number, action, changes as JSON): COPY on PostgreSQL."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        meta = RecordChange._meta
        columns = [meta.get_field(name).column for name in ("record", "control_number", "action", "changes",
                                                              "user", "changed_at", "note")]
        _copy(meta.db_table, columns, [(pk, number, str(action), changes, context.user_id, now, "")
                                       for pk, number, action, changes in rows])
        return
    RecordChange.objects.bulk_create([
        RecordChange(record_id=pk, control_number=number, action=action, changes=json.loads(changes),
                     user_id=context.user_id)
        for pk, number, action, changes in rows
    ])


def _allocate_ids(model, count: int) -> list[int]:
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_agg(nextval(s.seq)) FROM (SELECT pg_get_serial_sequence(%s, %s)::regclass"
                       " AS seq) AS s, generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, count])
        return cursor.fetchone()[0]


# What psycopg escapes in COPY's text format, and NUL (which PostgreSQL refuses, with its own message).
_COPY_SPECIAL = "\x00\b\n\v\f\r"


def _copy_text(values: Sequence[Any]) -> str | None:
    """Plain values (str, int, None) as one line of COPY's text format, without its newline, when none of the
    text needs escaping (nearly every record); otherwise None, and psycopg formats the row (`_copy`).

    psycopg formats a row value by value (a third of the importing thread's time for a record's thirty
    columns); a record's own columns are formatted here by the reader thread, and the writer joins the line."""
    parts = []
    nulls = 0
    for value in values:
        kind = type(value)
        if kind is str:
            parts.append(value)
        elif value is None:
            parts.append("\\N")
            nulls += 1
        elif kind is int:
            parts.append(str(value))
        else:
            return None
    line = "\t".join(parts)
    if line.count("\t") != len(parts) - 1 or line.count("\\") != nulls:
        return None
    # Six substring searches in C: a regular expression over the line took four times as long.
    for special in _COPY_SPECIAL:
        if special in line:
            return None
    return line


def _copy(table: str, columns: list[str], rows: Iterable[Sequence[Any] | str]) -> None:
    """COPY rows into the table: each a tuple of values (formatted by psycopg) or a line already formatted
    (`_copy_text`, with its newline)."""
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    # Through Django's error wrapper, so that a value PostgreSQL refuses (a NUL byte, a number out of range)
    # raises django.db.DatabaseError like any statement and the batch falls back to one record at a time.
    with (connection.wrap_database_errors, connection.cursor() as cursor,
          cursor.cursor.copy(statement) as copy):
        lines: list[str] = []
        for row in rows:
            if isinstance(row, str):
                lines.append(row)
                continue
            if lines:
                copy.write("".join(lines))
                lines = []
            copy.write_row(row)
        if lines:
            copy.write("".join(lines))


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
