"""Dates inside sentences (issue 21, item 4). Kazakh inflects the month name for the case a word governs: «дейін»
(until) takes the dative, «2026 жылғы 3 желтоқсанға дейін», while Django's Kazakh long date is the nominative
heading form «2026 ж. 3 желтоқсан». Russian and English need nothing of the kind: their long date ("3 декабря
2026 г.") is already the form a sentence needs. Pure functions, no database.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, translation

# Nominative, lower case, and the dative ending each takes by vowel harmony and the last sound (ға/ге, қа/ке).
_MONTHS_KK = (
    ("қаңтар", "ға"), ("ақпан", "ға"), ("наурыз", "ға"), ("сәуір", "ге"), ("мамыр", "ға"), ("маусым", "ға"),
    ("шілде", "ге"), ("тамыз", "ға"), ("қыркүйек", "ке"), ("қазан", "ға"), ("қараша", "ға"), ("желтоқсан", "ға"),
)


def kazakh_date_dative(day: dt.date) -> str:
    """«2026 жылғы 3 желтоқсанға»: the date as «дейін» (until) governs it."""
    month, ending = _MONTHS_KK[day.month - 1]
    return f"{day.year} жылғы {day.day} {month}{ending}"


def until_date(day: dt.date | dt.datetime | None) -> str:
    """The day in a sentence saying "until <day>", in the active language's own form: Kazakh messages write
    «%(date)s дейін», so they get the dative; other languages get their long date. Empty for None."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = day.date()
    if translation.get_language() == "kk":
        return kazakh_date_dative(day)
    return formats.date_format(day)
