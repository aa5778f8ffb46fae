"""The search box and facet filters of the public catalogue page (GET parameters)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cataloguing.constants import DocumentType

from .selectors import SearchFilters


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the catalogue"), max_length=500, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "autofocus": True, "placeholder": _(
                            "Title, author, subject, ISBN or UDC — in Kazakh, Russian or English, any script")}))
    database = forms.SlugField(label=_("Catalogue database"), max_length=32, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1000, max_value=2999, required=False)
    year_from = forms.IntegerField(label=_("Year from"), min_value=1000, max_value=2999, required=False)
    year_to = forms.IntegerField(label=_("Year to"), min_value=1000, max_value=2999, required=False)
    language = forms.RegexField(label=_("Language"), regex=r"^[a-z]{3}$", required=False)
    document_type = forms.ChoiceField(label=_("Document type"), choices=[("", "—"), *DocumentType.choices],
                                      required=False)
    available = forms.BooleanField(label=_("Available now"), required=False)
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            database=data.get("database") or "", year=data.get("year"), year_from=data.get("year_from"),
            year_to=data.get("year_to"), language=data.get("language") or "",
            document_type=data.get("document_type") or "", available=bool(data.get("available")),
        )
