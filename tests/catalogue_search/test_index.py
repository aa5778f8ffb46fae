"""The read model follows cataloguing: record edits, item saves, merges, the rebuild command."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from catalogue_search.models import SearchEntry
from catalogue_search.normalize import fold
from catalogue_search.selectors import search
from catalogue_search.services import refresh_availability, reindex_records
from cataloguing import marcio
from cataloguing import services as cataloguing_services
from cataloguing.constants import ItemStatus

from .factories import ItemFactory, RecordFactory, catalogue_database


def test_reindex_writes_one_entry_per_record_with_folded_text_and_facets(db):
    record = RecordFactory(title="Сәтбаев", authors="Жұмабаев Б.", year=2001, language="kaz", udc="55")
    reindex_records([record.pk])
    entry = SearchEntry.objects.get(record=record)
    assert (entry.folded_head, entry.year, entry.language, entry.udc) == ("satbaev jumabaev b", 2001, "kaz", "55")


def test_reindex_twice_is_harmless(db):
    record = RecordFactory()
    reindex_records([record.pk])
    reindex_records([record.pk])
    assert SearchEntry.objects.filter(record=record).count() == 1


def test_reindex_drops_entries_of_records_that_are_gone(db):
    record = RecordFactory()
    reindex_records([record.pk])
    gone = record.pk + 1000
    assert reindex_records([record.pk, gone]) == 1
    assert SearchEntry.objects.count() == 1


def test_record_created_through_cataloguing_is_searchable_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record = cataloguing_services.record_create(
            database=catalogue_database(), title="Жер қойнауын пайдалану", authors="Сәтбаев Қ.", year=1950,
            publisher="Ғылым", place="Алматы",
            language="kaz",
        )
    assert [hit.record.pk for hit in search("Satbayev").hits] == [record.pk]


def test_edited_record_is_found_by_its_new_title(db, django_capture_on_commit_callbacks, cataloguer):
    with django_capture_on_commit_callbacks(execute=True):
        record = cataloguing_services.record_create(
            database=catalogue_database(), title="Ескі атау", language="kaz", year=2001, publisher="Ғылым",
            place="Алматы",
        )
    with django_capture_on_commit_callbacks(execute=True):
        cataloguing_services.record_save_fields(record=record, user=cataloguer, title="Жаңа атау")
    assert [hit.record.pk for hit in search("жаңа").hits] == [record.pk]
    assert search("ескі").hits == []


def test_item_status_change_updates_availability(db, django_capture_on_commit_callbacks):
    item = ItemFactory(status=ItemStatus.ON_SHELF)
    reindex_records([item.record_id])
    with django_capture_on_commit_callbacks(execute=True):
        cataloguing_services.item_change_status(item=item, status=ItemStatus.ON_LOAN)
    entry = SearchEntry.objects.get(record_id=item.record_id)
    assert (entry.items_count, entry.available_count) == (1, 0)


def test_item_saved_outside_the_services_still_updates_availability(db, django_capture_on_commit_callbacks):
    item = ItemFactory(status=ItemStatus.ON_LOAN)
    reindex_records([item.record_id])
    with django_capture_on_commit_callbacks(execute=True):
        item.status = ItemStatus.ON_SHELF
        item.save()
        ItemFactory(record=item.record, status=ItemStatus.ON_SHELF)
    entry = SearchEntry.objects.get(record_id=item.record_id)
    assert (entry.items_count, entry.available_count) == (2, 2)


def test_refresh_availability_creates_a_missing_entry(db):
    item = ItemFactory()
    refresh_availability([item.record_id])
    assert SearchEntry.objects.get(record_id=item.record_id).available_count == 1


def test_merged_duplicate_leaves_the_index(db, django_capture_on_commit_callbacks, cataloguer):
    keep, duplicate = RecordFactory(title="Геология"), RecordFactory(title="Геология")
    ItemFactory(record=duplicate)
    reindex_records([keep.pk, duplicate.pk])
    with django_capture_on_commit_callbacks(execute=True):
        cataloguing_services.record_merge(keep=keep, duplicate=duplicate, user=cataloguer)
    assert list(SearchEntry.objects.values_list("record_id", flat=True)) == [keep.pk]
    assert SearchEntry.objects.get(record=keep).available_count == 1


def test_rebuild_command_indexes_every_record_and_reports_progress(db):
    records = RecordFactory.create_batch(7)
    out = StringIO()
    call_command("rebuild_search_index", "--batch-size", "3", stdout=out)
    assert SearchEntry.objects.count() == 7
    assert "7/7" in out.getvalue()
    call_command("rebuild_search_index", "--full", stdout=StringIO())
    assert set(SearchEntry.objects.values_list("record_id", flat=True)) == {r.pk for r in records}


def test_demo_loader_indexes_every_record_and_is_idempotent(db):
    from catalogue_search import demo

    records = RecordFactory.create_batch(3)
    demo.load()
    demo.load()
    assert set(SearchEntry.objects.values_list("record_id", flat=True)) == {r.pk for r in records}


def test_imported_and_reimported_records_are_searchable_after_each_batch(db, django_capture_on_commit_callbacks):
    from tests.cataloguing.factories import iso2709, marc_record

    with django_capture_on_commit_callbacks(execute=True):
        marcio.import_file(iso2709(*(marc_record(control_number=f"S{i}", title=f"Геология {i}", author="Сәтбаев, Қ.")
                                     for i in range(3))), database=catalogue_database(), batch_size=2)
    assert SearchEntry.objects.count() == 3
    assert "satbaev" in SearchEntry.objects.get(record__control_number="S1").folded_head
    with django_capture_on_commit_callbacks(execute=True):
        marcio.import_file(iso2709(marc_record(control_number="S1", title="Металлургия", author="Сәтбаев, Қ.")),
                           database=catalogue_database())
    assert SearchEntry.objects.get(record__control_number="S1").folded_head == f"{fold('Металлургия')} satbaev k"


def test_reindex_counts_the_copies_in_the_fund_and_those_on_the_shelf(db):
    record = RecordFactory()
    for status in (ItemStatus.ON_SHELF, ItemStatus.ON_SHELF, ItemStatus.ON_LOAN, ItemStatus.LOST,
                   ItemStatus.WRITTEN_OFF):
        ItemFactory(record=record, status=status)
    reindex_records([record.pk])
    entry = SearchEntry.objects.get(record=record)
    assert (entry.items_count, entry.available_count) == (3, 2)
