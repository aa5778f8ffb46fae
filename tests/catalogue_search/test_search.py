"""Search by title, author, subject, ISBN and UDC; facets; availability (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import pytest

from catalogue_search.selectors import SearchFilters, search
from catalogue_search.services import reindex_records

from .factories import RecordFactory


def found(result):
    return {hit.record.pk for hit in result.hits}


def test_title_word_finds_the_record(catalogue):
    assert found(search("металлургии")) == {catalogue["book_ru"].pk}


def test_author_finds_the_record(catalogue):
    assert catalogue["satbayev"].pk in found(search("Жұмабаев"))


def test_subject_finds_the_record(catalogue):
    assert found(search("Mining")) >= {catalogue["mining_en"].pk}


def test_annotation_word_finds_the_record(catalogue):
    assert found(search("underground")) == {catalogue["mining_en"].pk}


@pytest.mark.parametrize("typed", ["978-601-7012-34-5", "9786017012345", "ISBN 978 601 70123 45"])
def test_isbn_with_or_without_hyphens_hits_directly(catalogue, typed):
    result = search(typed)
    assert result.mode == "isbn"
    assert found(result) == {catalogue["satbayev"].pk}


def test_isbn_10_finds_the_record_catalogued_with_it_by_its_13_digit_form(catalogue):
    assert found(search("978-0-8044-2957-3")) == {catalogue["mining_en"].pk}


def test_udc_prefix_finds_every_record_below_it(catalogue):
    result = search("622.276")
    assert result.mode == "class"
    assert found(result) == {catalogue["mining_en"].pk, catalogue["oil"].pk}


def test_udc_with_prefix_word(catalogue):
    assert found(search("УДК 669")) == {catalogue["book_ru"].pk}


def test_kazakh_name_typed_in_latin_finds_the_cyrillic_record(catalogue):
    for spelling in ("Сәтбаев", "Sätbaev", "Satbayev", "Satbaev"):
        assert found(search(spelling)) == {catalogue["satbayev"].pk}, spelling


def test_russian_name_typed_in_latin_finds_the_cyrillic_record(catalogue):
    assert found(search("Ivanov")) == {catalogue["book_ru"].pk, catalogue["mining_en"].pk}


def test_all_words_must_match(catalogue):
    assert found(search("Ivanov mining")) == {catalogue["mining_en"].pk}


def test_title_match_ranks_above_annotation_match(catalogue):
    result = search("Сәтбаев")
    assert result.hits[0].record.pk == catalogue["satbayev"].pk


def test_hyphenated_title_is_found_by_either_half_and_the_joined_form(catalogue):
    assert catalogue["oil"].pk in found(search("газ"))
    assert catalogue["oil"].pk in found(search("мұнайгаз"))


def test_nothing_found_gives_an_empty_result(catalogue):
    result = search("квазар")
    assert result.hits == []
    assert result.total == 0


def test_empty_query_browses_the_newest_records_first_with_facets(catalogue):
    result = search("")
    assert result.mode == "browse"
    assert [hit.record.pk for hit in result.hits] == sorted((r.pk for r in catalogue.values()), reverse=True)
    assert {value.value for value in result.facets["language"]} == {"kaz", "rus", "eng"}


def test_empty_query_pages_through_the_catalogue(db):
    records = RecordFactory.create_batch(25)
    reindex_records([r.pk for r in records])
    first, second = search("", page=1), search("", page=2)
    assert (first.total, first.num_pages, len(first.hits), len(second.hits)) == (25, 2, 20, 5)
    assert second.hits[-1].record == records[0]


def test_filters_alone_browse_the_catalogue(catalogue):
    result = search("", filters=SearchFilters(language="kaz"))
    assert result.mode == "browse"
    assert found(result) == {catalogue["satbayev"].pk, catalogue["oil"].pk}


def test_database_filter(catalogue):
    result = search("Ivanov", filters=SearchFilters(database="foreign"))
    assert found(result) == {catalogue["mining_en"].pk}


def test_year_filters(catalogue):
    assert found(search("", filters=SearchFilters(year=2021))) == {catalogue["mining_en"].pk, catalogue["oil"].pk}
    assert found(search("", filters=SearchFilters(year_from=2016, year_to=2020))) == {catalogue["satbayev"].pk}


def test_document_type_filter(catalogue):
    assert found(search("", filters=SearchFilters(document_type="textbook"))) == {catalogue["book_ru"].pk}


def test_available_filter_keeps_records_with_a_copy_on_the_shelf(catalogue):
    assert found(search("", filters=SearchFilters(available=True))) == {catalogue["satbayev"].pk}


def test_facets_count_the_matches(catalogue):
    result = search("", filters=SearchFilters(year_from=2000))
    facets = {name: {v.value: v.count for v in values} for name, values in result.facets.items()}
    assert facets["database"] == {"fund": 2, "methodical": 1, "foreign": 1}
    assert facets["year"] == {"2021": 2, "2019": 1, "2015": 1}
    assert facets["language"] == {"kaz": 2, "rus": 1, "eng": 1}
    assert facets["document_type"] == {"book": 3, "textbook": 1}
    assert facets["available"] == {"1": 1}


def test_selected_facet_value_is_marked(catalogue):
    result = search("", filters=SearchFilters(language="kaz"))
    assert [v.value for v in result.facets["language"] if v.selected] == ["kaz"]


def test_availability_per_record(catalogue):
    hits = {hit.record.pk: hit for hit in search("", filters=SearchFilters(year_from=2000)).hits}
    satbayev = hits[catalogue["satbayev"].pk]
    assert (satbayev.available_count, satbayev.items_count, satbayev.is_available) == (1, 2, True)
    book = hits[catalogue["book_ru"].pk]
    assert (book.available_count, book.items_count, book.is_available) == (0, 1, False)
    # A written-off copy is no longer part of the fund.
    assert hits[catalogue["mining_en"].pk].items_count == 0


def test_pages(catalogue):
    first = search("", filters=SearchFilters(year_from=2000), page_size=3)
    second = search("", filters=SearchFilters(year_from=2000), page=2, page_size=3)
    assert (first.num_pages, len(first.hits), len(second.hits)) == (2, 3, 1)
    assert not found(first) & found(second)
    assert second.first_index == 4


def test_page_beyond_the_last_shows_the_last(catalogue):
    result = search("", filters=SearchFilters(year_from=2000), page=99, page_size=3)
    assert result.page == 2
