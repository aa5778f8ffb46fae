"""Web forms of acquisitions: department requests with their lines, review and the order's steps."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .constants import CorrectionReason, RequestKind
from .models import AcquisitionRequest, RequestLine

LINE_FIELDS = {
    RequestKind.PURCHASE: [
        "discipline", "programme", "literature_kind", "author", "title", "publisher", "year", "isbn", "language",
        "copies_requested", "students", "reason",
    ],
    RequestKind.SUBSCRIPTION: [
        "title", "subscription_index", "issn", "language", "issues_per_year", "period", "copies_requested", "reason",
    ],
    RequestKind.TRIAL_ACCESS: ["title", "provider", "url", "access_from", "access_to", "reason"],
    RequestKind.E_PURCHASE: [
        "title", "provider", "url", "access_from", "access_to", "copies_requested", "students", "reason",
    ],
}
DATE_WIDGETS = {
    "access_from": forms.DateInput(attrs={"type": "date"}),
    "access_to": forms.DateInput(attrs={"type": "date"}),
    "reason": forms.Textarea(attrs={"rows": 2}),
    "title": forms.TextInput(attrs={"data-holdings": "1", "autocomplete": "off"}),
}


class RequestForm(forms.ModelForm):
    class Meta:
        model = AcquisitionRequest
        fields = ["academic_year", "funding_source", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


def line_formset_class(kind: str):
    """A formset of request lines showing the fields of this kind of request."""
    return inlineformset_factory(
        AcquisitionRequest, RequestLine, fields=LINE_FIELDS[kind], widgets=DATE_WIDGETS, extra=2, can_delete=True,
        min_num=1, validate_min=True,
    )


class CorrectionForm(forms.Form):
    copies = forms.IntegerField(label=_("copies approved"), min_value=0)
    reason = forms.ChoiceField(label=_("reason for correction"), choices=CorrectionReason.choices)
    note = forms.CharField(label=_("comment"), max_length=300, required=False)


class RefusalForm(forms.Form):
    reason = forms.CharField(label=_("reason for refusal"), max_length=300)
