"""Jobs that wait for the Celery queue, and the sweep that queues them again after a broker outage.

A use case saves its job (a plagiarism check, an import, a book export, a notice) with a waiting status and
its `queued_at`, and publishes its task after commit (`AfterCommitTask.delay_on_commit`). When Redis is down
the publish fails in about a second, the job's row stays saved and waiting, and the user is told it will
start once the queue is back. Every few minutes `requeue_stale_jobs` (beat, and the management command of
the same name) publishes each job still waiting long after its `queued_at` again.

Idempotent: a job is re-queued only while it is still waiting (a running or finished job never is), and
only by the sweep that moves its `queued_at` on (one conditional UPDATE), so two sweeps at once, or a sweep
run twice, queue it once. The tasks claim their job the same way, so a message delivered twice runs once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from celery import current_app
from django.apps import apps
from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueuedJobs:
    """A model whose rows are jobs run by a task taking the row's id."""

    model: str  # "app_label.ModelName"
    task: str  # the Celery task's name
    waiting: tuple[str, ...]  # statuses of a job that waits for a worker
    status_field: str = "status"
    queued_at_field: str = "queued_at"


_registry: dict[str, QueuedJobs] = {}


def register_queued_jobs(*, model: str, task: str, waiting: tuple[str, ...], status_field: str = "status",
                         queued_at_field: str = "queued_at") -> None:
    """Called from an app's `AppConfig.ready()` for each model of jobs the sweep looks after."""
    _registry[model] = QueuedJobs(model=model, task=task, waiting=tuple(waiting), status_field=status_field,
                                  queued_at_field=queued_at_field)


def queued_jobs() -> list[QueuedJobs]:
    return list(_registry.values())


def stale_after() -> dt.timedelta:
    return dt.timedelta(minutes=settings.QUEUE_STALE_AFTER_MINUTES)


def requeue_stale_jobs(*, at: dt.datetime | None = None, older_than: dt.timedelta | None = None) -> dict[str, int]:
    """Publish again every job still waiting `older_than` (QUEUE_STALE_AFTER_MINUTES) after it was queued;
    returns the jobs re-queued per model. Stops at the first failed publish: the broker is still down, and
    the next run will try again."""
    at = at or timezone.now()
    cutoff = at - (stale_after() if older_than is None else older_than)
    requeued: dict[str, int] = {}
    current_app.loader.import_default_modules()  # every app's tasks (the management command runs outside a worker)
    for jobs in queued_jobs():
        model = apps.get_model(jobs.model)
        task = current_app.tasks[jobs.task]
        manager = model._default_manager
        waiting = {f"{jobs.status_field}__in": jobs.waiting}
        stale = (manager.filter(**waiting, **{f"{jobs.queued_at_field}__lt": cutoff})
                 .order_by(jobs.queued_at_field, "pk").values_list("pk", jobs.queued_at_field))
        count = 0
        for pk, queued_at in list(stale):
            claimed = manager.filter(pk=pk, **waiting, **{jobs.queued_at_field: queued_at}).update(
                **{jobs.queued_at_field: at})
            if not claimed:
                continue  # started, finished or re-queued by another sweep meanwhile
            if not task.publish_safely((pk,)):
                requeued[jobs.model] = count
                logger.warning("requeue_stale_jobs: the broker is still unreachable; stopped")
                return requeued
            count += 1
        requeued[jobs.model] = count
    return requeued
