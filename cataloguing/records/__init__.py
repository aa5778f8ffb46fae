"""The one write path of bibliographic records (QP 607 §5.3, 607-25): `records_upsert`.

The admin's save (`services.record_save_marc`: an upsert of one) and the MARC import (`marcio`: batches of a
thousand) both store records here, so each rule is applied once, to every write:

* normalisation and quality control of the MARC (`record_input`, pure, so that the import runs it in its reader
  process): 001, 005, 008 and the leader completed, the library fields derived and cut to their columns, the
  duplicate key, and the quality flags: the completeness rules of `cataloguing.quality` the record breaks, stored
  with it (a record that breaks some is stored and listed in the cataloguer's queue, never refused; a write that
  keeps them all clears them, issue 17.2);
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
`bulk_create` / `bulk_update` elsewhere (`sql`). No model instance is built for a record on PostgreSQL.

Modules: `inputs` (what is stored about a record, computed once, pure), `upsert` (the service: matching and
the rules of the stored row), `sql` (the statements), `locks` (who may write what is locked). Extending: a rule
about one record's content goes into `inputs.record_input` (refusing it with `RecordInvalid`, or computing a
value of the input that `sql.write` stores: per-record flags, say); a rule about the stored row goes into
`upsert._resolve`. `withdrawal` marks a record whose copies are all written off (and clears the mark).
"""

from __future__ import annotations

from .inputs import (
    DERIVED_ATTRIBUTES,
    RecordInput,
    diff_records,
    jsonable,
    new_control_number,
    prepare_record,
    record_input,
)
from .locks import can_lock, ensure_database_writable, lock_message, stale_message
from .upsert import OnMatch, Rejection, UpsertResult, records_upsert
from .withdrawal import records_withdrawal_sweep, records_withdrawal_sync

__all__ = [
    "DERIVED_ATTRIBUTES", "OnMatch", "RecordInput", "Rejection", "UpsertResult", "can_lock", "diff_records",
    "ensure_database_writable", "jsonable", "lock_message", "new_control_number", "prepare_record", "record_input",
    "records_upsert", "records_withdrawal_sweep", "records_withdrawal_sync",
    "stale_message",
]
