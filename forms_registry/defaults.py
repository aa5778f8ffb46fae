"""Default parameters that name data, so that a form printed with the values offered prints something.

A new director who keeps the offered period should not get an empty register: a form that lists rows of a
model names them as a `DataSource`, and its period, year or document number defaults to one that has rows.
Each default costs one or two cheap queries (an existence check, or the largest value of an indexed field),
never the form's own report query. `forms_registry` imports no domain app: models are named by label.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from core.periods import calendar_year, period_filter, year_to_date


@dataclass(frozen=True)
class DataSource:
    """The rows a form lists: a model ("app_label.Model") and the field that places a row in a period (a date,
    a timestamp or an integer year), optionally narrowed by `filters` (pairs of lookup and value)."""

    model: str
    field: str
    filters: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, spec: str | DataSource) -> DataSource:
        """A source from "app_label.Model.field" (or a source given as is)."""
        if isinstance(spec, DataSource):
            return spec
        model, _, field = spec.rpartition(".")
        return cls(model, field)

    def queryset(self) -> QuerySet:
        queryset = apps.get_model(self.model)._default_manager.all()
        return queryset.filter(**dict(self.filters)) if self.filters else queryset

    def _field(self) -> models.Field:
        return apps.get_model(self.model)._meta.get_field(self.field)

    def _between(self, date_from: dt.date, date_to: dt.date) -> Q:
        field = self._field()
        if isinstance(field, models.DateTimeField):
            return period_filter(self.field, date_from, date_to)
        if isinstance(field, models.DateField):
            return Q(**{f"{self.field}__gte": date_from, f"{self.field}__lte": date_to})
        return Q(**{f"{self.field}__gte": date_from.year, f"{self.field}__lte": date_to.year})

    def has_rows(self, date_from: dt.date, date_to: dt.date) -> bool:
        return self.queryset().filter(self._between(date_from, date_to)).exists()

    def latest_day(self, until: dt.date) -> dt.date | None:
        """The last day up to `until` on which there is a row (for a year field, the last day of that year)."""
        field = self._field()
        latest = (self.queryset().filter(self._between(dt.date(1900, 1, 1), until))
                  .aggregate(latest=Max(self.field))["latest"])
        if latest is None:
            return None
        if isinstance(field, models.DateTimeField):
            return timezone.localdate(latest)
        if isinstance(field, models.DateField):
            return latest
        return min(calendar_year(int(latest))[1], until)


def default_period(source: str | DataSource | None, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """This year to date when it has rows; else the whole last calendar year that has them; else this year."""
    today = today or timezone.localdate()
    this_year = year_to_date(today)
    if source is None:
        return this_year
    data = DataSource.of(source)
    if data.has_rows(*this_year):
        return this_year
    latest = data.latest_day(today)
    return this_year if latest is None else calendar_year(latest.year)


def default_year(source: str | DataSource | None, today: dt.date | None = None) -> int:
    """This year when it has rows; else the last year that has them; else this year."""
    return default_period(source, today)[0].year


def latest_document(model: str, *, year_field: str = "year", number_field: str = "number",
                    filters: tuple[tuple[str, Any], ...] = ()) -> tuple[int, int] | None:
    """(year, number) of the last document of a model numbered within its year, or None when there is none."""
    queryset = apps.get_model(model)._default_manager.filter(
        **dict(filters), **{f"{year_field}__isnull": False, f"{number_field}__isnull": False})
    return queryset.order_by(f"-{year_field}", f"-{number_field}").values_list(year_field, number_field).first()


def latest_number(model: str, *, number_field: str = "number", filters: tuple[tuple[str, Any], ...] = ()) -> int | None:
    """The largest number (or id) of a model's documents, or None when there is none."""
    return apps.get_model(model)._default_manager.filter(**dict(filters)).aggregate(
        latest=Max(number_field))["latest"]
