"""Forms of the public site's pages."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

STATISTICS_DEFAULT_DAYS = 30
# A period longer than this is refused: the chart draws one bar pair per day.
STATISTICS_MAX_DAYS = 366


class PeriodForm(forms.Form):
    """The statistics page's period, both ends inclusive: the last 30 days unless chosen."""

    date_from = forms.DateField(label=_("from"), widget=DateInput(), required=False)
    date_to = forms.DateField(label=_("to"), widget=DateInput(), required=False)

    def clean(self) -> dict:
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to:
            if date_from > date_to:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (date_to - date_from).days >= STATISTICS_MAX_DAYS:
                raise forms.ValidationError(_("Choose a period of at most a year."))
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        data = self.cleaned_data if self.is_valid() else {}
        date_to = data.get("date_to") or timezone.localdate()
        date_from = data.get("date_from") or date_to - dt.timedelta(days=STATISTICS_DEFAULT_DAYS - 1)
        return date_from, date_to
