"""`records_upsert`: the one write path of bibliographic records (see the package's docstring)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from types import SimpleNamespace
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..constants import RecordAction
from ..exceptions import RecordInvalid, RecordLocked, RecordStale
from ..models import BibliographicRecord, CatalogueDatabase
from ..signals import send_record_changed
from . import sql
from .inputs import DERIVED_ATTRIBUTES, SNAPSHOT_FIELDS, RecordInput, diff_records, new_control_number, unchanged
from .locks import can_lock, lock_message, stale_message


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
    """What an upsert did: the inputs stored as new records (with their ids), the updates, the rejections."""

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
    def flagged(self) -> int:
        """Inputs stored (new or onto an existing record) that break a completeness rule: in the quality queue."""
        return (sum(1 for entry in self.created if entry.fields["quality_flags"])
                + sum(1 for update in self.updates for entry in update.entries if entry.fields["quality_flags"]))

    @property
    def written(self) -> list[int]:
        """Ids of the records created or changed (an unchanged one is not rewritten)."""
        return [entry.pk for entry in self.created] + [update.pk for update in self.updates if update.changes]


def records_upsert(inputs: list[RecordInput], *, database: CatalogueDatabase, by=None,
                   on_match: OnMatch = OnMatch.UPDATE,
                   actions: tuple[str, str] = (RecordAction.IMPORTED, RecordAction.REIMPORTED), note: str = "",
                   audit: bool = False, strict: bool = False, batch_id: int | None = None,
                   notify: Callable[[list[int]], None] = send_record_changed) -> UpsertResult:
    """Store the inputs in `database` (new records; an update stays where it is unless its input moves it) in
    one transaction, every rule of the package's docstring applied; `by` is the user who writes.

    `actions`: the history's action for a created and for an updated record. An input that cannot be stored is
    rejected with its reason (`strict`: its error is raised instead and nothing is written); one that breaks a
    completeness rule is stored with its quality flags, and a save that keeps them all clears them (issue 17.2).
    `batch_id`: the MarcImport the inputs come from (kept on the records written). `notify` receives the ids
    written (the import's sends them from a thread of its own once the batch is committed)."""
    result = UpsertResult()
    if not inputs:
        return result
    # One transaction; the batch's write in a savepoint of it, so that a refused row can be found and left out.
    # Notified after it: the import's notifier writes the index from another connection.
    with transaction.atomic():
        _upsert(inputs, result, database=database, by=by, on_match=on_match, actions=actions, note=note,
                strict=strict, batch_id=batch_id)
        if audit:
            _audit(result.created, result.updates, user=by)
    # Only what was written is re-indexed: a record stored unchanged is already in the index.
    if result.written:
        notify(result.written)
    return result


def _upsert(inputs: list[RecordInput], result: UpsertResult, *, database: CatalogueDatabase, by,
            on_match: OnMatch, actions: tuple[str, str], note: str, strict: bool, batch_id: int | None) -> None:
    writer = _Writer(database=database, user=by, actions=actions, note=note, batch_id=batch_id)
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
            sql.write(creates, updates, writer=writer)
    except DatabaseError:
        # Find the offending inputs: each one alone, in its own savepoint.
        creates_ok, updates_ok = [], []
        for entry in creates:
            try:
                with transaction.atomic():
                    sql.write([entry], [], writer=writer)
                creates_ok.append(entry)
            except DatabaseError as exc:
                entry.pk = None
                reason = _database_reason(exc)
                result.rejected.append(_reject(entry, RecordInvalid({"marc": [reason]}), reason))
        for update in updates:
            try:
                with transaction.atomic():
                    sql.write([], [update], writer=writer)
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

    def __init__(self, *, database: CatalogueDatabase, user, actions: tuple[str, str], note: str,
                 batch_id: int | None = None) -> None:
        self.database = database
        self.batch_id = batch_id
        self.user_id = user.pk if user is not None else None
        self.bypass_locks = can_lock(user)
        self.created_action, self.updated_action = actions
        self.note = note
        self.locked_databases: dict[int, CatalogueDatabase] = {}
        meta = BibliographicRecord._meta
        # COPY columns: the record's own (`RecordInput.row`), then those the batch shares (`row_tail`), then any
        # column the upsert does not fill, with its model default.
        own = [*DERIVED_ATTRIBUTES, "quality_flags", "marc", "dedup_key"]
        shared = ["database_id", "created_by_id", "updated_by_id", "created_at", "updated_at", "import_batch_id"]
        by_attname = {f.attname: f for f in meta.concrete_fields if not f.primary_key}
        self.defaults = {name: f.get_default() for name, f in by_attname.items() if name not in {*own, *shared}}
        self.record_columns = [meta.pk.column, *(by_attname[name].column for name in [*own, *shared, *self.defaults])]
        self.id_pool: list[int] = []  # new record ids drawn in the round trip that matches (PostgreSQL)

    def take_ids(self, count: int) -> list[int]:
        """`count` new record ids: from the pool filled by the lookup, or drawn now if it runs short (inputs
        retried one by one)."""
        if len(self.id_pool) < count:
            self.id_pool += sql.allocate_ids(BibliographicRecord, count - len(self.id_pool))
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
        return (self.database.pk, self.user_id, self.user_id, now, now, self.batch_id, *self.defaults.values())


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
        if unchanged(before, before_marc, entry):
            changes = {}
        else:
            if isinstance(before_marc, str):
                before_marc = json.loads(before_marc)
            changes = diff_records(before, before_marc, SimpleNamespace(**entry.fields, marc=entry.marc))
        # The rules are checked again on every save: a record saved as it was still gets its flags brought up to
        # the rules of today (a year that was in the future, a rule added since).
        old_reasons, new_reasons = _reasons(state["quality_flags"]), sorted(entry.fields["quality_flags"] or ())
        if old_reasons != new_reasons:
            changes["quality_flags"] = [old_reasons, new_reasons]
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
        state["quality_flags"] = entry.fields["quality_flags"]
        if changes and "version" in state:
            state["version"] += 1
        if entry.move_to is not None:
            state["database"] = entry.move_to
    return list(creates.values()), list(updates.values()), refused


def _row_refusal(entry: RecordInput, state: dict[str, Any], writer: _Writer) -> Exception | None:
    """Why the stored row refuses this input: a version moved on since the form was opened, a lock."""
    if entry.expected_version is not None and entry.expected_version != state["version"]:
        changed_by = User.objects.filter(pk=state["updated_by"]).first() if state["updated_by"] else None
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


_STATE_COLUMNS = ("pk", "locked_at", "database")
# Read only for a version check (a form's save): a timestamp per row costs the import's re-reading ≈ 3 µs a record.
_VERSION_COLUMNS = ("version", "updated_by", "updated_at")


def _current_states(pks: list[int], *, for_update: bool) -> dict[int, dict[str, Any]]:
    """The stored library fields and MARC of the records to update (what the history compares), with their lock
    and database, and (`for_update`: under a row lock) their version and last editor; the MARC as its stored text
    on PostgreSQL, parsed only when the record changed."""
    columns = (*_STATE_COLUMNS, *_VERSION_COLUMNS) if for_update else _STATE_COLUMNS
    rows = sql.key_lookup("pk", pks, (*columns, *SNAPSHOT_FIELDS, "quality_flags", "marc"), for_update=for_update)
    width = len(columns)
    states = {}
    for row in rows:
        state = dict(zip(columns, row[:width], strict=True))
        state["fields"] = dict(zip(SNAPSHOT_FIELDS, row[width:-2], strict=True))
        state["quality_flags"], state["marc"] = row[-2], row[-1]
        states[row[0]] = state
    return states


def _reasons(flags: dict[str, str] | str | None) -> list[str]:
    """The reason codes of stored flags (NULL for nearly every record; PostgreSQL's look-up gives the JSON text)."""
    if not flags:
        return []
    return sorted(json.loads(flags) if isinstance(flags, str) else flags)


def _match_existing(inputs: list[RecordInput], writer: _Writer) -> dict[tuple[str, str], tuple[int, str]]:
    """Existing records the inputs match, as (pk, control number), by control number and then by ISBN (two
    index lookups that read only keys; on PostgreSQL both in one round trip, see `lookup_postgres`)."""
    numbers = {p.fields["control_number"] for p in inputs if p.fields["control_number"]}
    isbns = {p.fields["isbn"] for p in inputs if p.fields["isbn"] and p.target is None}
    if connection.vendor == "postgresql":
        keys, by_isbn = sql.lookup_postgres(numbers, isbns, writer,
                                         ids_wanted=sum(1 for p in inputs if p.target is None))
    else:
        keys = sql.key_lookup("control_number", numbers, ("pk", "control_number", "isbn"))
        by_isbn = sql.key_lookup("isbn", isbns, ("pk", "control_number", "isbn"), newest_first=True) if isbns else []
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
