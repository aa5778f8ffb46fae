"""Records: the data-model contract, MARC as the source of truth, history, edited-record counts, signals."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time

from cataloguing import marc, services
from cataloguing.constants import ItemStatus, RecordAction
from cataloguing.exceptions import ItemError
from cataloguing.models import BibliographicRecord, CatalogueDatabase, RecordChange
from cataloguing.signals import record_changed
from tests.cataloguing.factories import database, make_item, make_record, marc_record

pytestmark = pytest.mark.django_db


def test_eight_catalogue_databases_are_seeded_with_names_in_three_languages():
    codes = set(CatalogueDatabase.objects.values_list("code", flat=True))
    assert codes == {"fund", "foreign", "articles", "dissertations", "methodical", "periodicals", "e-resources", "rare"}
    for db in CatalogueDatabase.objects.all():
        assert all((db.name_kk, db.name_ru, db.name_en))
        assert db.creator_department.code == "cataloguing"


def test_library_fields_are_derived_from_the_marc_record():
    record = services.record_create_from_marc(
        marc_record=marc_record(control_number="KZ-1", title="Геология Казахстана :", isbn="978-601-323-101-3 (pbk.)",
                                extra=()), database=database())
    assert record.control_number == "KZ-1"
    assert record.title == "Геология Казахстана"
    assert record.first_author == "Сатпаев, Каныш Имантаевич"
    assert (record.place, record.publisher, record.year) == ("Алматы", "Ғылым", 2023)
    assert record.isbn == "9786013231013"
    assert record.udc == "55(574)"
    assert record.language == "rus"
    assert record.subjects == "Геология -- Казахстан"
    assert record.pages == 250


def test_editing_library_fields_rewrites_only_the_marc_fields_that_changed():
    record = services.record_create_from_marc(marc_record=marc_record(), database=database())
    services.record_save_fields(record=record, user=None, title="Жаңа атау", year=2024)
    stored = marc.record_from_json(record.marc, record.leader)
    assert stored["245"]["a"].startswith("Жаңа атау")
    assert stored["264"]["c"] == "2024"
    assert stored["008"].data[7:11] == "2024"
    # The author's relator term was not touched by a title edit.
    assert stored["100"]["e"] == "автор"
    assert marc.derive_fields(stored)["title"] == record.title == "Жаңа атау"


def test_new_record_typed_in_library_fields_gets_a_complete_marc_record():
    record = make_record(title="Тау-кен ісі", authors="Сәтбаев, Қаныш; Бектұров, Әбікен")
    stored = marc.record_from_json(record.marc, record.leader)
    assert stored["001"].data == record.control_number
    assert stored["100"]["a"] == "Сәтбаев, Қаныш"
    assert stored["700"]["a"] == "Бектұров, Әбікен"
    assert stored["998"]["a"] == "book"
    assert len(str(stored.leader)) == 24


def test_marc_view_lists_tags_indicators_and_subfields():
    record = make_record()
    rows = marc.marc_view(marc.record_from_json(record.marc, record.leader))
    assert rows[0]["tag"] == "LDR"
    title_row = next(r for r in rows if r["tag"] == "245")
    assert (title_row["ind1"], title_row["ind2"]) == ("1", "0")
    assert title_row["subfields"][0][0] == "a"


def test_every_change_is_kept_with_who_when_and_what(cataloguer):
    with freeze_time("2026-03-02 10:00"):
        record = make_record(user=cataloguer)
    with freeze_time("2026-03-05 11:30"):
        services.record_save_fields(record=record, user=cataloguer, udc="553.3(574)")
    history = list(record.changes.order_by("changed_at"))
    assert [h.action for h in history] == [RecordAction.CREATED, RecordAction.EDITED]
    edit = history[1]
    assert edit.user == cataloguer
    assert edit.changed_at.date() == date(2026, 3, 5)
    assert edit.changes["udc"] == ["553(574)", "553.3(574)"]
    assert "080" in edit.changes["marc_tags"]


def test_saving_without_a_change_adds_no_history_row(cataloguer):
    record = make_record(user=cataloguer)
    services.record_save_fields(record=record, user=cataloguer, title=record.title)
    assert record.changes.count() == 1


def test_edited_records_are_counted_per_period(cataloguer):
    with freeze_time("2026-01-10"):
        first, second = make_record(), make_record(title="Басқа кітап")
    with freeze_time("2026-02-01"):
        services.record_save_fields(record=first, user=cataloguer, year=2021)
        services.record_save_fields(record=first, user=cataloguer, year=2022)
    with freeze_time("2026-03-01"):
        services.record_save_fields(record=second, user=cataloguer, year=2019)
    assert RecordChange.objects.edited_record_count(date(2026, 2, 1), date(2026, 2, 28)) == 1
    assert RecordChange.objects.edited_record_count(date(2026, 1, 1), date(2026, 3, 31)) == 2
    assert RecordChange.objects.edited_record_count(date(2026, 1, 1), date(2026, 1, 31)) == 0


def test_a_change_sends_record_changed_after_commit(django_capture_on_commit_callbacks):
    received = []

    def listener(sender, record_ids, **kwargs):
        received.append((sender, record_ids))

    record_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            record = make_record()
        with django_capture_on_commit_callbacks(execute=True):
            services.record_save_fields(record=record, user=None, title="Өзгертілген")
    finally:
        record_changed.disconnect(listener)
    assert received == [(BibliographicRecord, [record.pk]), (BibliographicRecord, [record.pk])]


def test_a_record_breaking_a_rule_is_stored_flagged_and_a_save_that_corrects_it_clears_the_flag():
    record = make_record(isbn="9786013231010", publisher="")
    assert set(record.quality_flags) == {"bad_isbn", "no_publisher"}
    record = services.record_save_fields(record=record, user=None, isbn="9786013231013")
    assert list(record.quality_flags) == ["no_publisher"]
    record = services.record_save_fields(record=record, user=None, publisher="Ғылым")
    assert record.quality_flags is None
    assert not BibliographicRecord.objects.flagged().exists()


def test_inventory_number_is_never_reused():
    record = make_record()
    make_item(record, inventory_number="100001")
    with pytest.raises(ItemError):
        make_item(record, inventory_number="100001")


def test_item_gets_the_record_database_barcode_and_call_number():
    record = make_record(udc="622(075.8)", database_code="methodical", document_type="methodical",
                         subtitle="әдістемелік нұсқаулар")
    item = make_item(record, inventory_number="200001")
    assert item.database.code == "methodical"
    assert item.barcode == "200001"
    assert item.call_number == "622(075.8) С"
    assert item.status == ItemStatus.PROCESSING


def test_written_off_item_cannot_return_to_the_fund():
    item = make_item(make_record(), status=ItemStatus.WRITTEN_OFF)
    with pytest.raises(ItemError):
        services.item_change_status(item=item, status=ItemStatus.ON_SHELF)


def test_records_created_and_edited_are_counted_per_period_and_database(cataloguer):
    with freeze_time("2026-01-10"):
        record = make_record(database_code="articles", document_type="article", source="Тіл және қоғам",
                             authors="Ким, В. А.")
    with freeze_time("2026-02-10"):
        services.record_save_fields(record=record, user=cataloguer, year=2019)
    january, february = (date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 28))
    assert BibliographicRecord.objects.in_period(*january).count() == 1
    assert BibliographicRecord.objects.in_period(*february).count() == 0
    assert RecordChange.objects.filter(record__database__code="articles").edited_record_count(*february) == 1
    assert RecordChange.objects.filter(record__database__code="fund").edited_record_count(*february) == 0


@pytest.mark.parametrize("tags", [
    ["001", "003", "008", "245"],  # no 005: it goes after 003
    ["008", "245"],
    ["001"],  # only lower tags: appended
    [],
    ["001", "FMT", "245"],  # a local non-numeric tag stops the search, as in pymarc
])
def test_a_record_without_005_gets_it_where_pymarc_orders_it(tags):
    from pymarc import Field, Record

    def record() -> Record:
        built = Record()
        for tag in tags:
            built.add_field(Field(tag=tag, data="x") if tag < "010" else Field(tag=tag, subfields=[]))
        return built

    expected = record()
    expected.add_ordered_field(Field(tag="005", data="20261126040000.0"))
    stamped = record()
    marc._set_005(stamped, "20261126040000.0")
    assert [f.tag for f in stamped.fields] == [f.tag for f in expected.fields]
    assert stamped.get_fields("005")[0].data == "20261126040000.0"


def test_a_record_with_005_in_place_keeps_the_field_and_gets_the_new_moment():
    from pymarc import Field, Record

    stamped = Record()
    stamped.add_field(Field(tag="001", data="x"), Field(tag="005", data="19990101000000.0"), Field(tag="008", data="y"))
    kept = stamped.fields[1]
    marc._set_005(stamped, "20261126040000.0")
    assert stamped.fields[1] is kept
    assert kept.data == "20261126040000.0"
    assert len(stamped.get_fields("005")) == 1
