"""Periodic jobs of the core app (plain data, read while settings load)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Jobs a broker outage left waiting are queued again once it is back (management command of the same name).
    "requeue_stale_jobs": {"task": "core.requeue_stale_jobs", "schedule": crontab(minute="*/5")},
}
