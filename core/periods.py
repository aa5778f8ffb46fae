"""Report periods given as the library's local dates, turned into ranges of aware timestamps.

A filter such as `issued_at__date__gte=day` compares a function of the column (its local date), which no index
on the column can serve: a period report then reads the whole table. The same period as a range of instants,
`issued_at >= start of date_from` and `< start of the day after date_to`, uses the column's index and counts
the same rows (the days are the current time zone's, as `__date` uses).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

# Days whose local bounds cannot be turned into UTC instants (a time zone east or west of UTC moves them
# past datetime.min or datetime.max).
CALENDAR_EDGES = (dt.date.min + dt.timedelta(days=1), dt.date.max - dt.timedelta(days=1))


def day_start(day: dt.date) -> dt.datetime:
    """The first instant of a local day (current time zone), aware."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """A local day as an aware [start, end) range."""
    return day_start(day), day_start(day + dt.timedelta(days=1))


def period_filter(field: str, date_from: dt.date | None, date_to: dt.date | None) -> Q:
    """Rows whose timestamp `field` (a lookup path to a DateTimeField) falls on a local day from `date_from` to
    `date_to`, both included; a missing bound leaves that side open."""
    condition = Q()
    # A bound on the first or last day of the calendar (0001-01-01, 9999-12-31, typed or sent by a probe) is
    # no bound: its instant in UTC, or the day after it, falls outside what datetime can hold.
    if date_from is not None and date_from > CALENDAR_EDGES[0]:
        condition &= Q(**{f"{field}__gte": day_start(date_from)})
    if date_to is not None and date_to < CALENDAR_EDGES[1]:
        condition &= Q(**{f"{field}__lt": day_start(date_to + dt.timedelta(days=1))})
    return condition


def year_to_date(today: dt.date) -> tuple[dt.date, dt.date]:
    """From the first of January to `today`, both included: the period a report of "this year" covers."""
    return today.replace(month=1, day=1), today


def calendar_year(year: int) -> tuple[dt.date, dt.date]:
    """A whole calendar year, both ends included."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
