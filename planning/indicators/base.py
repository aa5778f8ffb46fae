"""The registry of the effectiveness indicators (QP 607-2023, section 7) and the ways a figure is counted.

An indicator has a code, a label in the three languages, the sub-process it measures and a source: either a
`Measure` (rows of one model counted, counted distinct or summed over a date path, which planning counts for
several periods in one query), or a function `(date_from, date_to) -> figure` that calls the owning app's
selector (the app's own rule, so the app's page and the KPI never drift apart). Each source is written with
its definition beside it.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import get_language

from core.periods import period_filter

Figure = int | Decimal | None
Period = tuple[dt.date, dt.date]


def _path_field(model: type[models.Model], path: str) -> models.Field:
    """The field at the end of a "relation__field" path."""
    current, found = model, None
    for part in path.split("__"):
        found = current._meta.get_field(part)
        current = found.related_model
    return found


def _is_timestamp(model: type[models.Model], path: str) -> bool:
    return isinstance(_path_field(model, path), models.DateTimeField)


def in_period(model: type[models.Model], date_path: str, date_from: dt.date | None, date_to: dt.date | None) -> Q:
    """Rows whose `date_path` falls in the period: a range of instants for a timestamp (its index serves it)."""
    if _is_timestamp(model, date_path):
        return period_filter(date_path, date_from, date_to)
    condition = Q()
    if date_from is not None:
        condition &= Q(**{f"{date_path}__gte": date_from})
    if date_to is not None:
        condition &= Q(**{f"{date_path}__lte": date_to})
    return condition


@dataclass(frozen=True)
class Measure:
    """Rows of `model` whose `date_path` falls in a period: counted, counted distinct by `field`, or `field`
    summed. Several periods are counted in one query (one conditional aggregate per period)."""

    model: type[models.Model]
    date_path: str
    filters: dict[str, Any] = field(default_factory=dict)
    how: str = "count"  # "count", "distinct" or "sum"
    field: str = "pk"

    def values(self, periods: Sequence[Period]) -> list[int]:
        rows = self.model._default_manager.filter(**self.filters).filter(
            in_period(self.model, self.date_path, min(p[0] for p in periods), max(p[1] for p in periods)))
        aggregates = {}
        for index, (date_from, date_to) in enumerate(periods):
            condition = in_period(self.model, self.date_path, date_from, date_to)
            if self.how == "sum":
                aggregates[f"p{index}"] = Sum(self.field, filter=condition)
            else:
                aggregates[f"p{index}"] = Count(self.field, filter=condition, distinct=self.how == "distinct")
        result = rows.aggregate(**aggregates)
        return [result[f"p{index}"] or 0 for index in range(len(periods))]


def rows(model: type[models.Model], date_path: str, **filters) -> Measure:
    """The rows of the period, counted."""
    return Measure(model, date_path, filters)


def distinct(model: type[models.Model], field_path: str, date_path: str, **filters) -> Measure:
    """The distinct values of `field_path` among the rows of the period."""
    return Measure(model, date_path, filters, "distinct", field_path)


def total(model: type[models.Model], field_path: str, date_path: str, **filters) -> Measure:
    """The sum of `field_path` over the rows of the period."""
    return Measure(model, date_path, filters, "sum", field_path)


# --- figures several indicators read from one selector call ------------------------------------------------------

_shared: contextvars.ContextVar[dict | None] = contextvars.ContextVar("kpi_shared", default=None)


def shared(key: tuple, compute: Callable[[], Any]) -> Any:
    """A selector's answer computed once per table (e.g. events by kind, read by one indicator per kind)."""
    memo = _shared.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


# --- the registry ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Indicator:
    code: str
    subprocess: str
    label_kk: str
    label_ru: str
    label_en: str
    source: Measure | Callable[[dt.date, dt.date], Figure]
    records: Callable[[dt.date, dt.date], str | None] | None = None
    # Figures with a fraction (a percentage) are shown with this many decimals.
    decimals: int = 0

    @property
    def label(self) -> str:
        return self.label_in(get_language() or "kk")

    def label_in(self, language: str) -> str:
        value = getattr(self, f"label_{(language or 'kk').split('-')[0]}", "") or self.label_kk
        if not isinstance(value, str):  # a lazy label taken from another app's choices
            with translation.override(language):
                return str(value)
        return value

    @property
    def is_count(self) -> bool:
        """A whole number (drawn on the bar chart); a percentage is not."""
        return self.decimals == 0

    def compute(self, date_from: dt.date, date_to: dt.date) -> Figure:
        return self.values([(date_from, date_to)])[0]

    def values(self, periods: Sequence[Period]) -> list[Figure]:
        if isinstance(self.source, Measure):
            return self.source.values(periods)
        return [self.source(date_from, date_to) for date_from, date_to in periods]

    def records_url(self, date_from: dt.date, date_to: dt.date) -> str | None:
        return self.records(date_from, date_to) if self.records else None


INDICATORS: dict[str, Indicator] = {}


def register(code: str, subprocess: str, kk, ru, en, source, *, records=None, decimals: int = 0) -> None:
    if code in INDICATORS:
        raise ValueError(f"Indicator {code} is registered twice")
    INDICATORS[code] = Indicator(code, subprocess, kk, ru, en, source, records, decimals)


def indicator(code: str, subprocess: str, kk, ru, en, *, records=None, decimals: int = 0):
    """Register the decorated function `(date_from, date_to) -> figure` as the indicator `code`."""

    def decorate(function: Callable[[dt.date, dt.date], Figure]):
        register(code, subprocess, kk, ru, en, function, records=records, decimals=decimals)
        return function

    return decorate


def compute(code: str, date_from: dt.date, date_to: dt.date) -> Figure:
    return INDICATORS[code].compute(date_from, date_to)


def compute_all(periods: Sequence[Period]) -> dict[str, list[Figure]]:
    """Every indicator for each of the periods (the KPI page, its PDF and the `kpi` command read this)."""
    token = _shared.set({})
    try:
        return {code: item.values(periods) for code, item in INDICATORS.items()}
    finally:
        _shared.reset(token)


def indicator_choices() -> list[tuple[str, str]]:
    return [(i.code, f"{i.subprocess} · {i.label}") for i in INDICATORS.values()]


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def previous_period(date_from: dt.date, date_to: dt.date) -> Period:
    """The period just before this one: as many whole months when the period is whole months (a half-year is
    compared with the half-year before), otherwise as many days."""
    next_day = date_to + dt.timedelta(days=1)
    if date_from.day == 1 and next_day.day == 1:
        months = (next_day.year - date_from.year) * 12 + next_day.month - date_from.month
        start = _month_start(date_from.year, date_from.month - months)
        return start, date_from - dt.timedelta(days=1)
    length = date_to - date_from
    previous_to = date_from - dt.timedelta(days=1)
    return previous_to - length, previous_to


def admin_rows(model: type[models.Model], date_path: str, **filters):
    """A `records` function: the admin list of `model` filtered to the period (local fields only)."""

    def url(date_from: dt.date, date_to: dt.date) -> str | None:
        try:
            base = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        except NoReverseMatch:
            return None
        path = f"{date_path}__date" if _is_timestamp(model, date_path) else date_path
        query = {f"{path}__gte": date_from.isoformat(), f"{path}__lte": date_to.isoformat(), **filters}
        return f"{base}?{urlencode(query)}"

    return url
