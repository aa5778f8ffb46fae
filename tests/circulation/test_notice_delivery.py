"""A committed action never fails because of the e-mail that follows it (issue 13, point 8): every notice is
logged, sent by a Celery task after commit with retries, and a failure stays visible in the notices log."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from freezegun import freeze_time

from circulation.constants import NoticeKind, NoticeStatus, ReservationStatus
from circulation.models import Loan, OverdueNotice, Reservation
from circulation.services import loan_issue, notice_send, reservation_wait
from circulation.tasks import notice_send as notice_send_task
from tests.circulation.factories import make_item, make_reader

pytestmark = pytest.mark.django_db

SMTP_CALLS: list[int] = []


class BrokenSMTPBackend(BaseEmailBackend):
    """An SMTP server that refuses every message."""

    def send_messages(self, email_messages):
        SMTP_CALLS.append(len(email_messages))
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def broken_smtp(settings):
    SMTP_CALLS.clear()
    settings.EMAIL_BACKEND = "tests.circulation.test_notice_delivery.BrokenSMTPBackend"
    return SMTP_CALLS


@pytest.fixture
def awaited_copy(reader_profile):
    """A copy on loan to a reader while another reader waits for the title."""
    item = make_item()
    with freeze_time("2026-10-01 10:00"):
        loan_issue(reader=reader_profile, item=item)
    waiting = reservation_wait(reader=make_reader(), record=item.record)
    return item, waiting


def test_return_whose_hold_ready_mail_fails_still_succeeds_and_logs_the_notice_failed(
        broken_smtp, awaited_copy, client_for, librarian, reader_profile, django_capture_on_commit_callbacks):
    item, waiting = awaited_copy
    client = client_for(librarian)
    with freeze_time("2026-10-05 10:00"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("circulation:desk_scan"), {"card": reader_profile.card_number,
                                                                  "item": item.barcode})
    assert response.status_code == 302
    assert not Loan.objects.open().filter(item=item).exists()  # the return is saved
    assert Reservation.objects.get(pk=waiting.pk).status == ReservationStatus.ACTIVE
    notice = OverdueNotice.objects.get(kind=NoticeKind.HOLD_READY)
    assert notice.status == NoticeStatus.FAILED
    assert notice.attempts == notice_send_task.max_retries + 1  # tried, then retried with backoff
    assert len(broken_smtp) == notice.attempts
    assert "SMTPServerDisconnected" in notice.error
    assert notice.reader == waiting.reader


def test_hold_ready_mail_is_sent_after_the_return_commits_and_logged_sent(
        awaited_copy, client_for, librarian, reader_profile, django_capture_on_commit_callbacks):
    item, _waiting = awaited_copy
    with freeze_time("2026-10-05 10:00"), django_capture_on_commit_callbacks() as callbacks:
        client_for(librarian).post(reverse("circulation:desk_scan"), {"card": reader_profile.card_number,
                                                                      "item": item.barcode})
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    notice = OverdueNotice.objects.get(kind=NoticeKind.HOLD_READY)
    assert (notice.status, notice.attempts, notice.error) == (NoticeStatus.SENT, 1, "")
    assert [message.to for message in mail.outbox] == [[notice.email]]
    assert mail.outbox[0].body == notice.body


def test_a_notice_already_sent_is_not_sent_again(awaited_copy, django_capture_on_commit_callbacks):
    item, _waiting = awaited_copy
    from circulation.services import loan_return

    with freeze_time("2026-10-05 10:00"), django_capture_on_commit_callbacks(execute=True):
        loan_return(item=item)
    notice = OverdueNotice.objects.get(kind=NoticeKind.HOLD_READY)
    notice_send(notice_id=notice.pk, last_attempt=False)  # a message delivered twice, or re-queued
    assert len(mail.outbox) == 1


def test_a_transient_smtp_error_is_retried_and_the_last_attempt_marks_the_notice_failed(
        broken_smtp, awaited_copy, django_capture_on_commit_callbacks):
    item, _waiting = awaited_copy
    from circulation.services import loan_return

    with freeze_time("2026-10-05 10:00"), django_capture_on_commit_callbacks():
        loan_return(item=item)
    notice = OverdueNotice.objects.get(kind=NoticeKind.HOLD_READY)
    with pytest.raises(smtplib.SMTPException):
        notice_send(notice_id=notice.pk, last_attempt=False)  # raised, so that the task retries
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (NoticeStatus.QUEUED, 1)
    notice_send(notice_id=notice.pk, last_attempt=True)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (NoticeStatus.FAILED, 2)


def test_failed_notices_are_listed_and_filtered_in_the_admin(broken_smtp, awaited_copy, client_for, sysadmin,
                                                             django_capture_on_commit_callbacks):
    item, _waiting = awaited_copy
    from circulation.services import loan_return

    with freeze_time("2026-10-05 10:00"), django_capture_on_commit_callbacks(execute=True):
        loan_return(item=item)
    url = reverse("admin:circulation_overduenotice_changelist")
    page = client_for(sysadmin).get(url, {"status__exact": NoticeStatus.FAILED})
    assert page.status_code == 200
    assert page.context["cl"].result_count == 1
    assert client_for(sysadmin).get(url, {"status__exact": NoticeStatus.SENT}).context["cl"].result_count == 0
