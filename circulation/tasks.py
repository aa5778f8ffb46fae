"""Celery tasks of circulation: thin wrappers over the services (they take ids, never model instances)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="circulation.reservation_expire_due")
def reservation_expire_due() -> int:
    """Release the holds whose 24 hours are over (beat: every 5 minutes)."""
    from .services import reservation_expire_due as service

    return service()


@shared_task(name="circulation.reservation_notify_expired")
def reservation_notify_expired(reservation_ids: list[int]) -> int:
    from .services import reservation_notify_expired as service

    return service(reservation_ids=reservation_ids)


@shared_task(name="circulation.overdue_notices_send")
def overdue_notices_send() -> int:
    """The daily overdue and due-soon notices (one per reader per day)."""
    from .services import overdue_notices_send as service

    return service()


@shared_task(bind=True, name="circulation.notice_send")
def notice_send(self, notice_id: int) -> str | None:
    """Send one logged e-mail notice; an SMTP failure is retried with backoff (AfterCommitTask), and on the
    last attempt the notice is marked failed, with the error, in the notices log."""
    from .services import notice_send as service

    notice = service(notice_id=notice_id, last_attempt=self.request.retries >= self.max_retries)
    return notice.status if notice else None
