from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import resources

from core.admin import BackgroundImportMixin, NumberedDocumentAdmin, RegisterAdmin

from .constants import (
    WEEDING_NO_LOAN_YEARS,
    WEEDING_SURPLUS_COPIES,
    CandidateDecision,
    LocationKind,
    WeedingListStatus,
)
from .exceptions import StorageError
from .models import (
    ConditionReading,
    CopyState,
    InspectionAct,
    ItemPlacement,
    Location,
    ObsolescenceRule,
    WeedingCandidate,
    WeedingList,
)
from .resources import ConditionReadingResource, LocationResource
from .services import (
    inspection_act_register,
    weeding_candidate_decide,
    weeding_list_build,
    weeding_list_confirm,
)


@admin.register(Location)
class LocationAdmin(RegisterAdmin):
    """§5.6: rooms, halls, shelves (with their UDC range) and service points."""

    resource_classes = [LocationResource]
    list_display = ("code", "name_kk", "kind", "service_point_kind", "parent", "udc_from", "norm_text", "is_active")
    list_filter = ("kind", "service_point_kind", "department", "is_active")
    search_fields = ("code", "name_kk", "name_ru", "name_en", "udc_from")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)

    @admin.display(description=_("norm"))
    def norm_text(self, location: Location) -> str:
        return location.norm_text if location.kind != LocationKind.SHELF else ""


class OutOfNormWithoutActionFilter(admin.SimpleListFilter):
    title = _("action taken")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [("missing", _("out of norm, no action recorded"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(is_out_of_norm=True, action_taken="")
        return queryset


@admin.register(ConditionReading)
class ConditionReadingAdmin(BackgroundImportMixin, RegisterAdmin):
    """Section 7: the temperature and humidity log; logger files are imported as CSV/XLSX with a preview."""

    resource_classes = [ConditionReadingResource]
    list_display = ("measured_at", "room", "temperature", "humidity", "is_out_of_norm", "deviation", "action_taken",
                    "recorded_by")
    list_filter = ("is_out_of_norm", OutOfNormWithoutActionFilter, "room", "measured_at")
    search_fields = ("room__code", "room__name_kk", "deviation", "action_taken", "instrument")
    date_hierarchy = "measured_at"
    list_select_related = ("room", "recorded_by")
    fields = ("room", "measured_at", "temperature", "humidity", "instrument", "is_out_of_norm", "deviation",
              "action_taken", "recorded_by")
    readonly_fields = ("is_out_of_norm", "recorded_by")
    autocomplete_fields = ("room",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
        if obj.is_out_of_norm and not obj.action_taken:
            messages.warning(request, _("The reading is out of the norm: record the action taken."))


@admin.register(InspectionAct)
class InspectionActAdmin(NumberedDocumentAdmin):
    """§5.6: sanitary and fire-safety inspection acts, numbered per year."""

    list_display = ("reference", "kind", "inspected_on", "location", "inspector", "deadline", "status")
    list_select_related = ("location",)
    autocomplete_fields = ("location",)
    list_filter = ("kind", "status", "year")
    search_fields = ("inspector", "findings", "prescriptions")
    date_hierarchy = "inspected_on"
    fields = ("kind", "inspected_on", "location", "inspector", "commission", "findings", "prescriptions", "deadline",
              "status", "follow_up")

    def has_import_permission(self, request) -> bool:
        return False  # numbers are allocated only by registration

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("kind", "inspected_on", "location", "inspector", "commission", "findings", "prescriptions")

    @admin.display(description=_("number"), ordering="number")
    def reference(self, act: InspectionAct) -> str:
        return act.reference

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        act = inspection_act_register(
            created_by=request.user, **{name: form.cleaned_data[name] for name in self.fields},
        )
        obj.pk, obj.year, obj.number = act.pk, act.year, act.number
        obj._state.adding = False
        messages.info(request, _("Registered as № %(ref)s.") % {"ref": act.reference})
        return None


@admin.register(ItemPlacement)
class ItemPlacementAdmin(RegisterAdmin):
    list_display = ("item", "location", "placed_at", "placed_by", "note")
    list_filter = ("location__kind", "placed_at")
    search_fields = ("item__inventory_number", "item__barcode", "location__code")
    raw_id_fields = ("item",)
    autocomplete_fields = ("location", "placed_by")
    list_select_related = ("item__record", "location", "placed_by")


@admin.register(CopyState)
class CopyStateAdmin(RegisterAdmin):
    list_display = ("item", "condition", "condition_noted_on", "last_loaned_on", "loan_count", "restored_on")
    list_filter = ("condition",)
    search_fields = ("item__inventory_number", "item__barcode")
    raw_id_fields = ("item",)


class ObsolescenceRuleResource(resources.ModelResource):
    class Meta:
        model = ObsolescenceRule
        fields = ("udc_prefix", "max_age_years", "note")
        import_id_fields = ("udc_prefix",)


@admin.register(ObsolescenceRule)
class ObsolescenceRuleAdmin(RegisterAdmin):
    resource_classes = [ObsolescenceRuleResource]
    list_display = ("udc_prefix", "max_age_years", "note")
    search_fields = ("udc_prefix", "note")


class WeedingListForm(forms.ModelForm):
    years = forms.IntegerField(label=_("years without loans"), min_value=1, initial=WEEDING_NO_LOAN_YEARS,
                               required=False)
    keep = forms.IntegerField(label=_("copies to keep"), min_value=1, initial=WEEDING_SURPLUS_COPIES,
                              required=False)

    class Meta:
        model = WeedingList
        fields = ("rule", "department")


class WeedingCandidateInline(admin.TabularInline):
    model = WeedingCandidate
    extra = 0
    fields = ("item", "reason_shown", "decision", "decided_by")
    readonly_fields = ("item", "reason_shown", "decided_by")
    can_delete = False

    @admin.display(description=_("reason"))
    def reason_shown(self, candidate: WeedingCandidate) -> str:
        return candidate.reason_text

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WeedingList)
class WeedingListAdmin(RegisterAdmin):
    """§5.6: candidate lists for write-off; the librarian decides each copy, then confirms the list."""

    form = WeedingListForm
    list_display = ("__str__", "rule", "department", "status", "created_by", "confirmed_at")
    list_select_related = ("department", "created_by")
    list_filter = ("rule", "status", "department")
    inlines = [WeedingCandidateInline]
    actions = ["confirm_lists"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("rule", "department", "years", "keep")
        return ("rule", "parameters", "department", "status", "created_by", "confirmed_by", "confirmed_at")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("rule", "parameters", "department", "status", "created_by", "confirmed_by", "confirmed_at")

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        try:
            built = weeding_list_build(
                rule=data["rule"], department=data.get("department"), created_by=request.user,
                years=data.get("years") or WEEDING_NO_LOAN_YEARS, keep=data.get("keep") or WEEDING_SURPLUS_COPIES,
            )
        except StorageError as exc:
            messages.error(request, str(exc))
            return
        obj.pk = built.pk
        obj._state.adding = False
        found = built.candidates.count()
        messages.info(request, ngettext("%(count)s candidate found.", "%(count)s candidates found.", found) % {
            "count": found})
        return

    def save_formset(self, request, form, formset, change):
        for candidate in formset.save(commit=False):
            try:
                weeding_candidate_decide(candidate=candidate, decision=candidate.decision, decided_by=request.user)
            except StorageError as exc:
                messages.error(request, str(exc))

    @admin.action(description=_("Confirm the selected lists"), permissions=["change"])
    def confirm_lists(self, request, queryset):
        for weeding_list in queryset.filter(status=WeedingListStatus.DRAFT):
            try:
                weeding_list_confirm(weeding_list=weeding_list, confirmed_by=request.user)
            except StorageError as exc:
                messages.error(request, f"{weeding_list}: {exc}")
            else:
                messages.success(request, _("Confirmed: %(list)s.") % {"list": weeding_list})


@admin.register(WeedingCandidate)
class WeedingCandidateAdmin(RegisterAdmin):
    list_display = ("item", "weeding_list", "reason_shown", "decision", "decided_by")
    list_filter = ("decision", "weeding_list__rule", "weeding_list__status")
    search_fields = ("item__inventory_number", "item__record__title")
    list_select_related = ("item__record", "weeding_list", "decided_by")
    # The reason is shown worded in the reader's language, not as the stored code and figures.
    exclude = ("reason", "reason_code", "reason_params")
    readonly_fields = ("item", "reason_shown")  # the list found the copy; the librarian decides on it
    autocomplete_fields = ("decided_by",)

    @admin.display(description=_("reason"))
    def reason_shown(self, candidate: WeedingCandidate) -> str:
        return candidate.reason_text
    actions = ["mark_write_off", "mark_keep"]

    def has_add_permission(self, request) -> bool:
        return False

    def _decide(self, request, queryset, decision):
        done = 0
        for candidate in queryset.select_related("weeding_list"):
            try:
                weeding_candidate_decide(candidate=candidate, decision=decision, decided_by=request.user)
                done += 1
            except StorageError as exc:
                messages.error(request, f"{candidate}: {exc}")
        messages.info(request, ngettext("%(count)s candidate decided.", "%(count)s candidates decided.", done)
                      % {"count": done})

    @admin.action(description=_("Write off the selected copies"), permissions=["change"])
    def mark_write_off(self, request, queryset):
        self._decide(request, queryset, CandidateDecision.WRITE_OFF)

    @admin.action(description=_("Keep the selected copies in the fund"), permissions=["change"])
    def mark_keep(self, request, queryset):
        self._decide(request, queryset, CandidateDecision.KEEP)
