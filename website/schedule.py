"""Periodic jobs of the public site (plain data, read while settings load)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Redis holds the day's counts; the statistics page and §7 read the database, at most this far behind.
    "website-visits-flush": {
        "task": "website.visits_flush",
        "schedule": crontab(minute="*/5"),
    },
}
