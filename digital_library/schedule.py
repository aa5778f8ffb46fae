"""Periodic jobs of the digital library (plain data, read while settings load)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Nightly backup of the database and media files, with pruning of old archives (QP 607 §5.4).
    "digital-library-nightly-backup": {
        "task": "digital_library.backup_create",
        "schedule": crontab(hour=2, minute=30),
    },
    # The off-site copy (issue 18; QP 607 risk 4.2): the database dump and the media manifest into the S3 bucket,
    # once per day whatever the retries; a no-op without S3_BUCKET.
    "digital-library-offsite-backup": {
        "task": "digital_library.backup_offsite",
        "schedule": crontab(hour=3, minute=15),
    },
    # Files whose embargo ended today become visible to OAI-PMH harvesters with a fresh datestamp.
    "digital-library-lift-embargoes": {
        "task": "digital_library.digital_file_lift_embargoes",
        "schedule": crontab(hour=0, minute=5),
    },
}
