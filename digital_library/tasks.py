"""Celery tasks of the digital library: thin wrappers around services, taking ids."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from .exceptions import BackupError


@shared_task(name="digital_library.backup_create")
def backup_create_task() -> str:
    from .backup import backup_create

    return str(backup_create().path)


# The store or the network failing (boto3's errors, OSError) is retried; a BackupError (no bucket configured,
# pg_dump refusing) is not, as a retry would fail the same way.
@shared_task(name="digital_library.backup_offsite", autoretry_for=(Exception,), dont_autoretry_for=(BackupError,),
             retry_backoff=300, max_retries=3)
def backup_offsite_task() -> str:
    """The nightly off-site archive (one per day: a retry or a doubled message writes nothing more)."""
    from .backup import backup_offsite_nightly

    if not settings.S3_BUCKET:
        return ""
    return backup_offsite_nightly()


@shared_task(name="digital_library.digital_file_lift_embargoes")
def digital_file_lift_embargoes_task() -> int:
    from .services import digital_file_lift_embargoes

    return digital_file_lift_embargoes()


@shared_task(name="digital_library.digital_file_extract_text")
def digital_file_extract_text_task(digital_file_id: int) -> int:
    from .services import digital_file_extract_text

    return digital_file_extract_text(digital_file_id=digital_file_id)
