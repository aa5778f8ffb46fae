"""The academic calendar circulation needs: the academic year of a day, the end of its semester and year."""

from __future__ import annotations

import datetime as dt

from .constants import ACADEMIC_YEAR_END, ACADEMIC_YEAR_START_MONTH, SEMESTER_ENDS


def academic_year_of(day: dt.date) -> int:
    """The starting calendar year of the academic year containing `day` (2026 for 2026/2027)."""
    return day.year if day.month >= ACADEMIC_YEAR_START_MONTH else day.year - 1


def academic_year_label(year: int) -> str:
    return f"{year}/{year + 1}"


def academic_year_end(day: dt.date) -> dt.date:
    month, dd = ACADEMIC_YEAR_END
    return dt.date(academic_year_of(day) + 1, month, dd)


def semester_end(day: dt.date) -> dt.date:
    """The last day of the semester containing `day` (the nearest semester end on or after it)."""
    candidates = sorted(
        dt.date(year, month, dd) for year in (day.year, day.year + 1) for month, dd in SEMESTER_ENDS
    )
    return next(end for end in candidates if end >= day)
