"""Figures of cataloguing that reports (planning 607-02, the passport 607-27) read."""

from __future__ import annotations

from datetime import date

from .models import BibliographicRecord, RecordChange


def records_created_count(*, date_from: date, date_to: date, database_code: str | None = None) -> int:
    """Bibliographic records created in the period (typed in or imported)."""
    records = BibliographicRecord.objects.in_period(date_from, date_to)
    if database_code:
        records = records.filter(database__code=database_code)
    return records.count()


def records_edited_count(*, date_from: date, date_to: date, database_code: str | None = None) -> int:
    """Distinct records edited in the period (QP 607 §5.3: edited records are counted): cataloguers' edits,
    updates by re-import and merges."""
    changes = RecordChange.objects.edits().in_period(date_from, date_to)
    if database_code:
        changes = changes.filter(record__database__code=database_code)
    return changes.values("record_id").distinct().count()
