"""Taking a query apart: ISBN, UDC, words and quoted phrases."""

from __future__ import annotations

import pytest

from catalogue_search.query import isbn10_to_13, isbn13_to_10, parse_isbn, parse_query, parse_udc


@pytest.mark.parametrize("typed", ["978-601-7012-34-5", "9786017012345", "ISBN 978 601 7012 34 5",
                                   "isbn:978-601-7012-34-5"])
def test_isbn_13_with_or_without_hyphens_is_recognised(typed):
    assert parse_isbn(typed)[0] == "9786017012345"


def test_isbn_10_also_matches_its_13_digit_form():
    assert parse_isbn("5-02-013850-9") == ("5020138509", "9785020138506")


def test_isbn_13_also_matches_its_10_digit_form():
    assert parse_isbn("9785020138506") == ("9785020138506", "5020138509")


def test_isbn_conversions_compute_check_digits():
    assert isbn10_to_13("080442957X") == "9780804429573"
    assert isbn13_to_10("9780804429573") == "080442957X"
    assert isbn13_to_10("9791234567896") is None


def test_a_year_is_not_an_isbn_nor_a_udc():
    parsed = parse_query("2020")
    assert parsed.isbns == ()
    assert parsed.udc is None
    assert [w.folded for w in parsed.words] == ["2020"]


@pytest.mark.parametrize(("typed", "udc"), [
    ("004.42", "004.42"), ("УДК 622.276", "622.276"), ("udc 53", "53"), ("ӘОЖ 811.512.122", "811.512.122"),
    ("622.276:553.98", "622.276:553.98"),
])
def test_udc_prefixes_are_recognised(typed, udc):
    assert parse_udc(typed) == udc
    assert parse_query(typed).udc == udc


def test_words_keep_the_typed_form_and_the_fold():
    parsed = parse_query("Сәтбаев геология")
    assert [(w.raw, w.folded) for w in parsed.words] == [("сәтбаев", "satbaev"), ("геология", "geologia")]


def test_quoted_text_is_a_phrase():
    parsed = parse_query('история «Абай жолы»')
    assert [w.folded for w in parsed.words] == ["istoria"]
    assert [[w.folded for w in phrase] for phrase in parsed.phrases] == [["abai", "jol"]]  # «жол-ы»


def test_query_words_are_folded_to_their_kazakh_stem():
    parsed = parse_query("кітаптарының мектебі zertteuleri")
    assert [(w.raw, w.folded) for w in parsed.words] == [
        ("кітаптарының", "kitap"), ("мектебі", "mektep"), ("zertteuleri", "zerteu")]


def test_repeated_words_count_once_and_long_queries_are_cut():
    parsed = parse_query("kniga kniga " + " ".join(f"w{n}" for n in range(40)))
    assert len(parsed.words) == 12
    assert [w.folded for w in parsed.words].count("kniga") == 1


def test_empty_query_is_empty():
    assert parse_query("   ").is_empty
