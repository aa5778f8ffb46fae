"""Periodic jobs of circulation (plain data, read while settings load)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Holds last exactly 24 hours; a sweep every 5 minutes keeps a copy back on the shelf soon after.
    "circulation-expire-reservations": {
        "task": "circulation.reservation_expire_due",
        "schedule": crontab(minute="*/5"),
    },
    "circulation-overdue-notices": {
        "task": "circulation.overdue_notices_send",
        "schedule": crontab(hour=9, minute=0),
    },
}
