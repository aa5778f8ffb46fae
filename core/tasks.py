"""The project's Celery base task, the sweep that re-queues jobs a broker outage left waiting, and a trivial
task that proves the broker and a worker are alive (tests and operations).

Every task of the project is an `AfterCommitTask` (`config.celery` makes it the app's task class). Work
queued by a use case goes through `task.delay_on_commit(...)`: the message is published only once the
transaction that saved the job commits, and a publish that fails (Redis down) is logged and never raised
into the caller, whose work is committed already. The job's row stays waiting, with its `queued_at`, and
`requeue_stale_jobs` publishes it again once the broker is back (see `register_queued_jobs`).
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterable
from contextvars import ContextVar

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from celery.exceptions import Retry
from django.db import InterfaceError, OperationalError, transaction

logger = logging.getLogger(__name__)

# Set by the middleware for one request: how many publishes failed because the broker is unreachable.
_broker_failures: ContextVar[list[str] | None] = ContextVar("kitaphana_broker_failures", default=None)


def broker_failures_start() -> object:
    """Start counting failed publishes (one request); returns the token for `broker_failures_end`."""
    return _broker_failures.set([])


def broker_failures_end(token: object) -> list[str]:
    """The names of the tasks whose publish failed since `broker_failures_start`."""
    failures = _broker_failures.get() or []
    _broker_failures.reset(token)
    return failures


class AfterCommitTask(DjangoTask):
    """Base of every Kitaphana task: published after commit, never failing the committed caller, retried
    with exponential backoff when what it talks to (SMTP, the database, a file store) fails for a moment.

    A task that must not be retried on these errors sets `autoretry_for = ()`; one that records its own
    final failure reads `self.request.retries >= self.max_retries` (see `circulation.tasks.notice_send`).
    """

    # Transient failures: network and SMTP errors (OSError covers smtplib's), a lost database connection.
    autoretry_for = (OSError, OperationalError, InterfaceError)
    retry_backoff = True  # 1, 2, 4, 8 … seconds between attempts
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5

    def apply(self, args=None, kwargs=None, *more, retries: int | None = None, **options):
        """Run in-process (eager mode: development and tests) and retry at once as a worker would later:
        Celery's own `apply` re-raises the retry instead when eager errors propagate (our setting)."""
        try:
            return super().apply(args, kwargs, *more, retries=retries, **options)
        except Retry as retry:
            if retry.sig is None:
                raise
            return retry.sig.apply(retries=(retries or 0) + 1)

    def delay_on_commit(self, *args, **kwargs) -> None:
        """`delay()` once the current transaction commits (at once outside one); never raises."""
        self.apply_async_on_commit(args, kwargs)

    def apply_async_on_commit(self, args: Iterable | None = None, kwargs: dict | None = None, **options) -> None:
        """`apply_async()` once the current transaction commits; a failed publish is logged and left to the
        sweep of stale jobs, never raised into the caller (its work is already committed)."""
        transaction.on_commit(functools.partial(self.publish_safely, args, kwargs, **options))

    def publish_safely(self, args: Iterable | None = None, kwargs: dict | None = None, **options) -> bool:
        """Publish now; True when the message left. Nobody waits for a job published this way (its row
        carries its state), so its result is not stored, and the web process never subscribes to it."""
        options.setdefault("ignore_result", True)
        try:
            self.apply_async(args, kwargs, **options)
        except Exception as error:
            if self.app.conf.task_always_eager:
                # Eager mode (development, tests) runs the task right here: its failure is the task's own,
                # logged as a worker would log it, not the caller's.
                logger.exception("%s failed after commit", self.name)
                return False
            failures = _broker_failures.get()
            if failures is not None:
                failures.append(self.name)
            logger.warning("%s not queued (the broker is unreachable: %r); the sweep of stale jobs will queue "
                           "it again", self.name, error)
            return False
        return True


def run_after_commit(func) -> None:
    """Run `func` once the current transaction commits (at once outside one). An error it raises is logged,
    never raised into the caller whose work is committed. For after-commit work that is not a task (the
    catalogue's batched signals); a task uses `delay_on_commit`."""
    transaction.on_commit(func, robust=True)


@shared_task(bind=True, name="core.ping")
def ping(self, message: str = "ping") -> dict:
    return {"echo": message, "worker": self.request.hostname, "pid": os.getpid()}


@shared_task(name="core.import_job_run")
def import_job_run_task(job_id: int) -> str | None:
    """Check or import an uploaded register file (see core.imports)."""
    from .imports import import_job_run

    job = import_job_run(job_id=job_id)
    return job.status if job else None


@shared_task(name="core.requeue_stale_jobs")
def requeue_stale_jobs_task() -> dict[str, int]:
    """Queue again the jobs still waiting long after they were queued (beat: every 5 minutes)."""
    from .queueing import requeue_stale_jobs

    return requeue_stale_jobs()
