"""Celery application: Redis broker when REDIS_URL is set, eager in-process execution otherwise.

Every task is a `core.tasks.AfterCommitTask` (published after commit, never raising into a committed
caller, retried with backoff); the broker's fail-fast timeouts are in settings (CELERY_*).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kitaphana", task_cls="core.tasks:AfterCommitTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
