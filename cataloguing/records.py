"""The one write path of bibliographic records (QP 607 §5.3, 607-25): `records_upsert`.

The admin's save (`services.record_save_marc`: an upsert of one) and the MARC import (`marcio`: batches of a
thousand) both store records here, so each rule is applied once, to every write:

* normalisation and quality control of the MARC (`record_input`, pure, so that the import runs it in its reader
  process): 001, 005, 008 and the leader completed, the library fields derived, checked (`validators`) and cut
  to their columns, the duplicate key;
* matching: an input names its record (`target`: the admin's edit) or is matched on its control number (001),
  then on its ISBN. A match is updated (the import), or refused with the record named (`on_match=REFUSE`: a new
  record typed in the admin); a control number names one record only;
* locks and versions (QP 607 §5.4): a locked record or catalogue database is read-only unless the user may lock;
  an input carrying the version its form was opened at is compared under a row lock (`RecordStale`); every
  write raises `version = version + 1`;
* history: a `RecordChange` per input that changed something (the fields as [old, new] and the MARC tags
  changed). A record that comes back unchanged is neither rewritten, versioned, logged nor re-indexed;
* the audit trail (`core.audit`) for the writes asked for it (`audit=True`: a staff edit, one record at a time;
  the import is traced by its history rows and its job, as every set-based write is);
* `record_changed` for what was written;
* a row the database refuses rejects its input alone: the batch is retried one input per savepoint.

Writes are set-based: COPY, one `UPDATE … FROM unnest(arrays)` and COPY of the history on PostgreSQL, and
`bulk_create` / `bulk_update` elsewhere. No model instance is built for a record on PostgreSQL.

Extending: a rule about one record's content goes into `record_input` (rejecting it with `RecordInvalid`, or
setting a value on the input that `_write` stores); a rule about the stored row goes into `_resolve`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from operator import itemgetter
from types import SimpleNamespace
from typing import Any

from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pymarc import Field, Record

from . import marc
from .constants import RecordAction
from .exceptions import RecordInvalid, RecordLocked, RecordStale
from .models import BibliographicRecord, CatalogueDatabase, RecordChange
from .signals import send_record_changed
from .validators import duplicate_key, validate_fields

# Model attributes filled from the MARC record (derive_fields keys that are model fields).
DERIVED_ATTRIBUTES = (
    "leader", "control_number", "title", "subtitle", "statement_of_responsibility", "authors", "first_author",
    "edition", "place", "publisher", "year", "extent", "pages", "series", "source", "isbn", "issn", "udc",
    "language", "document_type", "subjects", "annotation", "url",
)
_TRUNCATE = {"first_author": 255, "publisher": 255, "place": 255, "edition": 255, "extent": 255, "series": 500,
             "udc": 255, "control_number": 64}
UPDATE_FIELDS = [*DERIVED_ATTRIBUTES, "marc", "dedup_key"]
_SNAPSHOT_FIELDS = (*marc.LIBRARY_FIELDS, "leader")
_DERIVED_VALUES = itemgetter(*DERIVED_ATTRIBUTES)


def new_control_number() -> str:
    """Control number (001) for a record created here rather than imported."""
    return f"KAZNTU{uuid.uuid4().hex[:12].upper()}"


# -- locks and versions (QP 607 §5.4) ----------------------------------------------------------------------

def can_lock(user) -> bool:
    """The system administrator (or a superuser) locks and unlocks records and databases, and may still edit
    what is locked; everybody else finds it read-only."""
    return bool(user is not None and getattr(user, "is_active", False)
                and (user.is_superuser or user.has_perm("cataloguing.lock_record")))


def _who(user) -> str:
    if user is None:
        return _("an unknown user")
    return (user.get_full_name() or "").strip() or user.get_username()


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else "—"


def lock_message(*, record: BibliographicRecord | None = None,
                 database: CatalogueDatabase | None = None) -> str | None:
    """Why the record (or the database) is read-only, or None when it is not locked."""
    if record is not None and record.locked_at is not None:
        return _("Record %(number)s is locked by %(user)s since %(at)s: it is read-only.") % {
            "number": record.control_number, "user": _who(record.locked_by), "at": _when(record.locked_at)}
    if database is None and record is not None:
        database = record.database
    if database is not None and database.locked_at is not None:
        return _("Catalogue database \"%(database)s\" is locked by %(user)s since %(at)s: its records are "
                 "read-only.") % {"database": database.name, "user": _who(database.locked_by),
                                  "at": _when(database.locked_at)}
    return None


def ensure_database_writable(*, database: CatalogueDatabase, user) -> None:
    """Raises RecordLocked when the database is locked and the user may not edit what is locked."""
    if can_lock(user):
        return
    database = CatalogueDatabase.objects.get(pk=database.pk)  # the lock as it is now, not as the caller read it
    message = lock_message(database=database)
    if message:
        raise RecordLocked(message)


def stale_message(*, what: str, changed_by, changed_at) -> str:
    """The refusal of a stale save: who saved the row meanwhile (when known: items keep no editor) and when."""
    if changed_by is None:
        return _("%(what)s was changed at %(at)s after you opened it. Your input is kept: compare it with the "
                 "record as it is now and save again to apply it.") % {"what": what, "at": _when(changed_at)}
    return _("%(what)s was changed by %(user)s at %(at)s after you opened it. Your input is kept: compare it "
             "with the record as it is now and save again to apply it.") % {
        "what": what, "user": _who(changed_by), "at": _when(changed_at)}


# -- normalisation and quality control (pure) ----------------------------------------------------------------

def prepare_record(marc_record: Record, *, control_number: str | None = None,
                   allow_missing_control_number: bool = False) -> dict[str, Any]:
    """Validate a MARC record (completed in place: 001, 005, 008, leader) and return its library fields, ready
    to store; raises RecordInvalid. Pure (no database access)."""
    if control_number and not marc_record.get_fields("001"):
        marc.ensure_required(marc_record, control_number=control_number)
    fields = marc.derive_fields(marc_record)
    errors = validate_fields(fields)
    if allow_missing_control_number:
        errors.pop("control_number", None)
    if errors:
        raise RecordInvalid(errors)
    marc.ensure_required(marc_record, control_number=fields["control_number"])
    fields["leader"] = str(marc_record.leader)
    fields["document_type"] = str(fields["document_type"])  # a plain value for COPY and the history
    for name, limit in _TRUNCATE.items():
        if isinstance(fields.get(name), str) and len(fields[name]) > limit:
            fields[name] = fields[name][:limit]
    return fields


@dataclass(slots=True)
class RecordInput:
    """One record to store: it passed quality control, and what is stored about it is computed once (library
    fields, the MARC as the JSON text stored, duplicate key, COPY line). Made by `record_input`. It crosses from
    the import's reader process as plain values (`portable`); the pymarc record is rebuilt from the JSON only
    when it must change (`renumber`).

    `target`: the record it replaces (the admin's edit), else it is matched; `expected_version`: the version its
    form was opened at; `move_to`: the catalogue database it moves to (the admin's edit)."""

    position: int
    offset: int | None
    fields: dict[str, Any]
    _marc_text: str | None  # None: the COPY line holds it (see `portable`)
    dedup_key: str
    number_in_record: str | None  # the record's own 001, if any
    _text: str | bool | None = False  # False: not formatted yet
    target: int | None = None
    expected_version: int | None = None
    move_to: int | None = None
    pk: int | None = None
    _marc: dict[str, Any] | None = None
    _row: tuple | None = None

    @property
    def portable(self) -> tuple:
        """What crosses the pipe from the reader process (see `RecordInput(*portable)`). The MARC text goes once:
        when the COPY line holds it, not beside it as well."""
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
        """The MARC as a dict (an update's history and the portable path need it)."""
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


def record_input(marc_record: Record, *, position: int = 1, offset: int | None = None, target: int | None = None,
                 expected_version: int | None = None, move_to: int | None = None,
                 control_number: str | None = None) -> RecordInput:
    """Normalise and check a MARC record for `records_upsert`; raises RecordInvalid. Pure (no database access).

    A record without 001 takes `control_number` when given; otherwise it is matched on its ISBN, or gets a new
    control number, when it is stored."""
    fields = prepare_record(marc_record, control_number=control_number, allow_missing_control_number=True)
    control = marc_record.get_fields("001")
    entry = RecordInput(position, offset, fields, marc.record_to_json_text(marc_record),
                        duplicate_key(title=fields["title"], first_author=fields["first_author"], year=fields["year"]),
                        control[0].data if control else None, target=target, expected_version=expected_version,
                        move_to=move_to)
    entry.text  # noqa: B018  (formatted here, by the import's reader process, not by the process that writes)
    return entry


def _set_control_number(record: Record, number: str) -> None:
    fields = record.get_fields("001")
    if fields:
        fields[0].data = number
    else:
        record.add_ordered_field(Field(tag="001", data=number))


# -- history -----------------------------------------------------------------------------------------------

def _tags(data: dict[str, Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for entry in (data or {}).get("fields", []):
        for tag, value in entry.items():
            grouped.setdefault(tag, []).append(value)
    return grouped


def diff_records(before: dict[str, Any], before_marc: dict[str, Any], after) -> dict[str, Any]:
    """What changed: library fields as [old, new], plus the MARC tags whose content changed."""
    changes: dict[str, Any] = {}
    for name, old in before.items():
        new = getattr(after, name)
        if (old or "") != (new or ""):
            changes[name] = [old, new]
    old_tags, new_tags = _tags(before_marc), _tags(after.marc)
    changed_tags = sorted(
        tag for tag in old_tags.keys() | new_tags.keys() if tag != "005" and old_tags.get(tag) != new_tags.get(tag)
    )
    if changed_tags:
        changes["marc_tags"] = changed_tags
    return changes


_STAMP_ENTRY = '{"005": '


def _unchanged(before: dict[str, Any], before_marc: dict[str, Any] | str, entry: RecordInput) -> bool:
    """True when an input brings nothing new: the same library fields (compared as diff_records does) and the
    same MARC but for 005, the moment of the last change. The stored MARC comes from PostgreSQL as its text,
    which is how the record's own JSON is written (`marc.record_to_json_text`), so the two compare as text
    without parsing either; whatever this cannot tell apart goes through diff_records."""
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


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal | date):
        return str(value)
    return value


# -- the service -------------------------------------------------------------------------------------------

class OnMatch(Enum):
    """What an input without a target does when its control number or ISBN is already in the catalogue."""

    UPDATE = "update"  # the import: the file's record is the catalogue's record, brought up to date
    REFUSE = "refuse"  # a new record typed in the admin: refused, the record it duplicates named


@dataclass
class Rejection:
    """An input not stored, with its position in the caller's list (or file) and the reason."""

    position: int
    reason: str
    offset: int | None = None
    error: Exception | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {"position": self.position, "offset": self.offset, "reason": self.reason}

    def __str__(self) -> str:
        where = _("record %(position)s") % {"position": self.position}
        if self.offset is not None:
            where += _(" (byte %(offset)s)") % {"offset": self.offset}
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class _Update:
    """The new state of one existing record, and a history row per input that changed it."""

    pk: int
    entry: RecordInput
    entries: list[RecordInput]
    changes: list[dict[str, Any]]
    move_from: int | None = None


@dataclass
class UpsertResult:
    created: list[RecordInput] = field(default_factory=list)
    updates: list[_Update] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return len(self.created)

    @property
    def updated(self) -> int:
        """Inputs stored onto an existing record (whether or not they changed it)."""
        return sum(len(update.entries) for update in self.updates)

    @property
    def written(self) -> list[int]:
        """Ids of the records created or changed (an unchanged one is not rewritten)."""
        return [entry.pk for entry in self.created] + [update.pk for update in self.updates if update.changes]


def records_upsert(inputs: list[RecordInput], *, database: CatalogueDatabase, by=None,
                   on_match: OnMatch = OnMatch.UPDATE,
                   actions: tuple[str, str] = (RecordAction.IMPORTED, RecordAction.REIMPORTED), note: str = "",
                   audit: bool = False, strict: bool = False,
                   notify: Callable[[list[int]], None] = send_record_changed) -> UpsertResult:
    """Store the inputs in `database` (new records; an update stays where it is unless its input moves it) in
    one transaction, every rule of the module docstring applied; `by` is the user who writes.

    `actions`: the history's action for a created and for an updated record. An input that cannot be stored is
    rejected with its reason (`strict`: its error is raised instead and nothing is written). `notify` receives
    the ids written (the import's sends them from a thread of its own once the batch is committed)."""
    result = UpsertResult()
    if not inputs:
        return result
    # One transaction; the batch's write in a savepoint of it, so that a refused row can be found and left out.
    # Notified after it: the import's notifier writes the index from another connection.
    with transaction.atomic():
        _upsert(inputs, result, database=database, by=by, on_match=on_match, actions=actions, note=note,
                strict=strict)
        if audit:
            _audit(result.created, result.updates, user=by)
    # Only what was written is re-indexed: a record stored unchanged is already in the index.
    if result.written:
        notify(result.written)
    return result


def _upsert(inputs: list[RecordInput], result: UpsertResult, *, database: CatalogueDatabase, by,
            on_match: OnMatch, actions: tuple[str, str], note: str, strict: bool) -> None:
    writer = _Writer(database=database, user=by, actions=actions, note=note)
    database_locked = writer.refresh_locks()
    if database_locked:
        result.rejected += [_reject(entry, RecordLocked(database_locked)) for entry in inputs]
        _raise_if(strict, result)
        return
    creates, updates, refused = _resolve(inputs, writer, on_match=on_match)
    result.rejected += refused
    _raise_if(strict, result)
    try:
        with transaction.atomic():
            _write(creates, updates, writer=writer)
    except DatabaseError:
        # Find the offending inputs: each one alone, in its own savepoint.
        creates_ok, updates_ok = [], []
        for entry in creates:
            try:
                with transaction.atomic():
                    _write([entry], [], writer=writer)
                creates_ok.append(entry)
            except DatabaseError as exc:
                entry.pk = None
                reason = _database_reason(exc)
                result.rejected.append(_reject(entry, RecordInvalid({"marc": [reason]}), reason))
        for update in updates:
            try:
                with transaction.atomic():
                    _write([], [update], writer=writer)
                updates_ok.append(update)
            except DatabaseError as exc:
                reason = _database_reason(exc)
                result.rejected += [_reject(entry, RecordInvalid({"marc": [reason]}), reason)
                                    for entry in update.entries]
        creates, updates = creates_ok, updates_ok
        _raise_if(strict, result)
    result.created, result.updates = creates, updates


def _raise_if(strict: bool, result: UpsertResult) -> None:
    """A strict upsert (the admin's save) raises the first refusal instead of reporting it."""
    if strict and result.rejected:
        raise result.rejected[0].error or RecordInvalid({"marc": [result.rejected[0].reason]})


def _reject(entry: RecordInput, error: Exception, reason: str | None = None) -> Rejection:
    return Rejection(entry.position, reason or str(error), entry.offset, error)


def _database_reason(exc: DatabaseError) -> str:
    return (str(exc).splitlines() or [exc.__class__.__name__])[0]


class _Writer:
    """What one upsert shares: target database, user, history actions and the column layout of the writes."""

    def __init__(self, *, database: CatalogueDatabase, user, actions: tuple[str, str], note: str) -> None:
        self.database = database
        self.user_id = user.pk if user is not None else None
        self.bypass_locks = can_lock(user)
        self.created_action, self.updated_action = actions
        self.note = note
        self.locked_databases: dict[int, CatalogueDatabase] = {}
        meta = BibliographicRecord._meta
        # COPY columns: the record's own (`RecordInput.row`), then those the batch shares (`row_tail`), then any
        # column the upsert does not fill, with its model default.
        own = [*DERIVED_ATTRIBUTES, "marc", "dedup_key"]
        shared = ["database_id", "created_by_id", "updated_by_id", "created_at", "updated_at"]
        by_attname = {f.attname: f for f in meta.concrete_fields if not f.primary_key}
        self.defaults = {name: f.get_default() for name, f in by_attname.items() if name not in {*own, *shared}}
        self.record_columns = [meta.pk.column, *(by_attname[name].column for name in [*own, *shared, *self.defaults])]
        self.id_pool: list[int] = []  # new record ids drawn in the round trip that matches (PostgreSQL)

    def take_ids(self, count: int) -> list[int]:
        """`count` new record ids: from the pool filled by the lookup, or drawn now if it runs short (inputs
        retried one by one)."""
        if len(self.id_pool) < count:
            self.id_pool += _allocate_ids(BibliographicRecord, count - len(self.id_pool))
        ids, self.id_pool = self.id_pool[:count], self.id_pool[count:]
        return ids

    def refresh_locks(self) -> str | None:
        """Read which databases are locked now (one small query); the reason the target database refuses the
        write, or None."""
        if self.bypass_locks:
            return None
        locked = CatalogueDatabase.objects.filter(locked_at__isnull=False).select_related("locked_by")
        self.locked_databases = {database.pk: database for database in locked}
        target = self.locked_databases.get(self.database.pk)
        return lock_message(database=target) if target is not None else None

    def row_tail(self, now) -> tuple:
        return (self.database.pk, self.user_id, self.user_id, now, now, *self.defaults.values())


def _resolve(inputs: list[RecordInput], writer: _Writer, *,
             on_match: OnMatch) -> tuple[list[RecordInput], list[_Update], list[Rejection]]:
    """New records and updates of existing ones (named by `target`, else matched on 001, then ISBN); each update
    carries its history (library fields as [old, new] and the MARC tags changed), an unchanged record none.
    Inputs refused by a rule of the stored row (lock, version, a control number or ISBN taken) come back as
    rejections."""
    existing = _match_existing(inputs, writer)
    creates: dict[int, RecordInput] = {}  # by id(), in input order
    seen: dict[str, RecordInput] = {}
    targets: dict[int, str | None] = {}  # pk → control number of the update targets (None: named by the caller)
    matched: list[tuple[RecordInput, int]] = []
    refused: list[Rejection] = []
    for entry in inputs:
        number, isbn = entry.fields["control_number"], entry.fields["isbn"]
        by_number = existing.get(("001", number)) if number else None
        if entry.target is not None:
            if by_number is not None and by_number[0] != entry.target:
                refused.append(_reject(entry, RecordInvalid({"control_number": [
                    _("A record with control number %(number)s already exists.") % {"number": number}]})))
                continue
            entry.renumber(number or new_control_number())
            targets[entry.target] = None
            matched.append((entry, entry.target))
            continue
        target = by_number
        if target is None and isbn:
            target = existing.get(("isbn", isbn))
        if target is not None and on_match is OnMatch.REFUSE:
            message = (_("A record with control number %(number)s already exists.") if target is by_number
                       else _("ISBN %(isbn)s is already catalogued as record %(number)s: edit that record."))
            field_name = "control_number" if target is by_number else "isbn"
            refused.append(_reject(entry, RecordInvalid({field_name: [
                message % {"number": target[1], "isbn": isbn}]})))
            continue
        if target is None and number in seen:
            # The same record twice in one list: the later copy wins, as it would in two batches.
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
        return list(creates.values()), [], refused

    # Under a row lock when a version is to be compared (a form's save), so that no save slips in between.
    states = _current_states(list(targets), for_update=any(e.expected_version is not None for e, _pk in matched))
    updates: dict[int, _Update] = {}
    for entry, pk in matched:
        if pk not in states:
            refused.append(_reject(entry, RecordInvalid({"control_number": [
                _("The record no longer exists (merged meanwhile).")]})))
            continue
        state = states[pk]
        error = _row_refusal(entry, state, writer)
        if error is not None:
            refused.append(_reject(entry, error))
            continue
        before, before_marc = state["fields"], state["marc"]
        if _unchanged(before, before_marc, entry):
            changes = {}
        else:
            if isinstance(before_marc, str):
                before_marc = json.loads(before_marc)
            changes = diff_records(before, before_marc, SimpleNamespace(**entry.fields, marc=entry.marc))
        update = updates.get(pk)
        if update is None:
            update = updates[pk] = _Update(pk, entry, [], [])
        if entry.move_to is not None and entry.move_to != state["database"]:
            changes["database"] = [state["database"], entry.move_to]
            update.move_from = state["database"]
        update.entry = entry
        update.entries.append(entry)
        if changes:
            update.changes.append(changes)
        state["fields"] = {name: entry.fields[name] for name in before}
        state["marc"] = entry.marc_text
        state["version"] += 1 if changes else 0
        if entry.move_to is not None:
            state["database"] = entry.move_to
    return list(creates.values()), list(updates.values()), refused


def _row_refusal(entry: RecordInput, state: dict[str, Any], writer: _Writer) -> Exception | None:
    """Why the stored row refuses this input: a version moved on since the form was opened, a lock."""
    if entry.expected_version is not None and entry.expected_version != state["version"]:
        from django.contrib.auth import get_user_model

        changed_by = get_user_model().objects.filter(pk=state["updated_by"]).first() if state["updated_by"] else None
        return RecordStale(stale_message(what=_("Record %(number)s") % {"number": state["fields"]["control_number"]},
                                         changed_by=changed_by, changed_at=state["updated_at"]),
                           changed_by=changed_by, changed_at=state["updated_at"])
    if writer.bypass_locks:
        return None
    number = state["fields"]["control_number"]
    if state["locked_at"] is not None:
        return RecordLocked(_("Record %(number)s is locked: it is read-only.") % {"number": number})
    if state["database"] in writer.locked_databases:
        return RecordLocked(_("Record %(number)s is in a locked catalogue database: it is read-only.")
                            % {"number": number})
    if entry.move_to in writer.locked_databases:
        return RecordLocked(lock_message(database=writer.locked_databases[entry.move_to]))
    return None


_STATE_COLUMNS = ("pk", "locked_at", "database", "version", "updated_by", "updated_at")


def _current_states(pks: list[int], *, for_update: bool) -> dict[int, dict[str, Any]]:
    """The stored library fields and MARC of the records to update (what the history compares), with their lock,
    database and version; the MARC as its stored text on PostgreSQL, parsed only when the record changed."""
    rows = _key_lookup("pk", pks, (*_STATE_COLUMNS, *_SNAPSHOT_FIELDS, "marc"), for_update=for_update)
    width = len(_STATE_COLUMNS)
    states = {}
    for row in rows:
        state = dict(zip(_STATE_COLUMNS, row[:width], strict=True))
        state["fields"] = dict(zip(_SNAPSHOT_FIELDS, row[width:-1], strict=True))
        state["marc"] = row[-1]
        states[row[0]] = state
    return states


def _key_lookup(key: str, values: Iterable[Any], columns: tuple[str, ...], *, newest_first: bool = False,
                for_update: bool = False) -> list:
    """Rows (the given columns) of the records whose `key` is among `values`, by index. On PostgreSQL with one
    array parameter (`= ANY`) rather than a placeholder per value: a batch looks up a thousand keys."""
    values = list(values)
    if not values:
        return []
    if connection.vendor != "postgresql":
        rows = BibliographicRecord.objects.filter(**{f"{key}__in": values})
        if for_update:
            rows = rows.select_for_update()
        return list((rows.order_by("-pk") if newest_first else rows.order_by()).values_list(*columns))
    meta = BibliographicRecord._meta
    quote = connection.ops.quote_name
    fields = [meta.pk if name == "pk" else meta.get_field(name) for name in columns]
    key_field = meta.pk if key == "pk" else meta.get_field(key)
    # The MARC as its stored text (psycopg would parse json): see `_unchanged`.
    selected = [quote(f.column) + ("::text" if isinstance(f, models.JSONField) else "") for f in fields]
    sql = (f"SELECT {', '.join(selected)} FROM {quote(meta.db_table)} "  # noqa: S608
           f"WHERE {quote(key_field.column)} = ANY(%s::{key_field.db_type(connection)}[])"
           + (f" ORDER BY {quote(meta.pk.column)} DESC" if newest_first else "")
           + (" FOR UPDATE" if for_update else ""))
    with connection.cursor() as cursor:
        cursor.execute(sql, [values])
        return cursor.fetchall()


def _match_existing(inputs: list[RecordInput], writer: _Writer) -> dict[tuple[str, str], tuple[int, str]]:
    """Existing records the inputs match, as (pk, control number), by control number and then by ISBN (two
    index lookups that read only keys; on PostgreSQL both in one round trip, see `_lookup_postgres`)."""
    numbers = {p.fields["control_number"] for p in inputs if p.fields["control_number"]}
    isbns = {p.fields["isbn"] for p in inputs if p.fields["isbn"] and p.target is None}
    if connection.vendor == "postgresql":
        keys, by_isbn = _lookup_postgres(numbers, isbns, writer,
                                         ids_wanted=sum(1 for p in inputs if p.target is None))
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


def _lookup_postgres(numbers: set[str], isbns: set[str], writer: _Writer, *, ids_wanted: int) -> tuple[list, list]:
    """The rows (pk, control number, ISBN) matching these control numbers, and those matching these ISBNs newest
    first, in one round trip that also draws `ids_wanted` new record ids.

    The lookups are by index whatever the statistics say: a table that grows from thousands to a million rows
    in one import outruns its statistics, and the planner, taking a batch's thousand ISBNs for a large share of a
    small table, then reads the whole table for each batch.

    The switch to index scans, the ids drawn from the sequence and both lookups go as one multi-statement
    string: psycopg's client-side binding cursor (Django's default) sends it as one simple query, which runs as
    one implicit transaction when no transaction is open, so that SET LOCAL holds for the lookups; inside a
    caller's transaction the last statement puts the setting back."""
    meta = BibliographicRecord._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    select = f"SELECT {quote(meta.pk.column)}, {quote(meta.get_field('control_number').column)}, " \
             f"{quote(meta.get_field('isbn').column)} FROM {table}"  # noqa: S608
    number_type = meta.get_field("control_number").db_type(connection)
    isbn_type = meta.get_field("isbn").db_type(connection)
    statements = ["SET LOCAL enable_seqscan = off"]
    params: list[Any] = []
    draw = max(0, ids_wanted - len(writer.id_pool))
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
            writer.id_pool += cursor.fetchone()[0]
            cursor.nextset()
        by_number = cursor.fetchall()
        cursor.nextset()
        by_isbn = cursor.fetchall()
        while cursor.nextset():
            pass
    return by_number, by_isbn


# -- writing -----------------------------------------------------------------------------------------------

def _write(creates: list[RecordInput], updates: list[_Update], *, writer: _Writer) -> None:
    """Write (inside the caller's transaction or savepoint): records, then their history rows."""
    now = timezone.now()
    changed = [u for u in updates if u.changes]
    if connection.vendor == "postgresql":
        _insert_postgres(creates, writer=writer, now=now)
        _update_postgres(changed, writer=writer, now=now)
    else:
        _insert_portable(creates, writer=writer)
        _update_portable(changed, writer=writer, now=now)
    moved = [u for u in changed if u.entry.move_to is not None and u.move_from is not None]
    for update in moved:  # the admin moves one record at a time
        BibliographicRecord.objects.filter(pk=update.pk).update(database_id=update.entry.move_to)
    history = [(entry.pk, entry.fields["control_number"], writer.created_action, "{}") for entry in creates]
    history += [(update.pk, update.entry.fields["control_number"], writer.updated_action,
                 json.dumps(_jsonable(changes), ensure_ascii=False))
                for update in updates for changes in update.changes]
    _insert_history(history, writer=writer, now=now)


def _insert_postgres(creates: list[RecordInput], *, writer: _Writer, now) -> None:
    if not creates:
        return
    for entry, pk in zip(creates, writer.take_ids(len(creates)), strict=True):
        entry.pk = pk
    tail = writer.row_tail(now)
    tail_text = _copy_text([value.isoformat() if isinstance(value, datetime) else value for value in tail])
    _copy(BibliographicRecord._meta.db_table, writer.record_columns,
          [f"{entry.pk}\t{entry.text}\t{tail_text}\n" if entry.text is not None and tail_text is not None
           else (entry.pk, *entry.row, *tail) for entry in creates])


def _insert_portable(creates: list[RecordInput], *, writer: _Writer) -> None:
    objs = [BibliographicRecord(**writer.defaults, **entry.fields, marc=entry.marc, dedup_key=entry.dedup_key,
                                database_id=writer.database.pk, created_by_id=writer.user_id,
                                updated_by_id=writer.user_id)
            for entry in creates]
    BibliographicRecord.objects.bulk_create(objs)
    for entry, obj in zip(creates, objs, strict=True):
        entry.pk = obj.pk


def _update_postgres(updates: list[_Update], *, writer: _Writer, now) -> None:
    """One UPDATE … FROM unnest(arrays) for the changed records."""
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
    # The version moves on as with any save: a form opened before is refused as stale.
    sql = (f"UPDATE {table} SET {assignments}, {quote(meta.get_field('updated_at').column)} = %s, "  # noqa: S608
           f"{quote(meta.get_field('updated_by').column)} = %s, {version} = {table}.{version} + 1 "
           f"FROM unnest(%s::bigint[], {arrays}) AS v(id, {', '.join(quote(c) for c in columns)}) "
           f"WHERE {table}.{quote(meta.pk.column)} = v.id")
    params: list[Any] = [now, writer.user_id, [u.pk for u in updates]]
    for name in UPDATE_FIELDS:
        if name == "marc":
            params.append([u.entry.marc_text for u in updates])
        elif name == "dedup_key":
            params.append([u.entry.dedup_key for u in updates])
        else:
            params.append([u.entry.fields[name] for u in updates])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _update_portable(updates: list[_Update], *, writer: _Writer, now) -> None:
    if not updates:
        return
    objs = []
    for update in updates:
        obj = BibliographicRecord(pk=update.pk, **{name: update.entry.fields[name] for name in DERIVED_ATTRIBUTES})
        obj.marc, obj.dedup_key, obj.updated_by_id, obj.updated_at = (
            update.entry.marc, update.entry.dedup_key, writer.user_id, now)
        obj.version = models.F("version") + 1
        objs.append(obj)
    BibliographicRecord.objects.bulk_update(objs, [*UPDATE_FIELDS, "updated_at", "updated_by", "version"])


def _insert_history(rows: list[tuple[int, str, str, str]], *, writer: _Writer, now) -> None:
    """History rows (record, control number, action, changes as JSON): COPY on PostgreSQL."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        meta = RecordChange._meta
        columns = [meta.get_field(name).column for name in ("record", "control_number", "action", "changes",
                                                              "user", "changed_at", "note")]
        _copy(meta.db_table, columns, [(pk, number, str(action), changes, writer.user_id, now, writer.note)
                                       for pk, number, action, changes in rows])
        return
    RecordChange.objects.bulk_create([
        RecordChange(record_id=pk, control_number=number, action=action, changes=json.loads(changes),
                     user_id=writer.user_id, note=writer.note)
        for pk, number, action, changes in rows
    ])


def _audit(creates: list[RecordInput], updates: list[_Update], *, user) -> None:
    """The audit trail's entries (core.audit) of the records written: fields as [old, new]."""
    from auditlog.models import LogEntry

    written = {entry.pk: ({name: [None, value] for name, value in entry.fields.items() if value not in (None, "")},
                          LogEntry.Action.CREATE) for entry in creates}
    for update in updates:
        if update.changes:
            merged: dict[str, Any] = {}
            for changes in update.changes:
                merged.update({name: value for name, value in changes.items() if name != "marc_tags"})
            written[update.pk] = (merged, LogEntry.Action.UPDATE)
    for record in BibliographicRecord.objects.filter(pk__in=list(written)):
        changes, action = written[record.pk]
        LogEntry.objects.log_create(record, force_log=True, action=action, actor=user,
                                    changes={name: [str(old), str(new)] for name, (old, new) in changes.items()})


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

    psycopg formats a row value by value (a third of the importing process's time for a record's thirty
    columns); a record's own columns are formatted by `record_input` (in the import's reader process), and the
    writer joins the line."""
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
    # raises django.db.DatabaseError like any statement and the inputs are retried one at a time.
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
