from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def count_of(counts, key: str) -> int:
    """A figure of a Counter by its key (0 when absent), for the columns of the printed logs."""
    return counts.get(key, 0) if counts else 0
