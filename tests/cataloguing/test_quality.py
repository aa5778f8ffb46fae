"""Quality control: checksums, year range, UDC syntax, mandatory fields; duplicates and their merge."""

from __future__ import annotations

import pytest

from cataloguing import services
from cataloguing.constants import DocumentType, RecordAction
from cataloguing.exceptions import MergeNotAllowed
from cataloguing.models import BibliographicRecord, Item, RecordChange
from cataloguing.validators import (
    REQUIRED_FIELDS,
    isbn_is_valid,
    issn_is_valid,
    udc_is_valid,
    validate_fields,
    year_is_valid,
)
from tests.cataloguing.factories import make_item, make_record


@pytest.mark.parametrize("isbn", ["0-306-40615-2", "0306406152", "080442957X", "978-601-323-101-3", "9780306406157"])
def test_isbn_with_a_right_check_digit_is_valid(isbn):
    assert isbn_is_valid(isbn)


@pytest.mark.parametrize("isbn", ["0-306-40615-3", "0806442957X", "9786013231010", "9770306406157", "12345", "",
                                  "978030640615²", "03064061²2"])
def test_isbn_with_a_wrong_check_digit_or_length_is_invalid(isbn):
    assert not isbn_is_valid(isbn)


@pytest.mark.parametrize("issn", ["0317-8471", "2224-5278", "2434-561X", "0741-9058"])
def test_issn_with_a_right_check_character_is_valid(issn):
    assert issn_is_valid(issn)


@pytest.mark.parametrize("issn", ["0317-8472", "2224-527", "2434-5610", "", "031²-8471"])
def test_issn_with_a_wrong_check_character_is_invalid(issn):
    assert not issn_is_valid(issn)


def test_year_must_lie_between_1500_and_next_year():
    assert year_is_valid(1500)
    assert not year_is_valid(1499)
    assert not year_is_valid(2999)


@pytest.mark.parametrize("udc", ["004.738.5", "622.276(574)", "82-3", "378:004", "811.512.122'373",
                                 "94(574)\"19\"", "51(075.8)", "004.85:553", "55(574)(084.3)(0.034)", "622+669"])
def test_udc_index_with_a_valid_syntax_is_accepted(udc):
    assert udc_is_valid(udc)


@pytest.mark.parametrize("udc", ["", "abc", "004..5", "0047.38", "(574", "622.", ".622", "6221:"])
def test_udc_index_with_a_wrong_syntax_is_refused(udc):
    assert not udc_is_valid(udc)


@pytest.mark.parametrize("document_type", list(REQUIRED_FIELDS))
def test_each_document_type_has_its_mandatory_fields(document_type):
    errors = validate_fields({"title": "Атауы", "control_number": "X1", "document_type": document_type})
    for field in REQUIRED_FIELDS[document_type]:
        assert field in errors, field


def test_article_needs_its_host_journal_but_not_a_publisher():
    errors = validate_fields({"title": "Мақала", "control_number": "X2", "document_type": DocumentType.ARTICLE,
                              "authors": "Ким, В. А.", "year": 2020, "language": "rus"})
    assert list(errors) == ["source"]


@pytest.mark.django_db
def test_same_isbn_is_a_duplicate():
    # A new record whose ISBN is catalogued is refused (or, imported, updates that record): two records share an
    # ISBN only when an edit gives one the other's.
    first = make_record(isbn="978-601-323-101-3")
    second = make_record(title="Мүлдем басқа атау")
    services.record_save_fields(record=second, user=None, isbn="9786013231013")
    assert list(services.find_duplicates(second)) == [first]


@pytest.mark.django_db
def test_same_normalised_title_first_author_and_year_is_a_duplicate():
    first = make_record(title="Қазақстанның пайдалы қазбалары!", authors="Сәтбаев, Қ. И.", year=2020)
    second = make_record(title="ҚАЗАҚСТАННЫҢ  пайдалы қазбалары", authors="Сәтбаев, Қаныш", year=2020)
    other_year = make_record(title="Қазақстанның пайдалы қазбалары", authors="Сәтбаев, Қаныш", year=2021)
    assert list(services.find_duplicates(second)) == [first]
    assert other_year not in services.find_duplicates(first)


@pytest.mark.django_db
def test_merge_moves_items_and_keeps_both_histories(cataloguer, django_capture_on_commit_callbacks):
    keep = make_record(user=cataloguer)
    duplicate = make_record(title="Қазақстанның пайдалы қазбалары", user=cataloguer)
    services.record_save_fields(record=duplicate, user=cataloguer, udc="553.3")
    make_item(keep, inventory_number="500001")
    make_item(duplicate, inventory_number="500002")
    make_item(duplicate, inventory_number="500003")
    duplicate_number, duplicate_pk = duplicate.control_number, duplicate.pk

    services.record_merge(keep=keep, duplicate=duplicate, user=cataloguer)

    assert not BibliographicRecord.objects.filter(pk=duplicate_pk).exists()
    assert sorted(keep.items.values_list("inventory_number", flat=True)) == ["500001", "500002", "500003"]
    history = RecordChange.objects.filter(record=keep)
    assert history.filter(control_number=duplicate_number, action=RecordAction.EDITED).exists()
    assert history.filter(control_number=duplicate_number, action=RecordAction.CREATED).exists()
    assert history.filter(control_number=keep.control_number, action=RecordAction.CREATED).exists()
    merged = history.get(action=RecordAction.MERGED)
    assert merged.user == cataloguer
    assert merged.changes["duplicate"]["control_number"] == duplicate_number
    assert merged.changes["items_moved"] == 2
    assert Item.objects.filter(record_id=duplicate_pk).count() == 0


@pytest.mark.django_db
def test_a_record_cannot_be_merged_with_itself(cataloguer):
    record = make_record()
    with pytest.raises(MergeNotAllowed):
        services.record_merge(keep=record, duplicate=record, user=cataloguer)


@pytest.mark.django_db
def test_merge_moves_links_other_apps_declared_without_a_reverse_name(cataloguer):
    """A PROTECT link with related_name="+" (circulation's refusal log) follows the record kept."""
    from circulation.models import Refusal

    keep, duplicate = make_record(), make_record()
    refusal = Refusal.objects.create(record=duplicate, reason=Refusal._meta.get_field("reason").choices[0][0])
    services.record_merge(keep=keep, duplicate=duplicate, user=cataloguer)
    refusal.refresh_from_db()
    assert refusal.record_id == keep.pk
    assert not BibliographicRecord.objects.filter(pk=duplicate.pk).exists()
