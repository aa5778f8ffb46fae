"""Large books produced in the background with progress (inventory book 607-13)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.files import File
from django.utils import timezone

from ..models import BookExport, BookExportStatus


def book_export_request(*, user, number_from: int | None = None, number_to: int | None = None) -> BookExport:
    """Order an inventory-book PDF; the Celery task starts once the order is committed."""
    from ..tasks import book_export_run

    export = BookExport.objects.create(form_code="607-13", requested_by=user,
                                       params={"number_from": number_from, "number_to": number_to})
    book_export_run.delay_on_commit(export.pk)
    return export


def book_export_run(*, export_id: int) -> BookExport:
    """Render the book in parts, saving progress after each part; a failure is recorded, not lost."""
    from ..books import render_inventory_book

    export = BookExport.objects.get(pk=export_id)
    # Claimed by one conditional UPDATE: a message delivered twice (or queued again by the sweep of stale
    # jobs) renders the book once; a running, finished or failed export is not run again.
    if not BookExport.objects.filter(pk=export.pk, status=BookExportStatus.QUEUED).update(
            status=BookExportStatus.RUNNING):
        export.refresh_from_db()
        return export
    export.status = BookExportStatus.RUNNING

    def progress(done: int, total: int) -> None:
        BookExport.objects.filter(pk=export.pk).update(done_parts=done, total_parts=total)

    try:
        with tempfile.TemporaryDirectory(prefix="book-export-") as workdir:
            path = Path(workdir) / f"{export.form_code}-{export.pk}.pdf"
            render_inventory_book(destination=path, progress=progress, **export.params)
            export.refresh_from_db()
            with open(path, "rb") as handle:
                export.file.save(path.name, File(handle), save=False)
        export.status = BookExportStatus.DONE
    except Exception as error:
        export.refresh_from_db()
        export.status = BookExportStatus.FAILED
        export.error = str(error)[:2000]
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        raise
    export.finished_at = timezone.now()
    export.save(update_fields=["status", "file", "finished_at"])
    return export
