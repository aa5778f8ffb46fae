"""Gap-free document numbers. Call inside the transaction that creates the document: if it rolls back,
the number is given back with it, so the year's sequence never has a hole."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import DocumentSequence


def allocate_number(series: str, year: int) -> int:
    """Next number of the series for the year. The UPDATE takes a row lock, so concurrent callers queue."""
    return allocate_numbers(series, year, 1).start


def allocate_numbers(series: str, year: int, count: int) -> range:
    """The next `count` numbers of the series for the year, consecutive: a batch of documents created together
    takes its numbers with one UPDATE (which locks the series' row, as for one number)."""
    if count < 1:
        raise ValueError("count must be positive")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_number() must run inside the transaction that stores the document")
    sequence = DocumentSequence.objects.filter(series=series, year=year)
    if not sequence.update(last_number=F("last_number") + count):
        try:
            with transaction.atomic():
                DocumentSequence.objects.create(series=series, year=year, last_number=count)
            return range(1, count + 1)
        except IntegrityError:
            # Another transaction created the row first; take the next numbers after theirs.
            sequence.update(last_number=F("last_number") + count)
    last = sequence.values_list("last_number", flat=True).get()
    return range(last - count + 1, last + 1)
