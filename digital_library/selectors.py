"""Reads of the digital library that are more than a filter: usage figures and the KPI."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from core.periods import period_filter

from .choices import UsageKind
from .models import DigitalFile, UsageEvent


def usage_per_file(*, date_from: dt.date, date_to: dt.date):
    """Files with their counted views and downloads in the period (inclusive dates), most used first."""
    in_period = period_filter("usage_events__occurred_at", date_from, date_to)
    return (
        DigitalFile.objects.select_related("record")
        .annotate(
            views=Count("usage_events", filter=in_period & Q(usage_events__kind=UsageKind.VIEW)),
            downloads=Count("usage_events", filter=in_period & Q(usage_events__kind=UsageKind.DOWNLOAD)),
        )
        .filter(Q(views__gt=0) | Q(downloads__gt=0))
        .order_by("-downloads", "-views", "pk")
    )


def usage_totals(*, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    """Counted views and downloads in the period (inclusive dates)."""
    counts = UsageEvent.objects.in_period(date_from, date_to).aggregate(
        views=Count("pk", filter=Q(kind=UsageKind.VIEW)),
        downloads=Count("pk", filter=Q(kind=UsageKind.DOWNLOAD)),
    )
    return {"views": counts["views"] or 0, "downloads": counts["downloads"] or 0}


def kpi_downloads(*, date_from: dt.date, date_to: dt.date) -> int:
    """KPI figure: full-text downloads in the period, counted the COUNTER way (robots and double clicks out)."""
    return UsageEvent.objects.in_period(date_from, date_to).downloads().count()
