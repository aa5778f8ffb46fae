"""E-mail notices: logged, then sent by a Celery task after commit (retries with backoff); a failure stays
logged."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..constants import DUE_SOON_DAYS, NoticeKind, NoticeStatus, ReservationStatus
from ..models import Loan, OverdueNotice, Reader, Reservation


def notice_queue(*, reader: Reader, kind: str, day: dt.date, email: str, subject: str, body: str,
                 loans_count: int = 0) -> OverdueNotice:
    """Log a notice as waiting and send it once the current transaction commits. A notice is never sent from
    inside the use case: an SMTP failure must not undo, or fail, the work it reports."""
    notice = OverdueNotice.objects.create(
        reader=reader, kind=kind, sent_on=day, email=email, subject=str(subject)[:255], body=body,
        loans_count=loans_count, status=NoticeStatus.QUEUED if email else NoticeStatus.NO_ADDRESS,
    )
    if email:
        from ..tasks import notice_send as notice_send_task

        notice_send_task.delay_on_commit(notice.pk)
    return notice


def notice_send(*, notice_id: int, last_attempt: bool) -> OverdueNotice | None:
    """Send a waiting notice. A transient failure (SMTP, network) is recorded and raised so that the task
    tries again later; on the last attempt, or for any other error, the notice is marked failed with the
    error, for the notices log. A notice already sent is not sent again."""
    notice = OverdueNotice.objects.filter(pk=notice_id).first()
    if notice is None or notice.status != NoticeStatus.QUEUED:
        return notice
    message = EmailMessage(notice.subject, notice.body, settings.DEFAULT_FROM_EMAIL, [notice.email])
    try:
        get_connection(fail_silently=False).send_messages([message])
    except Exception as error:
        retry = isinstance(error, OSError) and not last_attempt  # smtplib's errors are OSErrors
        OverdueNotice.objects.filter(pk=notice.pk).update(
            attempts=F("attempts") + 1, error=f"{type(error).__name__}: {error}"[:2000],
            status=NoticeStatus.QUEUED if retry else NoticeStatus.FAILED,
        )
        if retry:
            raise
        notice.refresh_from_db()
        return notice
    OverdueNotice.objects.filter(pk=notice.pk).update(
        attempts=F("attempts") + 1, error="", status=NoticeStatus.SENT, delivered_at=timezone.now())
    notice.refresh_from_db()
    return notice


def overdue_notices_send(*, at: dt.datetime | None = None) -> int:
    """E-mail every reader with loans due soon or overdue: one message per reader listing all their items,
    never twice the same day (the `OverdueNotice` sent-log is unique per reader and day). Returns messages sent."""
    at = at or timezone.now()
    day = timezone.localdate(at)
    already = OverdueNotice.objects.filter(sent_on=day, kind=NoticeKind.OVERDUE).values("reader_id")
    loans = (
        Loan.objects.open()
        .filter(lost=False, due_on__lte=day + dt.timedelta(days=DUE_SOON_DAYS))
        .exclude(reader_id__in=already)
        .select_related("reader__user", "item__record")
        .only("reader_id", "due_on", "reader__card_number", "reader__email", "reader__user__email",
              "reader__user__username", "reader__user__last_name", "reader__user__first_name",
              "reader__user__patronymic", "item__inventory_number", "item__record__title")
        .order_by("reader_id", "due_on")
    )
    by_reader: dict[int, list[Loan]] = defaultdict(list)
    for loan in loans.iterator(chunk_size=5000):
        by_reader[loan.reader_id].append(loan)
    if not by_reader:
        return 0
    log = []
    with translation.override("kk"):
        template = get_template("circulation/email/overdue.txt")
        subject = _("Kitaphana: books to return")
        for reader_loans in by_reader.values():
            reader = reader_loans[0].reader
            address = reader.email or reader.user.email
            body = template.render({"reader": reader, "loans": reader_loans, "day": day}) if address else ""
            log.append(OverdueNotice(reader=reader, sent_on=day, kind=NoticeKind.OVERDUE,
                                     loans_count=len(reader_loans), email=address, subject=subject, body=body,
                                     status=NoticeStatus.QUEUED if address else NoticeStatus.NO_ADDRESS))
    from ..tasks import notice_send as notice_send_task

    with transaction.atomic():
        OverdueNotice.objects.bulk_create(log, ignore_conflicts=True, batch_size=1000)
        # The rows this run made (a concurrent run's rows for the same readers were skipped above or here).
        queued = list(OverdueNotice.objects.filter(
            sent_on=day, kind=NoticeKind.OVERDUE, status=NoticeStatus.QUEUED, attempts=0,
            reader_id__in=list(by_reader)).values_list("pk", flat=True))
        for notice_id in queued:
            notice_send_task.delay_on_commit(notice_id)
    return len(queued)


@transaction.atomic
def reservation_notify_expired(*, reservation_ids: list[int]) -> int:
    """Queue an e-mail to each reader whose orders expired (one notice per reader, listing them all);
    returns the notices queued."""
    by_reader: dict[int, list[Reservation]] = defaultdict(list)
    rows = Reservation.objects.filter(pk__in=reservation_ids, status=ReservationStatus.EXPIRED).select_related(
        "reader__user", "record"
    )
    for reservation in rows:
        by_reader[reservation.reader_id].append(reservation)
    queued = 0
    day = timezone.localdate()
    with translation.override("kk"):
        template = get_template("circulation/email/reservation_expired.txt")
        subject = _("Kitaphana: your order has expired")
        for reservations in by_reader.values():
            reader = reservations[0].reader
            address = reader.email or reader.user.email
            if address:
                body = template.render({"reader": reader, "reservations": reservations})
                notice_queue(reader=reader, kind=NoticeKind.ORDER_EXPIRED, day=day, email=address, subject=subject,
                             body=body)
                queued += 1
    return queued


def _notice_hold_ready(reservation: Reservation) -> None:
    """Queue the "your book is held" e-mail; it is sent after the return commits, by a task with retries."""
    reader = Reader.objects.select_related("user").get(pk=reservation.reader_id)
    address = reader.email or reader.user.email
    if not address:
        return
    with translation.override("kk"):
        body = render_to_string("circulation/email/hold_ready.txt", {"reservation": reservation})
        subject = _("Kitaphana: the book you were waiting for is held for you")
    notice_queue(reader=reader, kind=NoticeKind.HOLD_READY, day=timezone.localdate(), email=address,
                 subject=subject, body=body)
