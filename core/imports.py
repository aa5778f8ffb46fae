"""Bulk imports of registers in the background (django-import-export resources run by Celery).

A large list (the Registrar's 10,000 students) takes minutes to check and as long again to import, so the
admin's import page never runs it in the request. The upload becomes an `ImportJob`:

1. *check*: a Celery task runs the resource as a dry run and stores the totals, every bad row with its
   reason, and a preview of the first rows; the page shows its progress meanwhile;
2. *confirm*: the librarian reads the result and confirms: a clean file is imported whole; a file with bad
   rows is either corrected and uploaded again, or imported without its bad rows, on explicit request;
3. *import*: a second task imports the file in one transaction. A whole import that meets an error now (the
   data changed since the check) imports nothing; an import without the bad rows imports the rest. Either
   way every bad row is listed with its reason, as in step 1.

Progress goes through the cache (Redis in production, shared by the web and the workers): the rows are
written inside one transaction, so the job's own row is only updated when a step ends. The uploaded file
holds personal data and is deleted once it can no longer be imported.
"""

from __future__ import annotations

from typing import Any

from auditlog.context import set_actor
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from import_export.formats.base_formats import Format
from import_export.resources import Resource

from .models import ImportJob
from .safezip import UnsafeArchive

PROGRESS_EVERY = 50  # rows between two progress writes to the cache
PREVIEW_ROWS = 100
ERRORS_KEPT = 1000  # bad rows listed on the page (all are counted)
PROGRESS_TTL = 24 * 60 * 60


class ImportJobError(Exception):
    """The job cannot do what was asked (e.g. confirm a file with errors); the message is for the user.
    A failure stored on the job carries its `ImportJob.Message` code and figures, worded when read."""

    def __init__(self, message: str, *, code: str = "", params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params = params or {}


def _dotted(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _progress_key(job_id: int) -> str:
    return f"core:import-job:{job_id}:rows-done"


def import_job_create(*, model, resource_class: type[Resource], input_format: type[Format], encoding: str | None,
                      uploaded_file, user, language: str | None = None) -> ImportJob:
    """Store the upload as a job and queue its check after commit."""
    job = ImportJob(
        app_label=model._meta.app_label, model_name=model._meta.model_name, resource=_dotted(resource_class),
        resource_name=str(resource_class.get_display_name()), input_format=_dotted(input_format),
        encoding=encoding or "", original_name=uploaded_file.name[:255], created_by=user,
        language=(language or translation.get_language() or "kk")[:8],
    )
    job.file.save(uploaded_file.name, uploaded_file, save=False)
    job.save()
    _queue(job)
    return job


def import_job_confirm(*, job: ImportJob, user, skip_bad_rows: bool = False) -> ImportJob:
    """The librarian read the check and confirms: queue the import itself. A file with bad rows is imported
    only when `skip_bad_rows` says to leave them out."""
    if not job.can_confirm:
        raise ImportJobError(_("Only a checked file with correct rows can be imported."))
    if job.bad_rows and not skip_bad_rows:
        raise ImportJobError(_("The file has rows with errors: correct it and upload it again, or choose to "
                               "import only the correct rows."))
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKED).update(
        status=ImportJob.Status.CONFIRMED, skip_bad_rows=bool(job.bad_rows and skip_bad_rows),
        queued_at=timezone.now())
    if not claimed:
        raise ImportJobError(_("This import has already been confirmed."))
    job.refresh_from_db()
    _queue(job)
    return job


def _queue(job: ImportJob) -> None:
    from .tasks import import_job_run_task

    import_job_run_task.delay_on_commit(job.pk)


def import_job_progress(job: ImportJob) -> dict[str, Any]:
    """What the page shows while the job runs (rows done come from the cache during a step)."""
    done = job.rows_done
    if job.is_running:
        done = max(done, int(cache.get(_progress_key(job.pk)) or 0))
    total = job.rows_total
    return {
        "status": job.status, "status_display": str(job.get_status_display()), "running": job.is_running,
        "rows_done": min(done, total) if total else done, "rows_total": total,
        "percent": round(100 * done / total) if total else (100 if not job.is_running else 0),
    }


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Run the job's next step (check or import). Idempotent: a step is claimed by one conditional UPDATE,
    so a task delivered twice runs it once."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        return None
    for waiting, running in ((ImportJob.Status.QUEUED, ImportJob.Status.CHECKING),
                             (ImportJob.Status.CONFIRMED, ImportJob.Status.IMPORTING)):
        if ImportJob.objects.filter(pk=job.pk, status=waiting).update(status=running):
            job.status = running
            # Every row the import writes is in the audit trail under the uploader's name (a worker has no request).
            with translation.override(job.language), set_actor(job.created_by):
                _run_step(job, dry_run=running == ImportJob.Status.CHECKING)
            return job
    return job


def _read_dataset(job: ImportJob):
    input_format = import_string(job.input_format)(encoding=job.encoding or None)
    with job.file.open("rb") as stream:
        data = stream.read()
    try:
        dataset = input_format.create_dataset(data)
    except UnsafeArchive as error:  # a zip bomb or the like: the guard's reason says which limit it met
        raise ImportJobError(str(error)) from error
    except Exception as error:  # tablib raises whatever its reader raises on a malformed file
        params = {"format": input_format.get_title(), "error": type(error).__name__, "encoding": job.encoding}
        raise ImportJobError(type(error).__name__, code=ImportJob.Message.UNREADABLE, params=params) from error
    if not dataset or not dataset.headers:
        raise ImportJobError("no rows", code=ImportJob.Message.NO_ROWS)
    return dataset


def _run_step(job: ImportJob, *, dry_run: bool) -> None:
    try:
        dataset = _read_dataset(job)
    except ImportJobError as error:
        _finish(job, status=ImportJob.Status.FAILED, code=error.code, params=error.params,
                text="" if error.code else str(error), delete_file=True)
        return
    job.rows_total = len(dataset)
    ImportJob.objects.filter(pk=job.pk).update(rows_total=job.rows_total, rows_done=0)
    resource = import_string(job.resource)()
    key = _progress_key(job.pk)
    cache.set(key, 0, PROGRESS_TTL)
    done = 0
    import_row = resource.import_row

    def import_row_counted(row, instance_loader, **kwargs):
        nonlocal done
        try:
            return import_row(row, instance_loader, **kwargs)
        finally:
            done += 1
            if done % PROGRESS_EVERY == 0:
                cache.set(key, done, PROGRESS_TTL)

    resource.import_row = import_row_counted
    try:
        result = resource.import_data(
            dataset, dry_run=dry_run, raise_errors=False, rollback_on_validation_errors=not job.skip_bad_rows,
            use_transactions=True, user=job.created_by, file_name=job.original_name,
        )
    except Exception as error:
        _finish(job, status=ImportJob.Status.FAILED, code=ImportJob.Message.STOPPED, params={"error": str(error)},
                delete_file=True)
        raise
    errors, bad_rows = _row_errors(result, dataset)
    totals = {key: value for key, value in result.totals.items() if value}
    if bad_rows:
        totals["bad_rows"] = bad_rows
    job.totals, job.errors = totals, errors
    job.rows_done = len(dataset)
    if dry_run:
        job.preview = _preview(result, dataset)
        job.checked_at = timezone.now()
        if not bad_rows:
            code = ImportJob.Message.CHECKED
        elif bad_rows < len(dataset):
            code = ImportJob.Message.CHECKED_BAD_ROWS
        else:
            code = ImportJob.Message.CHECKED_ALL_BAD
        _finish(job, status=ImportJob.Status.CHECKED, code=code, params={"count": bad_rows},
                delete_file=bad_rows >= len(dataset))
    elif result.has_errors() or (bad_rows and not job.skip_bad_rows):
        _finish(job, status=ImportJob.Status.FAILED, delete_file=True, code=ImportJob.Message.FAILED_ROWS,
                params={"count": bad_rows})
    else:
        job.preview = []  # personal data is not kept once imported
        _finish(job, status=ImportJob.Status.DONE, delete_file=True, code=ImportJob.Message.IMPORTED, params={
            "new": result.totals.get("new", 0), "updated": result.totals.get("update", 0),
            "skipped": result.totals.get("skip", 0), "count": bad_rows})
    cache.delete(key)


def _row_errors(result, dataset) -> tuple[list[dict], int]:
    """Every bad row with its reasons and the first cells of the row as the file has them (row numbers as
    django-import-export counts them: the first data row is 1), the first ERRORS_KEPT of them in full."""
    errors: list[dict] = []
    bad = 0

    def cells(number: int) -> str:
        return _values_text(dataset[number - 1]) if 0 < number <= len(dataset) else ""

    for number, row_errors in result.row_errors():
        bad += 1
        if len(errors) < ERRORS_KEPT:
            errors.append({"row": number, "field": "", "messages": [str(e.error) for e in row_errors],
                           "values": cells(number)})
    for invalid in result.invalid_rows:
        bad += 1
        if len(errors) < ERRORS_KEPT:
            for field, messages in invalid.error_dict.items():
                errors.append({"row": invalid.number, "field": "" if field == "__all__" else field,
                               "messages": [str(m) for m in messages], "values": cells(invalid.number)})
    for error in result.base_errors:
        errors.append({"row": None, "field": "", "messages": [str(error.error)], "values": ""})
        bad += 1
    errors.sort(key=lambda e: (e["row"] is not None, e["row"] or 0))
    return errors, bad


def _values_text(values) -> str:
    return " · ".join(str(v) for v in list(values or [])[:4] if v not in (None, ""))[:200]


def _preview(result, dataset) -> list[dict]:
    rows = []
    for index, row_result in enumerate(result.rows[:PREVIEW_ROWS]):
        values = dataset[index] if index < len(dataset) else ()
        rows.append({"row": index + 1, "type": row_result.import_type or "",
                     "values": [str(v) if v is not None else "" for v in values]})
    return [{"headers": list(dataset.headers or [])}, *rows] if rows else []


def _finish(job: ImportJob, *, status: str, delete_file: bool, code: str = "", params: dict[str, Any] | None = None,
            text: str = "") -> None:
    job.status, job.message_code, job.message_params, job.message = status, code, params or {}, text
    if status in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
        job.finished_at = timezone.now()
    if delete_file and job.file:
        job.file.delete(save=False)
    job.save()
