"""Celery tasks of the digital library: thin wrappers around services, taking ids."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="digital_library.backup_create")
def backup_create_task() -> str:
    from .backup import backup_create

    return str(backup_create().path)


@shared_task(name="digital_library.digital_file_lift_embargoes")
def digital_file_lift_embargoes_task() -> int:
    from .services import digital_file_lift_embargoes

    return digital_file_lift_embargoes()


@shared_task(name="digital_library.digital_file_extract_text")
def digital_file_extract_text_task(digital_file_id: int) -> int:
    from .services import digital_file_extract_text

    return digital_file_extract_text(digital_file_id=digital_file_id)
