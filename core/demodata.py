"""Demo data: each app may have a `demo.py` with `load(stdout) -> None`; `load_demo` runs them in
dependency order (the order of LOCAL_APPS). Every loader is idempotent: running it again changes nothing."""

from __future__ import annotations

import importlib
import importlib.util

from django.conf import settings
from django.db import transaction

DEMO_PASSWORD = "demo12345"  # noqa: S105 - the documented password of the demo personas, never in production


def load_all(stdout) -> list[str]:
    loaded = []
    for app in settings.LOCAL_APPS:
        module_name = f"{app}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        with transaction.atomic():
            module.load(stdout)
        loaded.append(app)
    return loaded
