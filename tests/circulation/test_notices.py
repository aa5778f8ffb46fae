"""Overdue notices: one message per reader listing all their items, never twice the same day; printed letters."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from circulation.models import OverdueNotice
from circulation.services import loan_issue, overdue_notices_send
from tests.circulation.factories import make_item, make_reader, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def borrowers(reader_profile):
    other = make_reader()
    with freeze_time("2026-09-01 10:00"):
        loan_issue(reader=reader_profile, item=make_item(make_record("Бұрғылау технологиясы")))
        loan_issue(reader=reader_profile, item=make_item(make_record("Мұнай химиясы")))
    with freeze_time("2026-09-29 10:00"):
        loan_issue(reader=other, item=make_item(make_record("Геодезия")))  # due 29.10: due soon on 27.10
    with freeze_time("2026-10-20 10:00"):
        loan_issue(reader=make_reader(), item=make_item())  # due 19.11: not yet
    return reader_profile, other


def test_overdue_job_sends_one_message_per_reader_listing_all_items(borrowers, django_capture_on_commit_callbacks):
    reader, other = borrowers
    with freeze_time("2026-10-27 09:00"), django_capture_on_commit_callbacks(execute=True):
        assert overdue_notices_send() == 2
    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_address) == {reader.user.email, other.user.email}
    assert "Бұрғылау технологиясы" in by_address[reader.user.email]
    assert "Мұнай химиясы" in by_address[reader.user.email]
    assert "Геодезия" in by_address[other.user.email]


def test_overdue_job_run_twice_the_same_day_sends_nothing_more(borrowers, django_capture_on_commit_callbacks):
    with freeze_time("2026-10-27 09:00"), django_capture_on_commit_callbacks(execute=True):
        overdue_notices_send()
    with freeze_time("2026-10-27 17:00"), django_capture_on_commit_callbacks(execute=True):
        assert overdue_notices_send() == 0
        call_command("send_overdue_notices")
    assert len(mail.outbox) == 2
    assert OverdueNotice.objects.count() == 2
    with freeze_time("2026-10-28 09:00"), django_capture_on_commit_callbacks(execute=True):
        assert overdue_notices_send() == 2  # a new day, a new reminder


def test_overdue_letters_pdf_for_the_desk(borrowers, client_for, librarian):
    with freeze_time("2026-10-27 09:00"):
        response = client_for(librarian).get(reverse("circulation:overdue_letters"))
    assert response.content.startswith(b"%PDF")
