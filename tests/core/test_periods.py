"""Report periods as ranges of instants (core.periods): the same rows as the `__date` lookups, by index."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.periods import day_bounds, period_filter
from risks.models import RiskEvent
from risks.services import risk_event_record

pytestmark = pytest.mark.django_db


def _events_at(*moments: dt.datetime) -> None:
    for n, moment in enumerate(moments):
        risk_event_record(risk_code="5.1", description=f"оқиға {n}", occurred_at=moment)


def test_a_period_holds_the_same_rows_as_its_local_dates():
    tz = timezone.get_current_timezone()  # Asia/Almaty, not UTC: the edges of the day differ
    _events_at(
        dt.datetime(2026, 1, 31, 23, 59, 59, tzinfo=tz),
        dt.datetime(2026, 2, 1, 0, 0, tzinfo=tz),
        dt.datetime(2026, 2, 28, 23, 59, 59, tzinfo=tz),
        dt.datetime(2026, 3, 1, 0, 0, tzinfo=tz),
    )
    first, last = dt.date(2026, 2, 1), dt.date(2026, 2, 28)
    by_range = set(RiskEvent.objects.filter(period_filter("occurred_at", first, last)).values_list("pk", flat=True))
    by_date = set(RiskEvent.objects.filter(occurred_at__date__gte=first, occurred_at__date__lte=last)
                  .values_list("pk", flat=True))
    assert by_range == by_date
    assert len(by_range) == 2


def test_a_missing_bound_leaves_the_period_open_on_that_side():
    tz = timezone.get_current_timezone()
    _events_at(dt.datetime(2025, 6, 1, 12, 0, tzinfo=tz), dt.datetime(2026, 6, 1, 12, 0, tzinfo=tz))
    assert RiskEvent.objects.filter(period_filter("occurred_at", dt.date(2026, 1, 1), None)).count() == 1
    assert RiskEvent.objects.filter(period_filter("occurred_at", None, dt.date(2025, 12, 31))).count() == 1
    assert RiskEvent.objects.filter(period_filter("occurred_at", None, None)).count() == 2


def test_the_period_compares_the_column_itself_so_its_index_can_serve():
    sql = str(RiskEvent.objects.filter(period_filter("occurred_at", dt.date(2026, 2, 1), dt.date(2026, 2, 28))).query)
    assert '"occurred_at" >=' in sql
    assert '"occurred_at" <' in sql


def test_a_day_runs_from_local_midnight_to_the_next():
    start, end = day_bounds(dt.date(2026, 2, 1))
    assert timezone.localtime(start).time() == dt.time(0, 0)
    assert end - start == dt.timedelta(days=1)


def test_a_bound_on_the_edge_of_the_calendar_is_no_bound():
    """Issue 13.5: 0001-01-01 and 9999-12-31 typed into a report's period answer every row, not a 500."""
    tz = timezone.get_current_timezone()
    _events_at(dt.datetime(2026, 6, 1, 12, 0, tzinfo=tz))
    period = period_filter("occurred_at", dt.date.min, dt.date.max)
    assert RiskEvent.objects.filter(period).count() == 1
