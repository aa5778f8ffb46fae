"""Periodic jobs of the originality checker (plain data, read while settings load)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Full texts added to the digital library during the day join the comparison collection at night.
    "antiplagiarism-index-digital-library": {
        "task": "antiplagiarism.collection_index_digital_library",
        "schedule": crontab(hour=2, minute=30),
    },
}
