"""Template filters of dates inside sentences (core.dates): `{{ code.valid_until|until_date }}` → «2026 жылғы
3 желтоқсанға» in Kazakh (read before «дейін»), "3 декабря 2026 г." in Russian."""

from __future__ import annotations

from django import template

from .. import dates

register = template.Library()


@register.filter
def until_date(value) -> str:
    try:
        return dates.until_date(value)
    except (AttributeError, TypeError):
        return value
