"""MARC import and export (QP 607 §5.3: MARC 21 is the exchange format), ISO 2709 and MARCXML.

Import reads UTF-8, MARC-8 and CP1251 input. A file with bad records imports every good one and reports
each bad one with its position and reason. Bad means unreadable (broken structure, undecodable text); a readable
record that breaks the library's completeness rules is imported and flagged for the quality-control queue
(`cataloguing.quality`, issue 17.2); nothing is half-written: records are checked before any
write, a batch is written set-based in one transaction (records and their history rows), and if the batch
fails each record is retried in its own savepoint so that only the offending one is rejected. A record
matches an existing one on its control number (001), then on its ISBN, so a re-import updates instead of
duplicating. While one batch is being stored, a reader process parses and checks the next (see _ReadAhead).
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import queue
import re
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import IO

from defusedxml.ElementTree import iterparse
from django.db import connection, connections
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pymarc import Field, Indicators, Leader, Record, Subfield, XMLWriter

from . import marc
from .constants import IMPORT_BATCH_SIZE, MarcEncoding, MarcFormat
from .exceptions import RecordInvalid
from .models import BibliographicRecord, CatalogueDatabase, MarcImport
from .records import RecordInput, Rejection, ensure_database_writable, record_input, records_upsert
from .signals import send_record_changed

END_OF_RECORD = b"\x1d"
MARC_NS = "{http://www.loc.gov/MARC21/slim}"
# gen-0 threshold of the cyclic garbage collector while an import runs (Python's default is 700).
GC_THRESHOLD_DURING_IMPORT = 100_000
# Batches parsed and checked ahead of the one being stored.
READ_AHEAD_BATCHES = 2


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    processed: int = 0
    flagged: int = 0  # of the imported and updated: stored with quality flags

    @property
    def summary(self) -> str:
        """The closing line of every import (command, admin, task)."""
        return (f"imported {self.imported}, updated {self.updated}, flagged {self.flagged}, "
                f"rejected {len(self.rejected)}")


@dataclass
class Parsed:
    """One record read from the file, or the reason it could not be read."""

    position: int
    record: Record | None = None
    error: str = ""
    offset: int | None = None


# -- reading -----------------------------------------------------------------------------------------------

def split_iso2709(stream: IO[bytes], decode: Callable[[bytes, int, int], Parsed]) -> Iterator[Parsed]:
    """The records of an ISO 2709 file (MARC 21 or UNIMARC), split on the record terminator so that a damaged
    record (wrong length, broken directory, bad bytes) is reported alone and the next ones are still read;
    `decode(raw, position, offset)` reads one record."""
    position, offset, buffer = 0, 0, b""
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        buffer += chunk
        *complete, buffer = buffer.split(END_OF_RECORD)
        for raw in complete:
            position += 1
            yield decode(raw + END_OF_RECORD, position, offset)
            offset += len(raw) + 1
    if buffer.strip(b"\r\n\x00 \x1a"):
        position += 1
        yield Parsed(position, error=_("the record is truncated (no record terminator)."), offset=offset)


def read_iso2709(stream: IO[bytes], encoding: str = MarcEncoding.UTF8) -> Iterator[Parsed]:
    """Records of a MARC 21 ISO 2709 file."""
    return split_iso2709(stream, lambda raw, position, offset: _decode_iso2709(raw, position, offset, encoding))


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
    if fmt in (MarcFormat.UNIMARC, MarcFormat.UNIMARC_XML):  # converted to MARC 21 as it is read (`unimarc`)
        from .unimarc import read_unimarc  # here: the package imports this module

        return read_unimarc(stream, encoding)
    return read_iso2709(stream, encoding)


# -- storing -----------------------------------------------------------------------------------------------
# Every record is parsed, then normalised and checked once by the write path's `record_input` (pure), in the
# reader process; each batch is then stored by `records.records_upsert`, the one write path of records that the
# admin's save uses too (matching, locks, versions, history, `record_changed`: see its module).

def import_records(parsed: Iterable[Parsed], *, database: CatalogueDatabase, user=None,
                   batch_size: int = IMPORT_BATCH_SIZE, batch: MarcImport | None = None,
                   progress: Callable[[ImportResult], None] | None = None) -> ImportResult:
    """Store the records read from a file; see the module docstring for the guarantees. `batch`: the MarcImport
    row of the run, kept on the records it stores (the quality queue's batch filter).

    Refused (RecordLocked) when the target database is locked (QP 607 §5.4); an existing record the file
    would update is rejected with the reason when it, or its database, is locked."""
    ensure_database_writable(database=database, user=user)
    result = ImportResult()
    # The reader is forked before the notifier's thread starts: a child forked from a single thread.
    with (_fewer_collections(), _ReadAhead(lambda: _prepared_batches(parsed, batch_size)) as batches,
          _Notifier() as notifier):
        for size, prepared, rejections in batches:
            result.processed += size
            result.rejected += rejections
            stored = records_upsert(prepared, database=database, by=user, notify=notifier.send,
                                    batch_id=batch.pk if batch is not None else None)
            result.imported += stored.imported
            result.updated += stored.updated
            result.flagged += stored.flagged
            result.rejected += stored.rejected
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

    def __iter__(self) -> Iterator[tuple[int, list[RecordInput], list[Rejection]]]:
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
            yield size, [RecordInput(*entry) for entry in prepared], [Rejection(*r) for r in rejections]

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


def _prepare_batch(batch: list[Parsed]) -> tuple[int, list[RecordInput], list[Rejection]]:
    """Check a batch without touching the database: the records to store, and rejections."""
    prepared: list[RecordInput] = []
    rejections: list[Rejection] = []
    for item in batch:
        if item.record is None:
            rejections.append(Rejection(item.position, item.error, item.offset))
            continue
        try:
            prepared.append(record_input(item.record, position=item.position, offset=item.offset))
        except RecordInvalid as exc:
            rejections.append(Rejection(item.position, str(exc), item.offset))
    return len(batch), prepared, rejections


def import_file(stream: IO[bytes], *, fmt: str = MarcFormat.ISO2709, encoding: str = MarcEncoding.UTF8,
                database: CatalogueDatabase, user=None, progress=None,
                batch_size: int = IMPORT_BATCH_SIZE, batch: MarcImport | None = None) -> ImportResult:
    """Import a MARC file (the command, the admin task and the tests all come here)."""
    return import_records(read_file(stream, fmt=fmt, encoding=encoding), database=database, user=user,
                          progress=progress, batch_size=batch_size, batch=batch)


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
