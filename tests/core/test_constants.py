"""The vocabularies every layer shares (core.constants) and their one use each."""

from __future__ import annotations

import datetime as dt

import pytest

from core.constants import Subprocess, YearPart
from core.navigation import SECTION_BY_KEY
from forms_registry.catalogue import FORMS, SUBPROCESSES


@pytest.mark.parametrize(("part", "first", "last"), [
    (YearPart.FIRST_HALF, dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    (YearPart.SECOND_HALF, dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
    (YearPart.YEAR, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
])
def test_a_part_of_the_year_runs_from_its_first_to_its_last_day(part, first, last):
    assert part.dates(2024) == (first, last)


def test_a_risk_or_a_form_belongs_to_one_of_the_six_subprocesses_of_section_5():
    assert [code for code, _label in Subprocess.section_5_choices()] == ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"]
    assert set(SUBPROCESSES) == set(Subprocess.values) - {Subprocess.RISKS}
    assert {form[1] for form in FORMS} <= set(SUBPROCESSES)


def test_navigation_sections_of_the_procedure_are_titled_by_its_subprocesses():
    for subprocess in Subprocess:
        assert SECTION_BY_KEY[subprocess.value].long_title == subprocess.label
