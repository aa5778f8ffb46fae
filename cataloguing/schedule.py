"""Periodic jobs of cataloguing (plain data, read while settings load)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Database passports (607-27) of the year, made on 31 December late evening (QP 607 §5.3).
    "cataloguing-yearly-database-passports": {
        "task": "cataloguing.passports_make",
        "schedule": crontab(month_of_year=12, day_of_month=31, hour=22, minute=0),
    },
}
