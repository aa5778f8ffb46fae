"""Forms of the digital library's web pages and admin."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from .models import ScanningRequest


class ScanningRequestForm(forms.ModelForm):
    """A department head's request to scan material for a course (607-35)."""

    class Meta:
        model = ScanningRequest
        fields = ["course", "material", "pages", "needed_by", "access_level", "legal_basis", "agreement_reference"]
        widgets = {
            "needed_by": DateInput(),
            "material": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_course(self):
        course = self.cleaned_data["course"].strip()
        if not course:
            raise forms.ValidationError(_("Name the course the material is needed for."))
        return course

