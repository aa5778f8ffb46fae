from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import RegisterAdmin

from .models import Choice, Question, Survey
from .services import survey_save


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = (("position", "kind", "is_required", "counts_for_satisfaction"), "text_kk", "text_ru", "text_en")
    show_change_link = True  # the options of a choice question are edited on the question's page

    def get_readonly_fields(self, request, obj=None):
        # Answers already given keep their meaning: a question's kind and its place in the satisfaction % stay.
        if obj is not None and obj.responses.exists():
            return ("kind", "counts_for_satisfaction")
        return ()

    def has_delete_permission(self, request, obj=None) -> bool:
        return (obj is None or not obj.responses.exists()) and super().has_delete_permission(request, obj)


@admin.register(Survey)
class SurveyAdmin(RegisterAdmin):
    """§7: the questionnaires of readers and staff, their questions in three languages, open and close dates."""

    list_display = ("title_kk", "audience", "opens_on", "closes_on", "is_anonymous", "response_count", "results")
    list_filter = ("audience", "is_anonymous", "opens_on")
    search_fields = ("title_kk", "title_ru", "title_en")
    date_hierarchy = "opens_on"
    fields = ("title_kk", "title_ru", "title_en", "intro_kk", "intro_ru", "intro_en", "audience",
              ("opens_on", "closes_on"), "is_anonymous", "created_by")
    readonly_fields = ("created_by",)
    inlines = [QuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(response_count=Count("responses"))

    @admin.display(description=_("responses"), ordering="response_count")
    def response_count(self, survey: Survey) -> int:
        return survey.response_count

    @admin.display(description=_("results"))
    def results(self, survey: Survey) -> str:
        return format_html('<a href="{}">{}</a>', reverse("surveys:results", args=[survey.pk]), _("results"))

    def save_model(self, request, obj, form, change):
        survey_save(survey=obj, by=request.user)


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 2
    fields = ("position", "text_kk", "text_ru", "text_en")


@admin.register(Question)
class QuestionAdmin(RegisterAdmin):
    """The questions of the surveys: a 1–5 scale, a single or multiple choice (with their options), or free text."""

    list_display = ("text_kk", "survey", "position", "kind", "is_required", "counts_for_satisfaction")
    list_filter = ("kind", "counts_for_satisfaction", "survey__audience")
    search_fields = ("text_kk", "text_ru", "text_en", "survey__title_kk")
    list_select_related = ("survey",)
    autocomplete_fields = ("survey",)
    inlines = [ChoiceInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.answers.exists():
            return ("survey", "kind", "counts_for_satisfaction")
        return ()
