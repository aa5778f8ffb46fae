"""Keeps the search read model in step with cataloguing's signals (both sent after commit, once per
transaction): `record_changed` re-indexes the records; `items_changed` only recounts their copies."""

from __future__ import annotations

from .services import refresh_availability, reindex_records


def on_record_changed(sender, record_ids=(), **kwargs) -> None:
    reindex_records(record_ids)


def on_items_changed(sender, record_ids=(), **kwargs) -> None:
    refresh_availability(record_ids)
