"""The project's form renderer: every form drawn with `{{ form }}` / `as_div` / `as_field_group` shows its errors the
way Pico CSS styles them (issue 14.5), instead of Django's bare bulleted `errorlist`."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """The browser's date picker (`<input type="date">`). Its value is always ISO 8601 whatever the interface
    language: a localized date ("03.12.2026") is dropped by the browser and the field shows empty."""

    input_type = "date"

    def __init__(self, attrs=None, format=ISO_DATE):
        super().__init__(attrs=attrs, format=format)


class FormRenderer(DjangoTemplates):
    """Django's template renderer with the project's form and field templates.

    A field with errors already carries `aria-invalid="true"` and `aria-describedby="<id>_error"` (Django 5.2);
    the field template puts the errors right after the input in a `<small id="<id>_error">`, the helper Pico
    colours after an invalid input, and the form template shows non-field errors as an alert.
    """

    form_template_name = "core/forms/div.html"
    field_template_name = "core/forms/field.html"
    # `form.as_div` names Django's template itself rather than asking the renderer: draw it with ours too.
    replaced_templates = {"django/forms/div.html": form_template_name}

    def get_template(self, template_name: str):
        return super().get_template(self.replaced_templates.get(template_name, template_name))


class PeriodForm(forms.Form):
    """A report's period, both ends inclusive and optional: by default the current year up to today (a subclass
    changes `default_period`)."""

    date_from = forms.DateField(label=_("from"), widget=DateInput(), required=False)
    date_to = forms.DateField(label=_("to"), widget=DateInput(), required=False)

    # A report compared with the period before it needs room before and after; the library's data lie well
    # within these years, and a date at the calendar's edges (year 1, year 9999) would overflow that arithmetic.
    FIRST_YEAR, LAST_YEAR = 1900, 2200

    def clean(self):
        data = super().clean()
        for name in ("date_from", "date_to"):
            day = data.get(name)
            if day and not self.FIRST_YEAR <= day.year <= self.LAST_YEAR:
                self.add_error(name, _("Choose a date between %(first)s and %(last)s.") % {
                    "first": self.FIRST_YEAR, "last": self.LAST_YEAR})
                data.pop(name, None)
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data

    def default_period(self, date_to: dt.date) -> dt.date:
        """The first day of the period when only its end (or nothing) is given."""
        return date_to.replace(month=1, day=1)

    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen period; by default the current year up to today."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        date_to = data.get("date_to") or today
        date_from = data.get("date_from") or self.default_period(date_to)
        return date_from, date_to
