"""A trivial task used to prove that the broker and a worker are alive (tests and operations)."""

from __future__ import annotations

import os

from celery import shared_task


@shared_task(bind=True, name="core.ping")
def ping(self, message: str = "ping") -> dict:
    return {"echo": message, "worker": self.request.hostname, "pid": os.getpid()}


@shared_task(name="core.import_job_run")
def import_job_run_task(job_id: int) -> str | None:
    """Check or import an uploaded register file (see core.imports)."""
    from .imports import import_job_run

    job = import_job_run(job_id=job_id)
    return job.status if job else None
