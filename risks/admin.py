from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export import resources

from core.admin import RegisterAdmin

from .exceptions import RiskError
from .models import Risk, RiskEvent, RiskMeasure, RiskReview
from .services import risk_event_record, risk_review_record


class RiskMeasureInline(admin.TabularInline):
    model = RiskMeasure
    extra = 0
    fields = ("description_kk", "description_ru", "description_en", "responsible", "deadline", "status",
              "completed_on", "note")


class RiskReviewInline(admin.TabularInline):
    """Reviews are added here; the latest one becomes the risk's current assessment."""

    model = RiskReview
    extra = 0
    fields = ("reviewed_on", "likelihood", "impact", "conclusion", "reviewed_by")
    readonly_fields = ("reviewed_by",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a review is a record of what was found on that date


class RiskResource(resources.ModelResource):
    class Meta:
        model = Risk
        fields = ("code", "subprocess", "title_kk", "title_ru", "title_en", "consequence_kk", "impact",
                  "likelihood", "owner__code", "last_reviewed_on", "next_review_on")
        export_order = fields
        import_id_fields = ("code",)


@admin.register(Risk)
class RiskAdmin(RegisterAdmin):
    """Section 6: the risk register."""

    resource_classes = [RiskResource]
    list_display = ("code", "title_kk", "subprocess", "impact", "likelihood", "score", "owner", "next_review_on",
                    "event_count")
    list_filter = ("subprocess", "impact", "likelihood", "owner")
    search_fields = ("code", "title_kk", "title_ru", "title_en", "consequence_kk")
    readonly_fields = ("likelihood", "last_reviewed_on", "next_review_on")
    fields = ("code", "subprocess", "owner", "title_kk", "title_ru", "title_en", "consequence_kk", "consequence_ru",
              "consequence_en", "impact", "likelihood", "last_reviewed_on", "next_review_on")
    inlines = [RiskMeasureInline, RiskReviewInline]

    @admin.display(description=_("likelihood × impact"))
    def score(self, risk: Risk):
        return risk.score

    def get_queryset(self, request):
        # The list shows each risk's number of events: counted in the list's query, not one query per risk.
        return super().get_queryset(request).annotate(events_counted=Count("events"))

    @admin.display(description=_("events"), ordering="events_counted")
    def event_count(self, risk: Risk) -> int:
        return risk.events_counted

    def save_formset(self, request, form, formset, change):
        if formset.model is not RiskReview:
            return super().save_formset(request, form, formset, change)
        for review in formset.save(commit=False):
            if review.pk is None:
                risk_review_record(
                    risk=form.instance, reviewed_on=review.reviewed_on, likelihood=review.likelihood,
                    impact=review.impact, conclusion=review.conclusion, reviewed_by=request.user,
                )
        for review in formset.deleted_objects:
            review.delete()
        return None


@admin.register(RiskMeasure)
class RiskMeasureAdmin(RegisterAdmin):
    list_display = ("risk", "description_kk", "responsible", "deadline", "status", "completed_on")
    list_filter = ("status", "risk__subprocess", "deadline")
    search_fields = ("description_kk", "description_ru", "responsible", "risk__code")
    list_select_related = ("risk",)


@admin.register(RiskEvent)
class RiskEventAdmin(RegisterAdmin):
    """Risk events: entered by staff, or recorded by the system (e.g. out-of-norm storage readings)."""

    list_display = ("risk", "occurred_at", "description", "action_taken", "source", "recorded_by")
    list_filter = ("source", "risk", "risk__subprocess", "occurred_at")
    search_fields = ("description", "action_taken", "risk__code", "source_key")
    date_hierarchy = "occurred_at"
    list_select_related = ("risk", "recorded_by")
    fields = ("risk", "occurred_at", "description", "action_taken", "source", "source_key", "recorded_by")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("source", "source_key", "recorded_by")
        return ("risk", "occurred_at", "description", "source", "source_key", "recorded_by")

    def get_changeform_initial_data(self, request):
        return {"occurred_at": timezone.now()}

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        try:
            event = risk_event_record(
                risk_code=obj.risk.code, description=obj.description, occurred_at=obj.occurred_at,
                action_taken=obj.action_taken, recorded_by=request.user,
            )
        except RiskError as exc:
            messages.error(request, str(exc))
            return None
        obj.pk = event.pk
        obj._state.adding = False
        return None
