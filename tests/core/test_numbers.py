"""Numbers as people read them (core.numbers and its template filters)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.numbers import (
    amount_in_words_kk,
    format_amount,
    format_number,
    natural_key,
    number_in_words_kk,
    number_ranges,
)

NBSP = "\xa0"


def test_kazakh_amount_has_grouped_thousands_and_decimal_comma():
    with translation.override("kk"):
        assert format_amount(Decimal("7800")) == f"7{NBSP}800,00"
        assert format_amount(1234567.5) == f"1{NBSP}234{NBSP}567,50"


def test_amount_follows_the_active_language():
    with translation.override("ru"):
        assert format_amount(7800) == f"7{NBSP}800,00"
    with translation.override("en"):
        assert format_amount(7800) == "7,800.00"


def test_amount_is_rounded_half_up_not_cut():
    with translation.override("kk"):
        assert format_amount(Decimal("1.995")) == "2,00"
        assert format_amount(Decimal("1.994")) == "1,99"
        assert format_amount("-0.005") == "-0,01"


def test_count_is_grouped_without_decimals():
    with translation.override("kk"):
        assert format_number(12345) == f"12{NBSP}345"
        assert format_number(999) == "999"


def test_missing_number_prints_nothing():
    assert format_number(None) == ""
    assert format_amount("") == ""


def test_text_that_is_no_number_is_refused():
    with pytest.raises(ValueError, match="not a number"):
        format_amount("abc")


@pytest.mark.parametrize(("value", "words"), [
    (0, "нөл"),
    (7, "жеті"),
    (15, "он бес"),
    (40, "қырық"),
    (100, "бір жүз"),
    (250, "екі жүз елу"),
    (1000, "бір мың"),
    (7800, "жеті мың сегіз жүз"),
    (2_000_019, "екі миллион он тоғыз"),
    (1_001_000_000, "бір миллиард бір миллион"),
])
def test_number_in_kazakh_words(value, words):
    assert number_in_words_kk(value) == words


def test_amount_in_kazakh_words_has_tenge_and_tiyn():
    assert amount_in_words_kk(Decimal("7800")) == "Жеті мың сегіз жүз теңге 00 тиын"
    assert amount_in_words_kk("1234.505") == "Бір мың екі жүз отыз төрт теңге 51 тиын"
    assert amount_in_words_kk(0) == "Нөл теңге 00 тиын"


def test_number_filters_format_and_leave_text_alone():
    template = Template(
        "{% load kitaphana_numbers %}{{ a|amount }}|{{ n|grouped }}|{{ a|amount_in_words }}|{{ t|amount }}")
    with translation.override("kk"):
        text = template.render(Context({"a": Decimal("7800"), "n": 12345, "t": "—"}))
    assert text == f"7{NBSP}800,00|12{NBSP}345|Жеті мың сегіз жүз теңге 00 тиын|—"


def test_issue_numbers_are_listed_as_ranges_of_three_or_more():
    assert number_ranges([*range(1, 13), 14, *range(20, 25)]) == "1–12, 14, 20–24"
    assert number_ranges([5, 6, 9]) == "5, 6, 9"
    assert number_ranges([]) == ""


def test_inventory_numbers_sort_by_the_value_of_their_numbers():
    assert sorted(["Б1-10", "Б1-2", "Б2-1", "Б1-1"], key=natural_key) == ["Б1-1", "Б1-2", "Б1-10", "Б2-1"]
    assert sorted(["100", "20", "3"], key=natural_key) == ["3", "20", "100"]
