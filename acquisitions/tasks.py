"""Celery tasks of acquisitions: thin wrappers that take ids and call one service."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="acquisitions.book_export_run")
def book_export_run(export_id: int) -> None:
    from .services.exports import book_export_run as run

    run(export_id=export_id)
