"""The admin's MARC import: a MarcImport row, run by a Celery task that stores its progress on the row."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .constants import IMPORT_BATCH_SIZE, ImportStatus
from .marcio import ImportResult, import_file
from .models import MarcImport

PROGRESS_EVERY = 1  # batches


@transaction.atomic
def marc_import_create(*, file, fmt: str, encoding: str, database, user) -> MarcImport:
    """Store the uploaded file and queue its import after commit."""
    job = MarcImport.objects.create(file=file, format=fmt, encoding=encoding, database=database, created_by=user)
    from .tasks import marc_import_run_task

    marc_import_run_task.delay_on_commit(job.pk)
    return job


def marc_import_run(*, import_id: int) -> MarcImport:
    """Import the job's file; safe to call twice: the run is claimed by one conditional UPDATE, so a job
    running, finished or failed is not run again (a message delivered twice, or queued again by the sweep)."""
    job = MarcImport.objects.select_related("database", "created_by").get(pk=import_id)
    if not MarcImport.objects.filter(pk=job.pk, status=ImportStatus.PENDING).update(status=ImportStatus.RUNNING):
        job.refresh_from_db()
        return job

    with job.file.open("rb") as stream:
        marc_import_record_run(job=job, stream=stream)
    job.refresh_from_db()
    return job


def marc_import_command_start(*, path: str, fmt: str, encoding: str, database) -> MarcImport:
    """The row of an import run by `manage.py import_marc`: the file stays where it is (a migrated catalogue runs to
    gigabytes), the row keeps its name, its counts and its flagged records' batch (issue 17.2)."""
    job = MarcImport(format=fmt, encoding=encoding, database=database, status=ImportStatus.RUNNING)
    job.file.name = path[-100:]
    job.save()
    return job


def marc_import_record_run(*, job: MarcImport, stream, batch_size: int = IMPORT_BATCH_SIZE,
                           on_progress=None) -> ImportResult:
    """Import `stream` as the job's run, its progress and outcome stored on the row (the admin's task and the
    command)."""

    def progress(result: ImportResult) -> None:
        MarcImport.objects.filter(pk=job.pk).update(
            processed=result.processed, imported=result.imported, updated=result.updated, flagged=result.flagged,
            rejected=len(result.rejected),
        )
        if on_progress is not None:
            on_progress(result)

    try:
        result = import_file(stream, fmt=job.format, encoding=job.encoding, database=job.database,
                             user=job.created_by, progress=progress, batch=job, batch_size=batch_size)
    except Exception as exc:
        MarcImport.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED, message=str(exc)[:2000],
                                                    finished_at=timezone.now())
        raise
    MarcImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE, processed=result.processed, imported=result.imported, updated=result.updated,
        flagged=result.flagged, rejected=len(result.rejected), errors=[r.as_dict() for r in result.rejected[:10000]],
        finished_at=timezone.now(),  # the counts are the outcome: the page words them in its reader's language
    )
    return result
