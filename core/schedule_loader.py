"""Collects the Celery beat schedule from each app's optional `schedule.py`.

Read while settings load, so a `schedule.py` holds plain data only (task names and crontabs), no models.
"""

from __future__ import annotations

import importlib
import importlib.util


def collect_beat_schedule(app_modules: list[str]) -> dict:
    schedule: dict = {}
    for app in app_modules:
        module_name = f"{app}.schedule"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        for name, entry in getattr(module, "BEAT_SCHEDULE", {}).items():
            if name in schedule:
                raise ValueError(f"Duplicate beat schedule entry {name!r} in {module_name}")
            schedule[name] = entry
    return schedule
