"""Signals other apps listen to (the search read model, availability counters).

`record_changed` is sent with `sender=BibliographicRecord` and `record_ids=[...]` after the transaction
that changed the records commits: once per record edit, once per batch for bulk operations. Ids of
records that no longer exist (merged away) are included so that read models drop them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

record_changed = Signal()


def send_record_changed(record_ids: Iterable[int]) -> None:
    """Send `record_changed` once for these ids when the current transaction commits."""
    ids = sorted({int(pk) for pk in record_ids})
    if not ids:
        return
    from .models import BibliographicRecord

    transaction.on_commit(lambda: record_changed.send(sender=BibliographicRecord, record_ids=ids))
