"""Signals other apps listen to (the search read model, availability counters).

`record_changed` is sent with `sender=BibliographicRecord` and `record_ids=[...]` after the transaction
that changed the records commits: once per record edit, once per batch for bulk operations. Ids of
records that no longer exist (merged away) are included so that read models drop them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

record_changed = Signal()


_pending = threading.local()


class _Batch:
    """The ids changed in one transaction, sent once when it commits."""

    def __init__(self) -> None:
        self.record_ids: set[int] = set()
        self.sent = False

    def __call__(self) -> None:
        if self.sent:
            return
        self.sent = True
        if getattr(_pending, "batch", None) is self:
            _pending.batch = None
        from .models import BibliographicRecord

        record_changed.send(sender=BibliographicRecord, record_ids=sorted(self.record_ids))


def send_record_changed(record_ids: Iterable[int]) -> None:
    """Send `record_changed` for these ids when the current transaction commits.

    Every call inside one transaction joins a single pending batch, so a receipt of a thousand copies of a
    title re-indexes that title once, not a thousand times.
    """
    ids = {int(pk) for pk in record_ids}
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        batch = _Batch()
        batch.record_ids = ids
        batch()
        return
    batch = getattr(_pending, "batch", None)
    # The batch's callback is gone when the transaction (or the savepoint that registered it) rolled back: its
    # ids belonged to undone work, so start a fresh batch.
    if batch is None or batch.sent or not any(entry[1] is batch for entry in connection.run_on_commit):
        batch = _pending.batch = _Batch()
        transaction.on_commit(batch)
    batch.record_ids |= ids
