"""Demo: the search index covers every demo record (idempotent: re-indexing upserts)."""

from __future__ import annotations

from .models import SearchEntry
from .services import rebuild_search_index


def load(stdout=None) -> None:
    indexed = rebuild_search_index()
    if stdout is not None:
        stdout.write(f"catalogue_search: {indexed} records indexed, {SearchEntry.objects.count()} entries")
