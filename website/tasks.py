"""Celery tasks of the public site: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="website.visits_flush")
def visits_flush_task() -> int:
    """Copy the visit counts into the database (idempotent; see `website.services.visits_flush`)."""
    from .services import visits_flush

    return visits_flush()
