"""Typed parsers of ids in request parameters: a value that cannot be an id answers 404, never a 500.

Views that read an id or a number from `request.GET`/`request.POST` by hand go through these instead of handing
the raw string to the ORM (where `abc` raises ValueError and 10^20 overflows the column) or to `int()`.
An id that cannot name a row is a 404: nothing has that id, as with an id that names no row.
"""

from __future__ import annotations

import re

from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

# The largest value of a bigint primary key (PostgreSQL and SQLite alike); larger ids name nothing.
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value: str | None) -> int | None:
    """An object id written in a parameter: None when missing or empty, Http404 when it cannot be an id."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    # Only ASCII digits: int() would also take "+5", " 5", "٥" and "1_0", none of which a page ever sends.
    if not _DIGITS.fullmatch(value) or not 0 < int(value) <= MAX_ID:
        raise Http404(_("No object has the id %(id)s.") % {"id": value[:40]})
    return int(value)


def get_id(data: QueryDict, name: str) -> int | None:
    """The id in parameter `name` (last value), None when absent or empty, Http404 when it is not an id."""
    return parse_id(data.get(name))


def get_ids(data: QueryDict, name: str) -> list[int]:
    """Every id given in the repeated parameter `name` (empty values skipped); Http404 when one is not an id."""
    return [pk for pk in (parse_id(value) for value in data.getlist(name)) if pk is not None]

