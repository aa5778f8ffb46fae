"""Web forms of cataloguing's pages (the admin has its own)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import WorkType


class UdcRequestForm(forms.Form):
    """An author's request for a UDC index (607-29)."""

    authors = forms.CharField(label=_("author(s)"), max_length=500,
                              help_text=_("Surnames and initials of all authors."))
    department = forms.CharField(label=_("department, position"), max_length=500, required=False)
    work_type = forms.ChoiceField(label=_("type of work"), choices=WorkType.choices)
    title = forms.CharField(label=_("title of the work"), widget=forms.Textarea(attrs={"rows": 2}))
    annotation = forms.CharField(label=_("abstract or keywords"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))
