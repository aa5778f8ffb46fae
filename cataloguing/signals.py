"""Signals other apps listen to (the search read model, availability counters).

Both are sent with `sender=BibliographicRecord` and `record_ids=[...]` after the transaction that made the
change commits, once per transaction however many changes it made:

* `record_changed`: the bibliographic records themselves changed (edited, imported, merged, deleted). Ids of
  records that no longer exist (merged away) are included so that read models drop them.
* `items_changed`: only the copies of these records changed (created, deleted, a status or a department),
  so read models recount copies without re-reading the records. Saving or deleting an `Item` sends it by
  itself; set-based updates (`QuerySet.update`) call `send_items_changed`.

The desk issues and takes back copies all day, so a copy's status change must stay cheap: it never costs a
re-index of the record's text, only a recount.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

from core.tasks import run_after_commit

record_changed = Signal()
items_changed = Signal()


_pending = threading.local()


class _Batch:
    """The ids of one signal changed in one transaction, sent once when it commits."""

    def __init__(self, signal: Signal) -> None:
        self.signal = signal
        self.record_ids: set[int] = set()
        self.sent = False

    def __call__(self) -> None:
        if self.sent:
            return
        self.sent = True
        batches = getattr(_pending, "batches", {})
        if batches.get(self.signal) is self:
            del batches[self.signal]
        from .models import BibliographicRecord

        self.signal.send(sender=BibliographicRecord, record_ids=sorted(self.record_ids))


def _send_batched(signal: Signal, record_ids: Iterable[int]) -> None:
    ids = {int(pk) for pk in record_ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        batch = _Batch(signal)
        batch.record_ids = ids
        batch()
        return
    if not hasattr(_pending, "batches"):
        _pending.batches = {}
    batch = _pending.batches.get(signal)
    # The batch's callback is gone when the transaction (or the savepoint that registered it) rolled back: its
    # ids belonged to undone work, so start a fresh batch.
    if batch is None or batch.sent or not any(entry[1] is batch for entry in connection.run_on_commit):
        batch = _pending.batches[signal] = _Batch(signal)
    batch.record_ids |= ids
    # Registered again with every call (the first to run sends the batch, the rest find it sent): whichever
    # savepoints roll back, the batch still goes when the work that survives commits. A receiver's error is
    # logged, never raised into the committed caller (core.tasks.run_after_commit).
    run_after_commit(batch)


def send_record_changed(record_ids: Iterable[int]) -> None:
    """Send `record_changed` for these ids when the current transaction commits.

    Every call inside one transaction joins a single pending batch, so a receipt of a thousand copies of a
    title re-indexes that title once, not a thousand times.
    """
    _send_batched(record_changed, record_ids)


def send_items_changed(record_ids: Iterable[int]) -> None:
    """Send `items_changed` for the records whose copies changed, once when the current transaction commits."""
    _send_batched(items_changed, record_ids)


def item_saved_or_deleted(sender, instance, **kwargs) -> None:
    """Connected to `Item`'s post_save and post_delete by the app config."""
    send_items_changed([instance.record_id])
