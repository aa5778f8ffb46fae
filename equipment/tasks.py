"""Celery tasks of equipment: thin wrappers over the services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="equipment.maintenance_overdue_check")
def maintenance_overdue_check() -> int:
    """The daily check of planned maintenance past its date (risk events 4.1/4.3, one per missed date)."""
    from .services import maintenance_overdue_check as service

    return service()
