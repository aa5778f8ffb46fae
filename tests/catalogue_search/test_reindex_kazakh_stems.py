"""Existing catalogues are folded again when the index starts holding Kazakh stems (issue 21, migration 0006)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.db import connection

from catalogue_search.models import SearchEntry, SearchWord
from catalogue_search.selectors import search
from catalogue_search.services import reindex_records

from .factories import RecordFactory

migration = importlib.import_module("catalogue_search.migrations.0006_index_kazakh_stems")


def _schema_editor():
    # The migration's own calls only: its connection and statements run on it (inside the test's transaction).
    def execute(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)

    return SimpleNamespace(connection=connection, execute=execute)


def _index_as_before_stemming(record):
    """The entry as the previous code wrote it: words folded, not stemmed."""
    SearchEntry.objects.filter(record=record).update(folded_head="kazak kitaptarinin tarihi auezov m",
                                                     folded="kazak kitaptarinin tarihi auezov m")
    SearchWord.objects.all().delete()
    SearchWord.objects.create(word="kitaptarinin")


def test_entries_written_before_stemming_are_folded_to_stems(db):
    record = RecordFactory(title="Қазақ кітаптарының тарихы", authors="Әуезов М.")
    reindex_records([record.pk])
    _index_as_before_stemming(record)

    migration.refold_entries(apps, _schema_editor())

    entry = SearchEntry.objects.get(record=record)
    assert entry.folded_head == "kazak kitap tarih auezov m"
    assert set(SearchWord.objects.values_list("word", flat=True)) == {"kazak", "kitap", "tarih", "auezov"}
    assert [hit.record for hit in search("кітап").hits] == [record]


def test_refolding_an_empty_catalogue_does_nothing(db):
    migration.refold_entries(apps, _schema_editor())
    assert not SearchEntry.objects.exists()


def test_refolding_twice_leaves_the_same_entries(db):
    record = RecordFactory(title="Ауыл мектебі", subjects="Мектептер")
    reindex_records([record.pk])
    migration.refold_entries(apps, _schema_editor())
    first = SearchEntry.objects.values_list("folded_head", "folded").get(record=record)
    migration.refold_entries(apps, _schema_editor())
    assert SearchEntry.objects.values_list("folded_head", "folded").get(record=record) == first == (
        "auil mektep", "auil mektep mektep")
