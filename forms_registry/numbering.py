"""Gap-free document numbers. Call inside the transaction that creates the document: if it rolls back,
the number is given back with it, so the year's sequence never has a hole."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import DocumentSequence


def allocate_number(series: str, year: int) -> int:
    """Next number of the series for the year. The UPDATE takes a row lock, so concurrent callers queue."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_number() must run inside the transaction that stores the document")
    updated = DocumentSequence.objects.filter(series=series, year=year).update(last_number=F("last_number") + 1)
    if not updated:
        try:
            with transaction.atomic():
                DocumentSequence.objects.create(series=series, year=year, last_number=1)
            return 1
        except IntegrityError:
            # Another transaction created the row first; take the next number after theirs.
            DocumentSequence.objects.filter(series=series, year=year).update(last_number=F("last_number") + 1)
    return DocumentSequence.objects.values_list("last_number", flat=True).get(series=series, year=year)
