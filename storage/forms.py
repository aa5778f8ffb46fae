from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput


class PeriodForm(forms.Form):
    date_from = forms.DateField(label=_("from"), widget=DateInput(), required=False)
    date_to = forms.DateField(label=_("to"), widget=DateInput(), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data

    def period(self, default_days: int = 30) -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        date_to = data.get("date_to") or today
        date_from = data.get("date_from") or date_to - dt.timedelta(days=default_days - 1)
        return date_from, date_to
