"""Celery tasks of risks: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="risks.risk_events_sync_storage")
def risk_events_sync_storage_task(days: int = 7) -> int:
    """Catch-up for risk 6.1: out-of-norm readings of the last days that have no event yet (idempotent)."""
    import datetime as dt

    from django.utils import timezone

    from .services import risk_events_sync_storage

    return risk_events_sync_storage(since=timezone.localdate() - dt.timedelta(days=days))
