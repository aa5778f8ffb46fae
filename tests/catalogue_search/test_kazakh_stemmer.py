"""Kazakh inflection folded away for search (issue 21, item 1): the stem of a word form, in any script, is the
stem of its dictionary form; Russian and English words keep apart."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from catalogue_search.kazakh import devoice, stem
from catalogue_search.normalize import fold, fold_document, search_words

DATA = Path(__file__).parent / "data"


def _pairs(name: str) -> list[tuple[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


KAZAKH_FORMS = _pairs("kazakh_word_forms.tsv")
RUSSIAN_ENGLISH = _pairs("russian_english_words.tsv")


def _key(word: str) -> str:
    return " ".join(search_words(word))


def test_the_word_form_list_is_large_enough_to_measure():
    assert len(KAZAKH_FORMS) >= 300
    assert len({lemma for _form, lemma in KAZAKH_FORMS}) >= 80


def test_at_least_95_percent_of_kazakh_word_forms_are_stemmed_to_the_expected_stem():
    # The expected stem is the dictionary form folded; b/g at its end are the stem's p/k («мектеб-і»).
    wrong = [(form, _key(form), devoice(fold(lemma))) for form, lemma in KAZAKH_FORMS
             if _key(form) != devoice(fold(lemma))]
    assert len(wrong) / len(KAZAKH_FORMS) <= 0.05, wrong


def test_almost_every_kazakh_word_form_meets_its_dictionary_form_on_one_key():
    # What search needs: the form and the dictionary form a reader types find each other.
    apart = [(form, lemma) for form, lemma in KAZAKH_FORMS if _key(form) != _key(lemma)]
    assert len(apart) / len(KAZAKH_FORMS) <= 0.02, apart


@pytest.mark.parametrize(("form", "lemma"), [
    ("кітаптарының", "кітап"),      # plural + possessive + genitive
    ("мектебі", "мектеп"),          # п → б before a vowel
    ("зерттеулері", "зерттеу"),     # plural + possessive after -у
    ("жүрегі", "жүрек"),            # к → г
    ("Қазағы", "қазақ"),            # қ → ғ
    ("құқығының", "құқық"),
    ("Қазақстандағы", "Қазақстан"),  # -дағы, and -стан is not an ablative
    ("Қазақстанның", "Қазақстан"),  # a doubled consonant at the boundary
    ("шығармашылығы", "шығарма"),   # -шы + -лық + possessive
    ("экономикалық", "экономика"),
    ("өлеңдерін", "өлең"),
    ("негізінде", "негіз"),
])
def test_inflected_kazakh_word_has_its_dictionary_forms_stem(form, lemma):
    assert _key(form) == _key(lemma)


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("кітаптарының", "kitaptarynyñ"),       # 2021 alphabet
    ("кітаптарының", "kitaptarynyn"),       # ad hoc
    ("Қазақстанның", "Qazaqstannyñ"),
    ("зерттеулері", "zertteuleri"),
    ("мектебі", "mektebi"),
    ("шығармалары", "shygarmalary"),
    ("Республикасының", "Respublikasynyñ"),
    ("жүйесі", "zhuiesi"),
])
def test_kazakh_inflection_is_stemmed_alike_in_cyrillic_and_latin(cyrillic, latin):
    assert _key(cyrillic) == _key(latin)


def test_russian_and_english_words_are_not_falsely_conflated():
    # Different dictionary forms whose folds differ must not meet on one stem. The measured few (Russian
    # «масса»/«мастер», «калина»/«Калинин») stay under 2 % of the list.
    by_key: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for word, lemma in RUSSIAN_ENGLISH:
        by_key[_key(word)].add((lemma, fold(word)))
    conflated = [sorted(group) for group in by_key.values()
                 if len({lemma for lemma, _fold in group}) > 1 and len({f for _lemma, f in group}) > 1]
    words_involved = sum(len(group) for group in conflated)
    assert words_involved / len(RUSSIAN_ENGLISH) <= 0.02, conflated


def test_short_words_are_left_alone():
    short = [word for word, _lemma in RUSSIAN_ENGLISH + KAZAKH_FORMS if len(fold(word)) <= 3]
    assert short
    assert all(_key(word) == fold(word) for word in short)


@pytest.mark.parametrize("word", ["компьютер", "математика", "физика", "библиотека", "Бухгалтер", "лидер",
                                  "доллар", "computer", "reader", "leader"])
def test_russian_and_english_words_not_shaped_like_a_kazakh_ending_are_kept_whole(word):
    # The ending's first sound must suit the one before it («кітап-тар», «бала-лар»): «компью-тер» does not.
    assert _key(word) == fold(word)


def test_numbers_and_other_alphabets_are_not_stemmed():
    assert stem("2020") == "2020"
    assert stem("αβγδεζ") == "αβγδεζ"


def test_index_and_query_read_the_same_stems():
    assert fold_document("Қазақстан тарихының мәселелері") == " ".join(search_words("қазақстан тарихы мәселе"))
