"""The set-based statements of the write path: look-ups by key, COPY of new records and history rows, one
`UPDATE … FROM unnest(arrays)` of changed records (PostgreSQL); `bulk_create` / `bulk_update` elsewhere."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.utils import timezone

from ..models import BibliographicRecord, RecordChange
from .inputs import DERIVED_ATTRIBUTES, UPDATE_FIELDS, RecordInput, copy_text, jsonable

if TYPE_CHECKING:
    from .upsert import _Update, _Writer


def key_lookup(key: str, values: Iterable[Any], columns: tuple[str, ...], *, newest_first: bool = False,
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
    # The MARC as its stored text (psycopg would parse json): see `unchanged`.
    selected = [quote(f.column) + ("::text" if isinstance(f, models.JSONField) else "") for f in fields]
    sql = (f"SELECT {', '.join(selected)} FROM {quote(meta.db_table)} "  # noqa: S608
           f"WHERE {quote(key_field.column)} = ANY(%s::{key_field.db_type(connection)}[])"
           + (f" ORDER BY {quote(meta.pk.column)} DESC" if newest_first else "")
           + (" FOR UPDATE" if for_update else ""))
    with connection.cursor() as cursor:
        cursor.execute(sql, [values])
        return cursor.fetchall()


def lookup_postgres(numbers: set[str], isbns: set[str], writer: _Writer, *, ids_wanted: int) -> tuple[list, list]:
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


def write(creates: list[RecordInput], updates: list[_Update], *, writer: _Writer) -> None:
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
                 json.dumps(jsonable(changes), ensure_ascii=False))
                for update in updates for changes in update.changes]
    _insert_history(history, writer=writer, now=now)


def _insert_postgres(creates: list[RecordInput], *, writer: _Writer, now) -> None:
    if not creates:
        return
    for entry, pk in zip(creates, writer.take_ids(len(creates)), strict=True):
        entry.pk = pk
    tail = writer.row_tail(now)
    tail_text = copy_text([value.isoformat() if isinstance(value, datetime) else value for value in tail])
    copy_rows(BibliographicRecord._meta.db_table, writer.record_columns,
          [f"{entry.pk}\t{entry.text}\t{tail_text}\n" if entry.text is not None and tail_text is not None
           else (entry.pk, *entry.row, *tail) for entry in creates])


def _insert_portable(creates: list[RecordInput], *, writer: _Writer) -> None:
    objs = [BibliographicRecord(**writer.defaults, **entry.fields, marc=entry.marc, dedup_key=entry.dedup_key,
                                database_id=writer.database.pk, created_by_id=writer.user_id,
                                updated_by_id=writer.user_id, import_batch_id=writer.batch_id)
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
    batch = quote(meta.get_field("import_batch").column)
    # The version moves on as with any save: a form opened before is refused as stale. An edit keeps the batch.
    sql = (f"UPDATE {table} SET {assignments}, {quote(meta.get_field('updated_at').column)} = %s, "  # noqa: S608
           f"{quote(meta.get_field('updated_by').column)} = %s, {version} = {table}.{version} + 1, "
           f"{batch} = COALESCE(%s, {table}.{batch}) "
           f"FROM unnest(%s::bigint[], {arrays}) AS v(id, {', '.join(quote(c) for c in columns)}) "
           f"WHERE {table}.{quote(meta.pk.column)} = v.id")
    params: list[Any] = [now, writer.user_id, writer.batch_id, [u.pk for u in updates]]
    for name in UPDATE_FIELDS:
        if name == "marc":
            params.append([u.entry.marc_text for u in updates])
        elif name == "quality_flags":
            params.append([u.entry.fields[name] and json.dumps(u.entry.fields[name], ensure_ascii=False)
                           for u in updates])
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
        obj.quality_flags = update.entry.fields["quality_flags"]
        obj.import_batch_id = writer.batch_id
        obj.version = models.F("version") + 1
        objs.append(obj)
    batch = ["import_batch"] if writer.batch_id is not None else []  # an edit keeps the batch
    BibliographicRecord.objects.bulk_update(objs, [*UPDATE_FIELDS, "updated_at", "updated_by", "version", *batch])


def _insert_history(rows: list[tuple[int, str, str, str]], *, writer: _Writer, now) -> None:
    """History rows (record, control number, action, changes as JSON): COPY on PostgreSQL."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        meta = RecordChange._meta
        columns = [meta.get_field(name).column for name in ("record", "control_number", "action", "changes",
                                                              "user", "changed_at", "note")]
        copy_rows(meta.db_table, columns, [(pk, number, str(action), changes, writer.user_id, now, writer.note)
                                       for pk, number, action, changes in rows])
        return
    RecordChange.objects.bulk_create([
        RecordChange(record_id=pk, control_number=number, action=action, changes=json.loads(changes),
                     user_id=writer.user_id, note=writer.note)
        for pk, number, action, changes in rows
    ])


def allocate_ids(model, count: int) -> list[int]:
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_agg(nextval(s.seq)) FROM (SELECT pg_get_serial_sequence(%s, %s)::regclass"
                       " AS seq) AS s, generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, count])
        return cursor.fetchone()[0]


# What psycopg escapes in COPY's text format, and NUL (which PostgreSQL refuses, with its own message).
def copy_rows(table: str, columns: list[str], rows: Iterable[Sequence[Any] | str]) -> None:
    """COPY rows into the table: each a tuple of values (formatted by psycopg) or a line already formatted
    (`copy_text`, with its newline)."""
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
