"""Periodic jobs of risks (plain data, read while settings load)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Readings are announced as they are saved; this nightly pass catches any saved without the signal
    # (e.g. a bulk load), so the register of risk 6.1 events stays complete.
    "risks-sync-storage-readings": {
        "task": "risks.risk_events_sync_storage",
        "schedule": crontab(hour=2, minute=15),
    },
}
