"""Example parameters: the values a form is offered with on its page and rendered with by `forms render-all`.

A new director who keeps the values offered should get a filled form, never "no data": each app gives the
registration of its form an `example` function that reads its own rows (the newest document of its kind, the
period or year that has rows) and returns the parameters. These helpers take the app's querysets, so
`forms_registry` imports no domain app and resolves no model by name. Each costs one or two cheap queries (an
existence check, or the largest value of an indexed field), never the form's own report query.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from core.periods import calendar_year, period_filter, year_to_date


def _field(queryset: QuerySet, name: str) -> models.Field:
    return queryset.model._meta.get_field(name)


def _between(queryset: QuerySet, name: str, date_from: dt.date, date_to: dt.date) -> Q:
    field = _field(queryset, name)
    if isinstance(field, models.DateTimeField):
        return period_filter(name, date_from, date_to)
    if isinstance(field, models.DateField):
        return Q(**{f"{name}__gte": date_from, f"{name}__lte": date_to})
    # An integer year.
    return Q(**{f"{name}__gte": date_from.year, f"{name}__lte": date_to.year})


def _latest_day(queryset: QuerySet, name: str, until: dt.date) -> dt.date | None:
    """The last day up to `until` with a row (for a year field, the last day of that year)."""
    latest = queryset.filter(_between(queryset, name, dt.date(1900, 1, 1), until)).aggregate(
        latest=Max(name))["latest"]
    if latest is None:
        return None
    field = _field(queryset, name)
    if isinstance(field, models.DateTimeField):
        return timezone.localdate(latest)
    if isinstance(field, models.DateField):
        return latest
    return min(calendar_year(int(latest))[1], until)


def period_with_rows(queryset: QuerySet, field: str, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """This year to date when `queryset` has rows in it (by `field`: a timestamp, a date or an integer year);
    else the whole last calendar year that has rows; else this year to date."""
    today = today or timezone.localdate()
    this_year = year_to_date(today)
    if queryset.filter(_between(queryset, field, *this_year)).exists():
        return this_year
    latest = _latest_day(queryset, field, today)
    return this_year if latest is None else calendar_year(latest.year)


def period_example(queryset: QuerySet, field: str, today: dt.date | None = None) -> dict[str, dt.date]:
    """`period_with_rows` as the usual "date_from" / "date_to" parameters."""
    date_from, date_to = period_with_rows(queryset, field, today)
    return {"date_from": date_from, "date_to": date_to}


def year_with_rows(queryset: QuerySet, field: str, today: dt.date | None = None) -> int:
    """This year when it has rows; else the last year that has them; else this year."""
    return period_with_rows(queryset, field, today)[0].year


def newest(queryset: QuerySet, *fields: str) -> tuple[Any, ...] | None:
    """The values of `fields` of the newest row, the one last in the order of `fields` (a document numbered
    within its year: "year", "number"); None when there is no row."""
    present = queryset.filter(**{f"{name}__isnull": False for name in fields})
    return present.order_by(*(f"-{name}" for name in fields)).values_list(*fields).first()


def document_example(queryset: QuerySet, *, year_field: str = "year", number_field: str = "number"
                     ) -> dict[str, Any] | None:
    """The "year" / "number" parameters of the newest document of `queryset`, or None when there is none."""
    document = newest(queryset, year_field, number_field)
    return {"year": document[0], "number": document[1]} if document else None


def number_example(queryset: QuerySet, *, name: str = "number", field: str = "pk") -> dict[str, Any] | None:
    """The parameter `name` as the newest row's `field` (its number, or its id), or None when there is none."""
    value = queryset.aggregate(latest=Max(field))["latest"]
    return None if value is None else {name: value}
