"""Issue 15.3: `manage.py kpi` prints every indicator of section 7 with the figures of the KPI page and its PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from freezegun import freeze_time

from accounts import roles
from planning.indicators import INDICATORS
from planning.services.entrances import entrance_count_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures():
    """A few rows in the first half of 2026 and in the half-year before it."""
    with freeze_time("2026-02-10 09:00"):
        UserFactory(username="spring", roles=[roles.READER])
        UserFactory(username="spring2", roles=[roles.READER])
    with freeze_time("2025-09-10 09:00"):
        UserFactory(username="autumn", roles=[roles.READER])
    entrance_count_record(day=dt.date(2026, 3, 2), entrance="Бас кіреберіс", count=1234)
    entrance_count_record(day=dt.date(2025, 10, 2), entrance="Бас кіреберіс", count=1000)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("kpi", "--from", "2026-01-01", "--to", "2026-06-30", *args, stdout=out)
    return out.getvalue()


def page_figures(client) -> dict[str, tuple]:
    page = client.get(reverse("planning:kpi"), {"date_from": "2026-01-01", "date_to": "2026-06-30"})
    assert page.status_code == 200
    return {row.indicator.code: (row.value, row.previous) for group, _chart in page.context["groups"]
            for row in group.rows}


def test_json_has_every_indicator_with_the_pages_figures(figures, client_for, director):
    printed = json.loads(run("--format", "json"))
    assert [entry["code"] for entry in printed] == list(INDICATORS)
    assert all(set(entry) == {"code", "title", "value", "previous"} for entry in printed)
    page = page_figures(client_for(director))
    assert {entry["code"]: (entry["value"], entry["previous"]) for entry in printed} == {
        code: (None if value is None else float(value) if isinstance(value, Decimal) else value,
               None if previous is None else float(previous) if isinstance(previous, Decimal) else previous)
        for code, (value, previous) in page.items()
    }
    by_code = {entry["code"]: entry for entry in printed}
    assert by_code["visitors"]["value"] == 1234
    assert by_code["visitors"]["previous"] == 1000
    assert by_code["readers_registered"]["value"] == 2
    assert by_code["readers_registered"]["title"] == "Тіркелген оқырмандар"


def test_titles_in_the_language_asked_for(figures):
    titles = {entry["code"]: entry["title"] for entry in json.loads(run("--format", "json", "--language", "ru"))}
    assert titles["visitors"] == "Посещения"
    titles = {entry["code"]: entry["title"] for entry in json.loads(run("--format", "json", "--language", "en"))}
    assert titles["visitors"] == "Visits"


def test_csv_has_a_header_and_a_row_per_indicator(figures):
    rows = list(csv.reader(io.StringIO(run("--format", "csv", "--language", "en"))))
    assert rows[0] == ["code", "title", "value", "previous"]
    assert len(rows) == len(INDICATORS) + 1
    assert ["visitors", "Visits", "1234", "1000"] in rows
    assert ["satisfaction_percent", "User satisfaction (%)", "", ""] in rows  # no answers: no figure, not 0


def test_plain_table_by_default_with_grouped_figures(figures):
    lines = run().splitlines()
    assert len(lines) == len(INDICATORS) + 1
    visitors = next(line for line in lines if line.startswith("visitors "))
    assert "1\xa0234" in visitors
    assert visitors.rstrip().endswith("1\xa0000")
    satisfaction = next(line for line in lines if line.startswith("satisfaction_percent "))
    assert satisfaction.rstrip().endswith("—")


def test_a_period_backwards_or_not_a_date_is_refused():
    with pytest.raises(CommandError):
        call_command("kpi", "--from", "2026-06-30", "--to", "2026-01-01", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("kpi", "--from", "30.06.2026", "--to", "2026-07-01", stdout=io.StringIO())
