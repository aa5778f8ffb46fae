"""Celery tasks of the originality checker: thin wrappers taking ids."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="antiplagiarism.check_run", acks_late=True)
def check_run_task(check_id: int) -> dict:
    from .services import check_run

    check = check_run(check_id=check_id)
    return {"check": check.pk, "status": check.status}


@shared_task(name="antiplagiarism.collection_index_digital_library")
def collection_index_digital_library_task() -> dict:
    from .services import collection_index_digital_library

    return collection_index_digital_library()
