"""Celery tasks of cataloguing: thin wrappers around services, taking ids."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="cataloguing.passports_make")
def passports_make_task(year: int | None = None) -> list[int]:
    """607-27: passports of every catalogue database for the year (the current one on 31 December)."""
    from django.utils import timezone

    from .services import passports_make

    return [p.pk for p in passports_make(year=year or timezone.localdate().year)]


@shared_task(name="cataloguing.marc_import_run")
def marc_import_run_task(import_id: int) -> dict[str, int]:
    """Run a MARC file uploaded in the admin; progress is stored on the MarcImport row. Returns the counts, not a
    sentence: the worker speaks no reader's language (the admin words them in the reader's)."""
    from .imports import marc_import_run

    job = marc_import_run(import_id=import_id)
    return {"imported": job.imported, "updated": job.updated, "flagged": job.flagged, "rejected": job.rejected}
