"""Celery application: Redis broker when REDIS_URL is set, eager in-process execution otherwise."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kitaphana")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
