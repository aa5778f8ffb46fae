"""The fund's large books (summary book 607-12, inventory book 607-13) produced in the background with progress."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.files import File
from django.utils import timezone

from ..models import BookExport, BookExportStatus


def book_export_request(*, user, form_code: str, params: dict[str, Any]) -> BookExport:
    """Order a book's PDF (`form_code` "607-12" with a year, "607-13" with a range of inventory numbers); the Celery
    task starts once the order is committed. The reports page and the CLI print the same book at once while it is
    small (acquisitions.printforms.BOOK_SYNC_LIMIT), through the same renderer (acquisitions.books)."""
    from ..books import BOOKS
    from ..tasks import book_export_run

    if form_code not in BOOKS:
        raise ValueError(f"{form_code} is not a book produced in the background")
    export = BookExport.objects.create(form_code=form_code, requested_by=user, params=params)
    book_export_run.delay_on_commit(export.pk)
    return export


def book_export_run(*, export_id: int) -> BookExport:
    """Render the book, saving the lines done as it goes; a failure is recorded, not lost."""
    from ..books import render_book

    export = BookExport.objects.get(pk=export_id)
    # Claimed by one conditional UPDATE: a message delivered twice (or queued again by the sweep of stale
    # jobs) renders the book once; a running, finished or failed export is not run again.
    if not BookExport.objects.filter(pk=export.pk, status=BookExportStatus.QUEUED).update(
            status=BookExportStatus.RUNNING):
        export.refresh_from_db()
        return export
    export.status = BookExportStatus.RUNNING

    def progress(done: int, total: int) -> None:
        # done_parts / total_parts count the book's lines (receipts and acts, or copies).
        BookExport.objects.filter(pk=export.pk).update(done_parts=done, total_parts=total)

    try:
        with tempfile.TemporaryDirectory(prefix="book-export-") as workdir:
            path = Path(workdir) / f"{export.form_code}-{export.pk}.pdf"
            render_book(export.form_code, destination=path, params=export.params, progress=progress)
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
