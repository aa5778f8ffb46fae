"""Keeps the search read model in step: cataloguing's `record_changed` (sent after commit, once per record
edit or once per batch) re-indexes the records; a saved or deleted Item recounts its record's copies when
the transaction commits, once per record however many items the transaction touched."""

from __future__ import annotations

import threading

from django.db import transaction

from .services import refresh_availability, reindex_records

_pending = threading.local()


def on_record_changed(sender, record_ids=(), **kwargs) -> None:
    reindex_records(record_ids)


def _flush_availability() -> None:
    ids = getattr(_pending, "record_ids", None)
    if ids:
        _pending.record_ids = set()
        refresh_availability(ids)


def on_item_saved(sender, instance, **kwargs) -> None:
    if not hasattr(_pending, "record_ids"):
        _pending.record_ids = set()
    _pending.record_ids.add(instance.record_id)
    # Every registration flushes the whole set: the first callback to run does the work, the rest find it done.
    transaction.on_commit(_flush_availability)
