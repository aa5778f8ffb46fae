"""Date fields are the browser's date picker, which keeps only ISO dates (core.forms.DateInput)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from core.forms import DateInput
from digital_library.forms import ScanningRequestForm
from planning.forms import KpiPeriodForm
from storage.forms import RecentPeriodForm


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_date_is_written_in_iso_whatever_the_language(language):
    with translation.override(language):
        html = DateInput().render("on", dt.date(2026, 12, 3))
    assert 'type="date"' in html
    assert 'value="2026-12-03"' in html


@pytest.mark.parametrize("form_class", [ScanningRequestForm, KpiPeriodForm, RecentPeriodForm])
def test_a_form_offers_its_initial_date_in_iso_in_kazakh(form_class):
    with translation.override("kk"):
        html = str(form_class(initial={"needed_by": dt.date(2026, 12, 3), "date_from": dt.date(2026, 12, 3)}))
    assert 'value="2026-12-03"' in html
