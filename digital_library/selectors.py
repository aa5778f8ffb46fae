"""Reads of the digital library that are more than a filter: usage figures and the KPI."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from core.periods import period_filter

from .choices import UsageKind
from .models import AccountRequest, DigitalFile, ScanningRequest, SystemRequest, UsageEvent


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


def _users(events) -> int:
    """People behind the events: signed-in readers by account, anonymous visitors by session (by address when
    they kept no session), in one query."""
    anonymous = Q(user__isnull=True)
    counts = events.aggregate(
        accounts=Count("user", distinct=True),
        sessions=Count("session_key", distinct=True, filter=anonymous & ~Q(session_key="")),
        addresses=Count("ip_address", distinct=True, filter=anonymous & Q(session_key="")),
    )
    return counts["accounts"] + counts["sessions"] + counts["addresses"]


def elibrary_users(date_from: dt.date, date_to: dt.date) -> int:
    """E-library users of the period (section 7, 5.4): the people with a counted view or download of a full text
    (COUNTER rules: robots and double clicks are not counted)."""
    return _users(UsageEvent.objects.in_period(date_from, date_to))


def remote_users(date_from: dt.date, date_to: dt.date) -> int:
    """Remote users of the period (section 7, 5.5): e-library users with a counted request from outside the
    university's networks (`UNIVERSITY_NETWORKS`, judged when the request was counted)."""
    return _users(UsageEvent.objects.in_period(date_from, date_to).remote())


def downloading_user_ids(date_from: dt.date, date_to: dt.date):
    """The accounts that downloaded a full text in the period (a subquery of user ids)."""
    return (UsageEvent.objects.in_period(date_from, date_to).downloads().filter(user__isnull=False)
            .values("user_id"))


# --- Work waiting on the staff home (digital_library/navigation.py) ---------------------------------------------

# How far ahead the staff home warns of embargoes ending (time to check the access terms before the file opens).
EMBARGO_WARNING = dt.timedelta(days=30)


def scanning_requests_open_count() -> int:
    """Scanning requests (607-35) neither published nor rejected."""
    return ScanningRequest.objects.in_progress().count()


def embargo_window(day: dt.date) -> tuple[dt.date, dt.date]:
    """The embargoes that end after `day` and at the latest `EMBARGO_WARNING` later: (first day, last day)."""
    return day + dt.timedelta(days=1), day + EMBARGO_WARNING


def embargoes_ending_count(day: dt.date) -> int:
    """Files whose embargo ends within the warning window."""
    first, last = embargo_window(day)
    return DigitalFile.objects.filter(embargo_until__gte=first, embargo_until__lte=last).count()


def account_requests_open_count() -> int:
    """Requests for an account or a change of rights (607-30) not handled yet."""
    return AccountRequest.objects.open().count()


def system_requests_unresolved_count() -> int:
    """Faults, adaptations and consultations asked of the system's administrators, not resolved yet."""
    return SystemRequest.objects.unresolved().count()
