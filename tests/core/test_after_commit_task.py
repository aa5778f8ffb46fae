"""One transaction-aware base task for the whole project (issue 13, point 8): published after commit, never
raising into the committed caller, retried with exponential backoff."""

from __future__ import annotations

import re
import smtplib
from pathlib import Path
from unittest import mock

import pytest
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from acquisitions.models import BookExport, BookExportStatus
from acquisitions.services.exports import book_export_request
from config.celery import app
from core.tasks import AfterCommitTask, broker_failures_end, broker_failures_start, ping
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "acquisitions", "antiplagiarism", "catalogue_search", "cataloguing", "circulation", "core",
        "digital_library", "forms_registry", "planning", "risks", "storage")


@pytest.fixture
def broker_mode():
    """Publishing goes to a broker (not run in-process) for the test."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = previous


def test_every_project_task_is_an_after_commit_task_with_retries_and_backoff():
    app.loader.import_default_modules()
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    assert len(ours) >= 10
    for name, task in ours.items():
        assert isinstance(task, AfterCommitTask), name
        assert hasattr(task, "delay_on_commit"), name
    assert issubclass(smtplib.SMTPException, ping.autoretry_for)
    assert ping.retry_backoff
    assert ping.max_retries == 5


def test_delay_on_commit_publishes_only_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with mock.patch("core.tasks.ping.apply_async") as publish:
        with django_capture_on_commit_callbacks() as callbacks:
            with transaction.atomic():
                ping.delay_on_commit("after")
                assert not publish.called
            assert not publish.called  # the test's own transaction has not committed
        assert len(callbacks) == 1
        callbacks[0]()  # the commit
    publish.assert_called_once_with(("after",), {}, ignore_result=True)


def test_delay_on_commit_never_raises_a_publish_error_into_the_caller(broker_mode, django_capture_on_commit_callbacks,
                                                                     caplog):
    user = UserFactory()
    token = broker_failures_start()
    with mock.patch("acquisitions.tasks.book_export_run.apply_async", side_effect=BrokerError("connection refused")), \
            django_capture_on_commit_callbacks(execute=True):
        export = book_export_request(user=user, form_code="607-13", params={})
    failures = broker_failures_end(token)
    export.refresh_from_db()
    assert export.status == BookExportStatus.QUEUED  # saved, waiting for the sweep
    assert failures == ["acquisitions.book_export_run"]
    assert "not queued" in caplog.text


def test_a_task_failing_in_eager_mode_is_logged_not_raised_into_the_committed_caller(
        django_capture_on_commit_callbacks, caplog):
    user = UserFactory()
    with mock.patch("acquisitions.services.exports.book_export_run", side_effect=ValueError("broken renderer")), \
            django_capture_on_commit_callbacks(execute=True):
        book_export_request(user=user, form_code="607-13", params={})
    assert BookExport.objects.get().status == BookExportStatus.QUEUED
    assert "acquisitions.book_export_run failed after commit" in caplog.text


def test_no_hand_written_on_commit_is_left_in_app_code():
    """Every after-commit job goes through AfterCommitTask.delay_on_commit (or run_after_commit); the only
    plain on_commit left deletes a removed file from storage."""
    found = []
    for app_name in APPS:
        for path in (ROOT / app_name).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for match in re.finditer(r"transaction\.on_commit\((.*)", text):
                relative = path.relative_to(ROOT).as_posix()
                if relative == "core/tasks.py" or (
                        relative == "digital_library/services.py" and "storage.delete" in match[1]):
                    continue
                found.append(f"{relative}: {match[0]}")
    assert found == []
