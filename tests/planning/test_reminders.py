"""Issue 15.1: reminders before each deadline of the planning calendar (dates kept as the library's data), sent by a
daily Celery beat job and by the command of the same name; run twice, each person is reminded once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from planning.constants import ApprovalDocument, ApprovalStage, PlanPeriod, ReminderStatus
from planning.models import ApprovalReminder, PlanActivity, PlanningDeadline
from planning.services import approval_reminders_send, approval_submit, work_plan_create
from tests.factories import UserFactory, library_department

pytestmark = pytest.mark.django_db


def deadline(stage: str, document: str = ApprovalDocument.PLAN, due_on=dt.date(2026, 1, 20), days: int = 7):
    return PlanningDeadline.objects.create(year=2026, period=PlanPeriod.YEAR, document=document, stage=stage,
                                           due_on=due_on, remind_days_before=days)


def test_authors_who_have_not_submitted_are_reminded_once(django_capture_on_commit_callbacks, librarian):
    deadline(ApprovalStage.AUTHOR)
    with django_capture_on_commit_callbacks(execute=True):
        assert approval_reminders_send(on=dt.date(2026, 1, 15)) >= 1
    with django_capture_on_commit_callbacks(execute=True):
        assert approval_reminders_send(on=dt.date(2026, 1, 15)) == 0
        assert approval_reminders_send(on=dt.date(2026, 1, 16)) == 0
    sent = [message for message in mail.outbox if librarian.email in message.to]
    assert len(sent) == 1
    assert ApprovalReminder.objects.get(recipient=librarian).status == ReminderStatus.SENT


def test_no_reminder_outside_the_window_or_after_submission(django_capture_on_commit_callbacks, librarian,
                                                            director):
    deadline(ApprovalStage.AUTHOR, due_on=dt.date(2026, 1, 20), days=7)
    assert approval_reminders_send(on=dt.date(2026, 1, 12)) == 0  # window opens on the 13th
    assert approval_reminders_send(on=dt.date(2026, 1, 21)) == 0  # deadline passed
    plan = work_plan_create(department=library_department("service"), year=2026, period=PlanPeriod.YEAR)
    PlanActivity.objects.create(plan=plan, description="Көрме")
    approval_submit(plan=plan, document=ApprovalDocument.PLAN, user=librarian)
    with django_capture_on_commit_callbacks(execute=True):
        approval_reminders_send(on=dt.date(2026, 1, 15))
    assert not ApprovalReminder.objects.filter(recipient=librarian).exists()


def test_approvers_of_waiting_steps_are_reminded_and_others_not(django_capture_on_commit_callbacks, librarian,
                                                                director, vice_rector):
    deadline(ApprovalStage.DIRECTOR)
    deadline(ApprovalStage.VICE_RECTOR)
    plan = work_plan_create(department=library_department("service"), year=2026, period=PlanPeriod.YEAR)
    PlanActivity.objects.create(plan=plan, description="Көрме")
    approval_submit(plan=plan, document=ApprovalDocument.PLAN, user=librarian)
    with django_capture_on_commit_callbacks(execute=True):
        approval_reminders_send(on=dt.date(2026, 1, 18))
    assert set(ApprovalReminder.objects.values_list("recipient__username", flat=True)) == {"director"}
    (message,) = mail.outbox
    assert message.to == [director.email]
    assert str(plan) in message.body


def test_person_without_an_address_is_logged_not_mailed(django_capture_on_commit_callbacks):
    UserFactory(username="noaddress", email="", roles=["librarian_storage"],
                library_department=library_department("storage"))
    deadline(ApprovalStage.AUTHOR)
    with django_capture_on_commit_callbacks(execute=True):
        approval_reminders_send(on=dt.date(2026, 1, 15))
    assert ApprovalReminder.objects.get(recipient__username="noaddress").status == ReminderStatus.NO_ADDRESS
    assert mail.outbox == []


def test_command_of_the_same_name_runs_the_job_and_is_idempotent(django_capture_on_commit_callbacks, librarian,
                                                                 capsys):
    deadline(ApprovalStage.AUTHOR)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("approval_reminders_send", on="2026-01-15")
        call_command("approval_reminders_send", on="2026-01-15")
    assert ApprovalReminder.objects.filter(recipient=librarian).count() == 1
    assert len([message for message in mail.outbox if librarian.email in message.to]) == 1
    assert "queued 0 reminder(s)" in capsys.readouterr().out


def test_beat_schedule_runs_the_reminders_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["planning-approval-reminders"]
    assert entry["task"] == "planning.approval_reminders_send"
    from celery import current_app

    current_app.loader.import_default_modules()
    assert "planning.approval_reminders_send" in current_app.tasks
