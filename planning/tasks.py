"""Celery tasks of planning: thin wrappers over the services (they take ids, never model instances)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="planning.approval_reminders_send")
def approval_reminders_send() -> int:
    """The daily reminders of the planning calendar (one per deadline and person)."""
    from .services import approval_reminders_send as service

    return service()


@shared_task(bind=True, name="planning.approval_reminder_send")
def approval_reminder_send(self, reminder_id: int) -> str | None:
    """Send one logged reminder; an SMTP failure is retried with backoff (AfterCommitTask), and on the last
    attempt the reminder is marked failed, with the error, in the reminders log."""
    from .services import approval_reminder_deliver as service

    reminder = service(reminder_id=reminder_id, last_attempt=self.request.retries >= self.max_retries)
    return reminder.status if reminder else None
