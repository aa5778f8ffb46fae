"""Class numbers as the catalogue shows them find their records (issue 14.3): UDC with its signs
("94(574)"), with or without "УДК", and BBK numbers from MARC 084 ("63.3(5Каз)"). SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from catalogue_search.classification import bbk_numbers, class_key
from catalogue_search.models import SearchEntry
from catalogue_search.query import parse_query
from catalogue_search.selectors import search
from catalogue_search.services import reindex_records

from .factories import RecordFactory


def bbk_marc(*numbers: str, source: str = "rubbk") -> dict:
    return {"leader": "", "fields": [
        {"084": {"ind1": " ", "ind2": " ", "subfields": [{"a": number}, {"2": source}]}} for number in numbers
    ]}


@pytest.fixture
def classified(db):
    records = {
        "history": RecordFactory(title="Қазақстан тарихы", udc='94(574)"19"', marc=bbk_marc("63.3(5Каз)")),
        "history_old": RecordFactory(title="Ежелгі Қазақстан", udc="94(574).01"),
        "software": RecordFactory(title="Бағдарламалық қамтама", udc="004.42", marc=bbk_marc("32.973.26-018")),
        "economy": RecordFactory(title="Экономика", udc="33", marc=bbk_marc("65.9(5Каз)я73")),
        "grnti": RecordFactory(title="Геология", udc="55", marc=bbk_marc("38.15.00", source="rugasnti")),
    }
    reindex_records([r.pk for r in records.values()])
    return records


def found(query: str) -> set[int]:
    return {hit.record.pk for hit in search(query).hits}


@pytest.mark.parametrize("typed", ["94(574)", "УДК 94(574)", "ӘОЖ 94(574)", "udc 94(574)"])
def test_udc_with_its_signs_finds_the_records_below_it(classified, typed):
    assert found(typed) == {classified["history"].pk, classified["history_old"].pk}
    assert search(typed).mode == "class"


def test_dotted_udc_is_a_prefix(classified):
    assert found("004.4") == {classified["software"].pk}


@pytest.mark.parametrize("typed", ["63.3(5Каз)", "ББК 63.3(5Каз)", "63.3(5каз)", "КБЖ 63.3"])
def test_bbk_as_shown_finds_the_record(classified, typed):
    assert found(typed) == {classified["history"].pk}


def test_bbk_with_a_form_division(classified):
    assert found("65.9(5Каз)я73") == {classified["economy"].pk}


def test_bbk_query_does_not_search_udc_and_udc_query_not_bbk(classified):
    assert found("ББК 94(574)") == set()
    assert found("УДК 63.3") == set()


def test_other_schemes_in_084_are_not_bbk(classified):
    assert SearchEntry.objects.get(record=classified["grnti"]).bbk == ""
    assert found("38.15") == set()


def test_bbk_is_kept_as_a_key_in_the_entry(classified):
    assert SearchEntry.objects.get(record=classified["history"]).bbk == "63.3(5каз)"


def test_bbk_numbers_read_from_marc():
    marc = bbk_marc("63.3(5Каз)", "63.3(2)")
    assert bbk_numbers(marc) == ["63.3(5Каз)", "63.3(2)"]
    assert class_key(" 63.3 (5Каз) ") == "63.3(5каз)"


@pytest.mark.parametrize("typed", ["2020", "12-15", "lbcfoo"])
def test_numbers_without_a_class_form_stay_words(typed):
    assert not parse_query(typed).is_class_number


def test_class_number_search_reads_the_search_entry_only(classified, django_assert_max_num_queries):
    search("94(574)")  # warm the per-process database cache
    with django_assert_max_num_queries(2):
        search("94(574)")
