"""A broker outage fails fast and loses nothing (issue 13, point 7): with Redis down a saved job stays saved
and waiting, the page says the work will start once the queue is back, and the sweep queues it again."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import subprocess
import time
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerError

from acquisitions.models import BookExport, BookExportStatus
from acquisitions.services.exports import book_export_request
from config.celery import app
from core.models import ImportJob
from core.queueing import queued_jobs, requeue_stale_jobs
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REDIS_DB = 5
LATER = dt.timedelta(minutes=30)


def _free_port() -> int:
    for port in range(6390, 6400):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 6390-6399 for a private redis-server")


class PrivateRedis:
    """A redis-server of this test's own, started and stopped at will (the shared one is never touched)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/{REDIS_DB}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        client = redis.Redis(port=self.port, db=REDIS_DB, socket_connect_timeout=0.2)
        for _attempt in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def queued_tasks(self) -> list[tuple[str, list]]:
        import redis

        messages = redis.Redis(port=self.port, db=REDIS_DB).lrange("celery", 0, -1)
        tasks = []
        for raw in messages:
            message = json.loads(raw)
            body = json.loads(__import__("base64").b64decode(message["body"]))
            tasks.append((message["headers"]["task"], body[0]))
        return tasks


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: the broker outage test needs a Redis of its own to stop")
    server = PrivateRedis(_free_port())
    server.start()
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=server.url, result_backend=server.url, task_always_eager=False)
    _reset_connections()
    yield server
    server.stop()
    app.conf.update(saved)
    _reset_connections()


def _reset_connections() -> None:
    app._pool = None
    app.__dict__.pop("amqp", None)
    for attribute in ("backend",):
        if hasattr(app._local, attribute):
            delattr(app._local, attribute)


def test_with_the_broker_down_a_job_is_saved_fast_and_queued_once_by_the_sweep_when_it_is_back(
        private_redis, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        book_export_request(user=user, form_code="607-13", params={})  # the broker is up: published on commit
    assert [name for name, _args in private_redis.queued_tasks()] == ["acquisitions.book_export_run"]

    private_redis.stop()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        export = book_export_request(user=user, form_code="607-13", params={})
    elapsed = time.monotonic() - started
    assert elapsed < 3, f"publishing with the broker down took {elapsed:.1f} s"  # it hung 19 s before
    export.refresh_from_db()
    assert export.status == BookExportStatus.QUEUED

    private_redis.start()  # an empty Redis: the outage lost whatever was queued, the database did not
    at = timezone.now() + LATER
    requeued = requeue_stale_jobs(at=at)
    assert requeued["acquisitions.BookExport"] == 2  # both exports still waiting are queued again
    assert sorted(args for _name, args in private_redis.queued_tasks()) == sorted(
        [[pk] for pk in BookExport.objects.values_list("pk", flat=True)])

    # Idempotent: a second sweep, or one after the job has started, queues nothing more.
    assert requeue_stale_jobs(at=at)["acquisitions.BookExport"] == 0
    BookExport.objects.filter(pk=export.pk).update(status=BookExportStatus.RUNNING)
    assert requeue_stale_jobs(at=at + LATER)["acquisitions.BookExport"] == 1
    assert len(private_redis.queued_tasks()) == 3


def test_the_sweep_covers_every_kind_of_queued_job():
    assert {jobs.model for jobs in queued_jobs()} >= {
        "antiplagiarism.Check", "core.ImportJob", "acquisitions.BookExport", "cataloguing.MarcImport",
        "circulation.OverdueNotice"}


def test_the_sweep_skips_jobs_queued_recently_and_jobs_no_longer_waiting():
    user = UserFactory()
    fresh = BookExport.objects.create(form_code="607-13", requested_by=user)
    done = BookExport.objects.create(form_code="607-13", requested_by=user, status=BookExportStatus.DONE,
                                     queued_at=timezone.now() - LATER)
    with mock.patch("acquisitions.tasks.book_export_run.apply_async") as publish:
        assert requeue_stale_jobs()["acquisitions.BookExport"] == 0
        assert requeue_stale_jobs(at=timezone.now() + LATER)["acquisitions.BookExport"] == 1
    publish.assert_called_once_with((fresh.pk,), None, ignore_result=True)
    done.refresh_from_db()
    assert done.status == BookExportStatus.DONE


def test_the_sweep_stops_while_the_broker_is_still_down_and_keeps_the_jobs_waiting(settings):
    user = UserFactory()
    first = BookExport.objects.create(form_code="607-13", requested_by=user, queued_at=timezone.now() - LATER)
    BookExport.objects.create(form_code="607-13", requested_by=user, queued_at=timezone.now() - LATER)
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with mock.patch("acquisitions.tasks.book_export_run.apply_async", side_effect=BrokerError("down")) as publish:
            assert requeue_stale_jobs()["acquisitions.BookExport"] == 0
    finally:
        app.conf.task_always_eager = previous
    assert publish.call_count == 1  # stopped at the first failure
    assert set(BookExport.objects.values_list("status", flat=True)) == {BookExportStatus.QUEUED}
    first.refresh_from_db()
    assert first.queued_at > timezone.now() - dt.timedelta(minutes=1)  # tried now; the next run tries again


def test_requeue_stale_jobs_command_runs_the_same_sweep(capsys):
    user = UserFactory()
    job = ImportJob.objects.create(app_label="circulation", model_name="reader", resource="x", input_format="x",
                                   original_name="readers.xlsx", created_by=user,
                                   queued_at=timezone.now() - LATER)
    with mock.patch("core.tasks.import_job_run_task.apply_async") as publish:
        call_command("requeue_stale_jobs")
        call_command("requeue_stale_jobs")
    publish.assert_called_once_with((job.pk,), None, ignore_result=True)
    out = capsys.readouterr().out
    assert "core.ImportJob: re-queued 1" in out
    assert "core.ImportJob: re-queued 0" in out
    assert "requeue_stale_jobs" in __import__("django.conf").conf.settings.CELERY_BEAT_SCHEDULE


@pytest.mark.django_db(transaction=True)  # the check is committed, and published, inside the request
def test_submitting_a_check_with_the_broker_down_keeps_it_tells_the_operator_and_charges_nothing(
        client_for, operator, department):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from antiplagiarism.constants import SESSION_CODE_KEY
    from antiplagiarism.models import Check
    from tests.antiplagiarism.factories import AccessCodeFactory

    code = AccessCodeFactory(operator=operator, department=department, quota=2,
                             valid_from=timezone.localdate() - dt.timedelta(days=1),
                             valid_until=timezone.localdate() + dt.timedelta(days=30))
    client = client_for(operator)
    session = client.session
    session[SESSION_CODE_KEY] = code.pk
    session.save()
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with mock.patch("antiplagiarism.tasks.check_run_task.apply_async", side_effect=BrokerError("down")):
            response = client.post(reverse("antiplagiarism:check_new"), {
                "title": "Бітіру жұмысы", "author": "Сейтқали А.", "department": code.department_id,
                "work_type": "bachelor", "file": SimpleUploadedFile("thesis.txt", "Мәтін ".encode() * 50),
            })
    finally:
        app.conf.task_always_eager = previous
    check = Check.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("antiplagiarism:check", args=[check.pk])
    assert check.status == Check.Status.QUEUED
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    # The notice is in the request's language (Kazakh unless the client asked otherwise).
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = translation.gettext("Your request is saved, but the background queue is unavailable right "
                                       "now. The work will start by itself as soon as the queue is back.")
    assert expected in messages, messages
    code.refresh_from_db()
    assert code.used == 0  # nothing ran, nothing charged
    assert code.waiting == 1
