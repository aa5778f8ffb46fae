"""Web forms of acquisitions: department requests with their lines, review and the order's steps."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

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
# An HTML date input keeps only ISO dates: a date rendered in the page's locale ("03.12.2026" in Kazakh) shows as an
# empty field, so a prefilled date or a saved draft's would be lost and the form refused.
DATE_WIDGETS = {
    "access_from": DateInput(),
    "access_to": DateInput(),
    "reason": forms.Textarea(attrs={"rows": 2}),
    "title": forms.TextInput(attrs={"data-holdings": "1", "autocomplete": "off"}),
}


class RequestForm(forms.ModelForm):
    class Meta:
        model = AcquisitionRequest
        fields = ["academic_year", "funding_source", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


def line_formset_class(kind: str):
    """A formset of request lines showing the fields of this kind of request.

    One empty line to begin with (no extra ones: three blank lines made the page 4,700 px tall); the page adds
    lines as needed by copying `empty_form`, and the formset takes whatever count the browser posts.
    """
    return inlineformset_factory(
        AcquisitionRequest, RequestLine, fields=LINE_FIELDS[kind], widgets=DATE_WIDGETS, extra=0, can_delete=True,
        min_num=1, validate_min=True,
    )


class CorrectionForm(forms.Form):
    copies = forms.IntegerField(label=_("copies approved"), min_value=0)
    reason = forms.ChoiceField(label=_("reason for correction"), choices=CorrectionReason.choices)
    note = forms.CharField(label=_("comment"), max_length=300, required=False)


class RefusalForm(forms.Form):
    reason = forms.CharField(label=_("reason for refusal"), max_length=300)


class SubscriptionYearForm(forms.Form):
    """The year an agreed subscription order is subscribed for (the consolidated subscription, 607-09)."""

    year = forms.IntegerField(label=_("subscription year"), min_value=2000, max_value=2999)


class BookExportForm(forms.Form):
    """Which book to produce in the background: the summary book of a year or the inventory book (a range)."""

    book = forms.ChoiceField(label=_("book"), choices=(("607-13", _("Inventory book (607-13)")),
                                                       ("607-12", _("Summary accounting book (607-12)"))))
    year = forms.IntegerField(label=_("year (summary book)"), min_value=1900, max_value=2999, required=False)
    number_from = forms.IntegerField(label=_("from inventory number"), min_value=1, required=False)
    number_to = forms.IntegerField(label=_("to inventory number"), min_value=1, required=False)

    def clean(self):
        data = super().clean()
        if data.get("book") == "607-12" and not data.get("year"):
            self.add_error("year", _("The summary book is produced for a year."))
        return data

    def book_params(self) -> dict:
        """The form registry's parameters of the chosen book (those the reports page and the CLI take)."""
        data = self.cleaned_data
        if data["book"] == "607-12":
            return {"year": data["year"]}
        return {"number_from": data.get("number_from"), "number_to": data.get("number_to")}


class StocktakingStartForm(forms.Form):
    department = forms.ModelChoiceField(label=_("library department"), queryset=None, required=False)
    database = forms.ModelChoiceField(label=_("catalogue database"), queryset=None, required=False)
    basis = forms.CharField(label=_("basis (order)"), max_length=255, required=False)
    commission = forms.CharField(label=_("commission"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        from accounts.models import LibraryDepartment
        from cataloguing.models import CatalogueDatabase

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = LibraryDepartment.objects.all()
        self.fields["database"].queryset = CatalogueDatabase.objects.all()


class ScanForm(forms.Form):
    barcodes = forms.CharField(label=_("barcodes"), required=False, widget=forms.Textarea(attrs={"rows": 1}),
                               help_text=_("Scan into this field; several barcodes may be pasted, one a line."))
    file = forms.FileField(label=_("or a file of barcodes"), required=False)

    def codes(self) -> list[str]:
        text = self.cleaned_data.get("barcodes") or ""
        upload = self.cleaned_data.get("file")
        if upload:
            text += "\n" + upload.read().decode("utf-8", errors="replace")
        return [code.strip() for code in text.replace(",", "\n").replace(";", "\n").splitlines() if code.strip()]


class WriteOffForm(forms.Form):
    reason = forms.ChoiceField(label=_("reason"), choices=[])
    drawn_on = forms.DateField(label=_("drawn up on"), widget=DateInput())
    inventory_numbers = forms.CharField(label=_("inventory numbers"), widget=forms.Textarea(attrs={"rows": 4}),
                                        help_text=_("One a line."))
    commission = forms.CharField(label=_("commission"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    protocol = forms.CharField(label=_("protocol of the fund safety commission"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        from .constants import WriteOffReason

        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = WriteOffReason.choices

    def clean_inventory_numbers(self):
        from cataloguing.models import Item

        numbers = [n.strip() for n in self.cleaned_data["inventory_numbers"].splitlines() if n.strip()]
        items = list(Item.objects.filter(inventory_number__in=numbers))
        unknown = sorted(set(numbers) - {item.inventory_number for item in items})
        if unknown:
            raise forms.ValidationError(_("Unknown inventory numbers: %(numbers)s") % {"numbers": ", ".join(unknown)})
        return items


class ReceiptForm(forms.Form):
    source = forms.ChoiceField(label=_("source of receipt"), choices=[])
    received_on = forms.DateField(label=_("date of receipt"),
                                  widget=DateInput())
    contract = forms.ModelChoiceField(label=_("contract"), queryset=None, required=False)
    invoice = forms.ModelChoiceField(label=_("invoice"), queryset=None, required=False)
    donor = forms.CharField(label=_("donor / from whom"), max_length=255, required=False)
    document = forms.CharField(label=_("accompanying document"), max_length=255, required=False)
    department = forms.ModelChoiceField(label=_("library department"), queryset=None, required=False)
    commission = forms.CharField(label=_("commission"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    valuation_basis = forms.ChoiceField(label=_("basis of valuation (gifts)"), choices=[], required=False)

    def __init__(self, *args, **kwargs):
        from accounts.models import LibraryDepartment

        from .constants import ReceiptSource, ValuationBasis
        from .models import Contract, Invoice

        super().__init__(*args, **kwargs)
        self.fields["source"].choices = ReceiptSource.choices
        self.fields["valuation_basis"].choices = [("", "—"), *ValuationBasis.choices]
        self.fields["contract"].queryset = Contract.objects.select_related("supplier")
        self.fields["invoice"].queryset = Invoice.objects.all()
        self.fields["department"].queryset = LibraryDepartment.objects.all()


class ReceiptLineForm(forms.Form):
    record = forms.CharField(label=_("record (control number or ISBN)"), max_length=64)
    copies = forms.IntegerField(label=_("copies"), min_value=1)
    price = forms.DecimalField(label=_("price per copy"), min_value=0, max_digits=12, decimal_places=2)
    accounting = forms.ChoiceField(label=_("accounting"), choices=[])
    order_line = forms.ModelChoiceField(label=_("consolidated order line"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        from .constants import Accounting, LineStatus
        from .models import ConsolidatedOrderLine

        super().__init__(*args, **kwargs)
        self.fields["accounting"].choices = Accounting.choices
        # A select always posts a value: without the same initial value, every blank extra line would count as
        # changed and be refused as incomplete, so a receipt could never be entered from the page.
        self.fields["accounting"].initial = Accounting.INVENTORY
        self.fields["order_line"].queryset = ConsolidatedOrderLine.objects.filter(
            status__in=(LineStatus.ORDERED, LineStatus.PARTLY_RECEIVED, LineStatus.IN_PROCUREMENT))

    def clean_record(self):
        from cataloguing.models import BibliographicRecord

        key = self.cleaned_data["record"].strip()
        isbn = "".join(ch for ch in key.upper() if ch.isdigit() or ch == "X")
        record = BibliographicRecord.objects.filter(control_number=key).first() or (
            BibliographicRecord.objects.filter(isbn=isbn).order_by("-pk").first() if len(isbn) >= 10 else None)
        if record is None:
            raise forms.ValidationError(_("No catalogue record with this control number or ISBN."))
        return record


ReceiptLineFormSet = forms.formset_factory(ReceiptLineForm, extra=3, min_num=1, validate_min=True)
