"""Periodic jobs of equipment (plain data, read while settings load)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Every morning before the library opens: maintenance past its date becomes a risk event (idempotent).
    "equipment-maintenance-overdue-check": {
        "task": "equipment.maintenance_overdue_check",
        "schedule": crontab(hour=6, minute=30),
    },
}
