"""Forms of the cabinet and the desk (they parse input; the rules are in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FeedbackCard, IllRequest


class IllRequestForm(forms.ModelForm):
    class Meta:
        model = IllRequest
        fields = ["kind", "author", "title", "host", "publication_year", "volume_issue", "pages", "isbn_issn",
                  "citation_source", "needed_by"]
        widgets = {"needed_by": forms.DateInput(attrs={"type": "date"})}


RATING_CHOICES = [(n, str(n)) for n in range(5, 0, -1)]


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = FeedbackCard
        fields = ["service", "rating_access", "rating_fund", "rating_e_resources", "rating_staff", "rating_comfort",
                  "rating_overall", "not_obtained", "suggestions"]
        widgets = {
            name: forms.Select(choices=RATING_CHOICES)
            for name in ("rating_access", "rating_fund", "rating_e_resources", "rating_staff", "rating_comfort",
                         "rating_overall")
        } | {"not_obtained": forms.Textarea(attrs={"rows": 2}), "suggestions": forms.Textarea(attrs={"rows": 3})}


class ReplacementForm(forms.Form):
    inventory_number = forms.CharField(label=_("inventory number of the replacement"), max_length=32)
    barcode = forms.CharField(label=_("barcode"), max_length=32, required=False)
    price = forms.DecimalField(label=_("price"), max_digits=12, decimal_places=2, required=False, min_value=0)
