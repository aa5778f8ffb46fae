"""Forms of the outreach pages: exhibition requests (607-47), class bookings, information requests (607-49) and the
librarian's decisions. They parse input; the rules are in `services/information_outreach.py`."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from .constants import BOOKABLE_EVENT_KINDS, EventKind
from .models import ClassBooking, ExhibitionRequest, InfoServiceRequest, LiteracyPlanItem


class ExhibitionRequestForm(forms.ModelForm):
    class Meta:
        model = ExhibitionRequest
        fields = ["topic", "occasion", "kind", "date_from", "date_to", "place", "note"]
        widgets = {"date_from": DateInput(), "date_to": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_to"] < cleaned["date_from"]:
            self.add_error("date_to", _("The exhibition cannot end before it starts."))
        return cleaned


class PlanItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: LiteracyPlanItem) -> str:
        return f"{obj.get_kind_display()}: {obj.topic}"


class ClassBookingForm(forms.ModelForm):
    plan_item = PlanItemChoice(label=_("topic from the plan"), queryset=LiteracyPlanItem.objects.none(),
                               required=False, empty_label=_("— my own topic —"))
    topic = forms.CharField(label=_("your own topic"), max_length=500, required=False,
                            help_text=_("Leave empty when you choose a topic from the plan."))
    kind = forms.ChoiceField(label=_("kind"),
                             choices=[(kind.value, kind.label) for kind in EventKind if kind in BOOKABLE_EVENT_KINDS])

    class Meta:
        model = ClassBooking
        fields = ["kind", "plan_item", "topic", "group_name", "students_count", "preferred_from", "preferred_to",
                  "note"]
        widgets = {"preferred_from": DateInput(), "preferred_to": DateInput(),
                   "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = LiteracyPlanItem.objects.filter(
            year=timezone.localdate().year, kind__in=BOOKABLE_EVENT_KINDS)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("plan_item") and not (cleaned.get("topic") or "").strip():
            self.add_error("topic", _("Choose a topic from the plan or write your own."))
        start, end = cleaned.get("preferred_from"), cleaned.get("preferred_to")
        if start and end and end < start:
            self.add_error("preferred_to", _("The end of the preferred dates is before their start."))
        return cleaned


class InfoServiceRequestForm(forms.ModelForm):
    class Meta:
        model = InfoServiceRequest
        fields = ["kind", "topic", "details", "preferred_date", "audience", "participants_expected"]
        widgets = {"preferred_date": DateInput(), "details": forms.Textarea(attrs={"rows": 4})}


class RefusalForm(forms.Form):
    reason = forms.CharField(label=_("reason for refusal"), widget=forms.Textarea(attrs={"rows": 2}))


class ConfirmBookingForm(forms.Form):
    held_on = forms.DateField(label=_("date of the event"), widget=DateInput())
    place = forms.CharField(label=_("place"), max_length=255, required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 5}))
    held_on = forms.DateField(label=_("held on"), widget=DateInput(), required=False,
                              help_text=_("The day of the consultation or training; today when left empty."))


class AttendanceForm(forms.Form):
    extra_names = forms.CharField(label=_("also came (one name per line)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
