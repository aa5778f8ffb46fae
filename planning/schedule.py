"""Periodic jobs of planning (plain data, read while settings load)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Before each deadline of the planning calendar, the people who must act are reminded once.
    "planning-approval-reminders": {
        "task": "planning.approval_reminders_send",
        "schedule": crontab(hour=8, minute=30),
    },
}
