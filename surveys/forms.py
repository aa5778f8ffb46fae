"""The questionnaire as a form: one field per question. The form only reads the values; which answers are
required or valid is the service's rule (`response_submit`), whose errors the view puts back on the fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import INVITATIONS_MAX, SCALE_VALUES, TEXT_ANSWER_MAX_LENGTH, QuestionKind
from .models import Survey

SCALE_LABELS = {1: _("1 — very poor"), 2: "2", 3: "3", 4: "4", 5: _("5 — excellent")}


def field_name(question_id: int) -> str:
    return f"q{question_id}"


class SurveyAnswerForm(forms.Form):
    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.prefetch_related("choices"))
        for question in self.questions:
            label = question.text
            if question.kind == QuestionKind.SCALE:
                field = forms.TypedChoiceField(choices=[(v, SCALE_LABELS[v]) for v in SCALE_VALUES], coerce=int,
                                               widget=forms.RadioSelect, required=False)
            elif question.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(choices=[(c.pk, c.text) for c in question.choices.all()],
                                          widget=forms.RadioSelect, required=False)
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(choices=[(c.pk, c.text) for c in question.choices.all()],
                                                  widget=forms.CheckboxSelectMultiple, required=False)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                        max_length=TEXT_ANSWER_MAX_LENGTH)
            field.label = f"{label}{' *' if question.is_required else ''}"
            self.fields[field_name(question.pk)] = field

    def answers(self) -> dict[int, object]:
        return {question.pk: self.cleaned_data.get(field_name(question.pk)) for question in self.questions}

    def add_service_errors(self, errors: dict[int, str]) -> None:
        for question_id, message in errors.items():
            self.add_error(field_name(question_id), message)


class InvitationsForm(forms.Form):
    count = forms.IntegerField(label=_("How many one-time links"), min_value=1, max_value=INVITATIONS_MAX,
                               initial=50)
