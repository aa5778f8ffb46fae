"""Template filters of numbers as people read them (core.numbers): `{{ total|amount }}` → "7 800,00",
`{{ count|grouped }}` → "12 345", `{{ total|amount_in_words }}` → "Жеті мың сегіз жүз теңге 00 тиын".
A value that is no number is printed as it is (a filter never breaks a page)."""

from __future__ import annotations

from django import template

from .. import numbers

register = template.Library()


@register.filter
def grouped(value, decimals: int = 0) -> str:
    try:
        return numbers.format_number(value, int(decimals))
    except ValueError:
        return value


@register.filter
def amount(value) -> str:
    try:
        return numbers.format_amount(value)
    except ValueError:
        return value


@register.filter
def amount_in_words(value) -> str:
    try:
        return numbers.amount_in_words_kk(value)
    except ValueError:
        return value
