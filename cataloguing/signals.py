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


def _flush_pending() -> None:
    ids = getattr(_pending, "record_ids", None)
    _pending.record_ids = None
    if ids:
        from .models import BibliographicRecord

        record_changed.send(sender=BibliographicRecord, record_ids=sorted(ids))


def send_record_changed(record_ids: Iterable[int]) -> None:
    """Send `record_changed` for these ids when the current transaction commits.

    Every call inside one transaction joins a single pending set, so a receipt of a thousand copies of a
    title re-indexes that title once, not a thousand times.
    """
    ids = {int(pk) for pk in record_ids}
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _pending.record_ids = ids | (getattr(_pending, "record_ids", None) or set())
        _flush_pending()
        return
    pending = getattr(_pending, "record_ids", None)
    # A rolled-back (savepoint) block drops our callback: register it again so the ids are not lost.
    registered = any(entry[1] is _flush_pending for entry in connection.run_on_commit)
    if pending is None or not registered:
        _pending.record_ids = pending = pending or set()
        if not registered:
            transaction.on_commit(_flush_pending)
    pending |= ids
