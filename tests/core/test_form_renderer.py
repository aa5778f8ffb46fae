"""Forms drawn by the project's renderer show errors the way Pico styles them (issue 14.5): the invalid input marked
aria-invalid and described by a <small> right after it, non-field errors as an alert; no bare bulleted errorlist."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class PeriodForm(forms.Form):
    date_from = forms.DateField(label="From")
    agree = forms.BooleanField(label="I agree")

    def clean(self):
        raise ValidationError("The period is empty.")


def test_an_invalid_field_is_marked_and_its_error_follows_it_in_a_small():
    html = PeriodForm({"date_from": "not a date"}).as_div()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_date_from_error"' in html
    field_input = html.index('name="date_from"')
    error = html.index('<small class="field-errors" role="alert" id="id_date_from_error">')
    assert field_input < error
    assert '<ul class="errorlist" id="id_date_from_error">' not in html


def test_non_field_errors_are_an_alert():
    html = PeriodForm({"date_from": "2026-01-01", "agree": "on"}).as_div()
    assert '<div class="messages" role="alert"><div class="error">' in html
    assert "The period is empty." in html


def test_a_checkbox_sits_inside_its_label():
    html = PeriodForm().as_div()
    assert '<label for="id_agree"><input type="checkbox" name="agree"' in html
