"""Issue 15, "done when": the demo fills every indicator of section 7, so `manage.py kpi` prints no empty value for
the demo year. One module fixture loads the demo (as `load_demo` does) in a transaction rolled back at the end."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from core.demodata import load_all


@pytest.fixture(scope="module")
def demo_kpi(django_db_setup, django_db_blocker) -> list[dict]:
    year = timezone.localdate().year
    out = io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        load_all(io.StringIO())
        call_command("kpi", "--from", f"{year}-01-01", "--to", f"{year}-12-31", "--format", "json", stdout=out)
        transaction.set_rollback(True)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_demo_year_has_a_figure_for_every_indicator(demo_kpi):
    assert [entry["code"] for entry in demo_kpi if entry["value"] is None] == []



@pytest.mark.django_db
def test_the_demo_year_has_something_to_count_for_every_indicator(demo_kpi):
    assert [entry["code"] for entry in demo_kpi if not entry["value"]] == []
