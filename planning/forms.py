from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput


class KpiPeriodForm(forms.Form):
    date_from = forms.DateField(label=_("from"), widget=DateInput(), required=False)
    date_to = forms.DateField(label=_("to"), widget=DateInput(), required=False)

    # The previous period is compared too, so a period reaching the calendar's edges (year 1, year 9999) has no
    # previous period to compute; the library's data lie well within these years.
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

    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen period; by default the current year up to today."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        date_to = data.get("date_to") or today
        date_from = data.get("date_from") or date_to.replace(month=1, day=1)
        return date_from, date_to
