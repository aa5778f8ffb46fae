"""The search read model's part of merging duplicate records (see `cataloguing.merging`): the duplicate's
entry goes (the record kept is re-indexed when the merge commits, on `record_changed`)."""

from __future__ import annotations

from .models import SearchEntry

MODELS = ("catalogue_search.SearchEntry",)


def merge_check(keep, duplicate) -> list[str]:
    return []  # a read model: nothing of its own can conflict


def merge_move(keep, duplicate) -> int:
    deleted, _by_model = SearchEntry.objects.filter(record=duplicate).delete()
    return deleted
