from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import resources

from accounts.models import LibraryDepartment
from accounts.roles import DIRECTOR, SYSADMIN, VICE_RECTOR
from core.admin import NumberedDocumentAdmin, RegisterAdmin

from .constants import OPEN_FOLLOW_UP, FigureSource
from .exceptions import PlanningError
from .indicators import indicator_choices
from .models import (
    CouncilDecision,
    CouncilMeeting,
    ImprovementDecision,
    InnovationCard,
    OutgoingLetter,
    PlanActivity,
    StaffDevelopmentEvent,
    WorkPlan,
)
from .services import (
    council_meeting_register,
    innovation_card_register,
    library_plan_consolidate,
    outgoing_letter_register,
    work_plan_approve,
    work_report_fill,
    work_report_submit,
)


class OutgoingLetterResource(resources.ModelResource):
    class Meta:
        model = OutgoingLetter
        fields = ("year", "number", "registered_on", "addressee", "subject", "signatory_name",
                  "signatory_position", "executor", "cancelled_at", "cancellation_reason")
        export_order = fields


@admin.register(OutgoingLetter)
class OutgoingLetterAdmin(NumberedDocumentAdmin):
    """607-04: letters are registered here and printed on the letterhead."""

    resource_classes = [OutgoingLetterResource]
    list_display = ("reference", "registered_on", "subject", "addressee_short", "signatory_name", "is_cancelled",
                    "print_link")
    list_filter = ("year", "registered_on", ("cancelled_at", admin.EmptyFieldListFilter))
    search_fields = ("subject", "addressee", "body", "signatory_name")
    date_hierarchy = "registered_on"
    fields = ("registered_on", "addressee", "subject", "body", "signatory_name", "signatory_position", "executor",
              "cancellation_reason")

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False  # numbers are allocated only by registration

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("cancellation_reason",)
        # A registered letter is a record: only its cancellation can still be written.
        readonly = [f for f in self.fields if f != "cancellation_reason"]
        return (*readonly, "cancellation_reason") if obj.is_cancelled else tuple(readonly)

    def save_model(self, request, obj, form, change):
        if not change:
            letter = outgoing_letter_register(
                registered_on=obj.registered_on, addressee=obj.addressee, subject=obj.subject, body=obj.body,
                signatory_name=obj.signatory_name, signatory_position=obj.signatory_position,
                executor=obj.executor, created_by=request.user,
            )
            obj.pk, obj.year, obj.number = letter.pk, letter.year, letter.number
            obj._state.adding = False
            messages.info(request, _("Registered as № %(ref)s.") % {"ref": letter.reference})
            return
        if obj.cancellation_reason and not obj.is_cancelled:
            from .services import outgoing_letter_cancel

            outgoing_letter_cancel(letter=obj, reason=obj.cancellation_reason)

    @admin.display(description=_("number"), ordering="number")
    def reference(self, letter: OutgoingLetter) -> str:
        return letter.reference

    @admin.display(description=_("addressee"))
    def addressee_short(self, letter: OutgoingLetter) -> str:
        return letter.addressee.splitlines()[0][:80] if letter.addressee else ""

    @admin.display(description=_("cancelled"), boolean=True)
    def is_cancelled(self, letter: OutgoingLetter) -> bool:
        return letter.is_cancelled

    @admin.display(description=_("letterhead"))
    def print_link(self, letter: OutgoingLetter) -> str:
        url = reverse("forms_registry:form", args=["607-04"])
        query = urlencode({"year": letter.year, "number": letter.number, "action": "pdf"})
        return format_html('<a href="{}?{}">PDF</a>', url, query)


def _form_link(code: str, **params) -> str:
    url = reverse("forms_registry:form", args=[code])
    return format_html('<a href="{}?{}">{}</a>', url, urlencode({**params, "action": "pdf"}), code)


class PlanActivityForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=_("indicator"), required=False,
                                  help_text=_("When set, the actual figure is filled in from the system's data."))

    class Meta:
        model = PlanActivity
        fields = ("position", "subprocess", "description", "deadline", "responsible", "indicator", "unit", "target",
                  "actual", "result")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—"), *indicator_choices()]
        if self.instance.pk and self.instance.actual_source == FigureSource.DATA:
            self.fields["actual"].disabled = True
            self.fields["actual"].help_text = _("from the system's data")

    def clean(self):
        data = super().clean()
        if "actual" in self.changed_data and data.get("actual") is not None:
            self.instance.actual_source = FigureSource.ENTERED
        return data


class PlanActivityInline(admin.TabularInline):
    model = PlanActivity
    form = PlanActivityForm
    fk_name = "plan"
    extra = 1
    fields = ("position", "subprocess", "description", "deadline", "responsible", "indicator", "unit", "target",
              "actual", "actual_source", "result")
    readonly_fields = ("actual_source",)


@admin.register(WorkPlan)
class WorkPlanAdmin(RegisterAdmin):
    """607-01 / 607-02: departments' work plans and reports; the director consolidates the library's."""

    list_display = ("__str__", "year", "period", "department", "status", "report_status", "figures_filled_at",
                    "print_links")
    list_filter = ("year", "period", "department", "status", "report_status")
    search_fields = ("activities__description", "report_summary")
    inlines = [PlanActivityInline]
    fields = ("department", "year", "period", "status", "approved_by", "approved_on", "report_status",
              "report_summary", "report_submitted_on", "figures_filled_at")
    readonly_fields = ("status", "approved_by", "approved_on", "report_status", "report_submitted_on",
                       "figures_filled_at")
    actions = ["fill_figures", "approve_plans", "submit_reports", "consolidate"]
    list_select_related = ("department",)

    @staticmethod
    def _sees_every_department(user) -> bool:
        return user.is_superuser or user.has_role(DIRECTOR, VICE_RECTOR, SYSADMIN)

    def get_queryset(self, request):
        # A head of a library department plans and reports for their own department; the director sees all.
        plans = super().get_queryset(request)
        if self._sees_every_department(request.user):
            return plans
        return plans.filter(department_id=request.user.library_department_id)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self._sees_every_department(request.user):
            # Approving plans and consolidating the library's plan are the director's.
            actions.pop("approve_plans", None)
            actions.pop("consolidate", None)
        return actions

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department" and not self._sees_every_department(request.user):
            kwargs["queryset"] = LibraryDepartment.objects.filter(pk=request.user.library_department_id)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("print"))
    def print_links(self, plan: WorkPlan) -> str:
        department = plan.department.code if plan.department_id else "library"
        params = {"year": plan.year, "period": plan.period, "department": department}
        return format_html("{} · {}", _form_link("607-01", **params), _form_link("607-02", **params))

    @admin.action(description=_("Fill the report's figures from the data"), permissions=["change"])
    def fill_figures(self, request, queryset):
        for plan in queryset:
            filled = work_report_fill(plan=plan)
            messages.info(request, ngettext("%(plan)s: %(count)s figure filled from the data.",
                                            "%(plan)s: %(count)s figures filled from the data.", filled) % {
                "plan": plan, "count": filled})

    @admin.action(description=_("Approve the selected plans"), permissions=["change"])
    def approve_plans(self, request, queryset):
        for plan in queryset:
            try:
                work_plan_approve(plan=plan, approved_by=request.user, approved_on=timezone.localdate())
            except PlanningError as exc:
                messages.error(request, f"{plan}: {exc}")

    @admin.action(description=_("Mark the reports as submitted"), permissions=["change"])
    def submit_reports(self, request, queryset):
        for plan in queryset:
            work_report_submit(plan=plan, submitted_on=timezone.localdate())

    @admin.action(description=_("Consolidate the library's plan and report for these periods"), permissions=["change"])
    def consolidate(self, request, queryset):
        for year, period in sorted(set(queryset.values_list("year", "period"))):
            try:
                plan = library_plan_consolidate(year=year, period=period, created_by=request.user)
            except PlanningError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Consolidated: %(plan)s.") % {"plan": plan})


@admin.register(InnovationCard)
class InnovationCardAdmin(NumberedDocumentAdmin):
    """607-03: cards of innovations and best practices."""

    list_display = ("reference", "title", "kind", "department", "status", "proposed_on", "implemented_on",
                    "print_link")
    list_filter = ("kind", "status", "department", "year", "subprocess")
    search_fields = ("title", "authors", "description")
    fields = ("kind", "title", "department", "subprocess", "authors", "source", "description", "resources",
              "expected_effect", "proposed_on", "implemented_on", "achieved_effect", "status")

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False  # numbers are allocated only by registration

    @admin.display(description=_("number"), ordering="number")
    def reference(self, card: InnovationCard) -> str:
        return card.reference

    @admin.display(description=_("print"))
    def print_link(self, card: InnovationCard) -> str:
        return _form_link("607-03", year=card.year, number=card.number)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        card = innovation_card_register(created_by=request.user,
                                        **{name: form.cleaned_data[name] for name in self.fields})
        obj.pk, obj.year, obj.number = card.pk, card.year, card.number
        obj._state.adding = False
        messages.info(request, _("Registered as № %(ref)s.") % {"ref": card.reference})
        return None


class CouncilDecisionInline(admin.StackedInline):
    model = CouncilDecision
    extra = 1
    fields = (("agenda_item", "responsible", "deadline"), "decision", ("status", "completed_on"), "follow_up")


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(NumberedDocumentAdmin):
    """Minutes of the Methodological Council with their decisions and follow-up."""

    list_display = ("__str__", "held_on", "chair", "decision_count", "open_decisions")
    list_filter = ("year",)
    search_fields = ("agenda", "decisions__decision")
    fields = ("held_on", "chair", "secretary", "attendees", "agenda")
    inlines = [CouncilDecisionInline]

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request):
        # Both counts come with the list's query, not two queries per meeting.
        return super().get_queryset(request).annotate(
            decisions_counted=Count("decisions"),
            open_decisions_counted=Count("decisions", filter=Q(decisions__status__in=OPEN_FOLLOW_UP)),
        )

    @admin.display(description=_("decisions"), ordering="decisions_counted")
    def decision_count(self, meeting: CouncilMeeting) -> int:
        return meeting.decisions_counted

    @admin.display(description=_("open decisions"), ordering="open_decisions_counted")
    def open_decisions(self, meeting: CouncilMeeting) -> int:
        return meeting.open_decisions_counted

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        meeting = council_meeting_register(created_by=request.user,
                                           **{name: form.cleaned_data[name] for name in self.fields})
        obj.pk, obj.year, obj.number = meeting.pk, meeting.year, meeting.number
        obj._state.adding = False
        return None


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue(timezone.localdate())
        return queryset


@admin.register(CouncilDecision)
class CouncilDecisionAdmin(RegisterAdmin):
    list_display = ("decision", "meeting", "responsible", "deadline", "status", "completed_on")
    list_filter = ("status", OverdueFilter, "meeting__year")
    search_fields = ("decision", "agenda_item", "responsible", "follow_up")
    list_select_related = ("meeting",)


@admin.register(ImprovementDecision)
class ImprovementDecisionAdmin(RegisterAdmin):
    """Section 7: continuous-improvement decisions and their follow-up."""

    list_display = ("decided_on", "source", "subprocess", "decision", "responsible", "deadline", "status")
    list_filter = ("source", "subprocess", "status", OverdueFilter)
    search_fields = ("finding", "decision", "responsible", "follow_up")
    date_hierarchy = "decided_on"


@admin.register(StaffDevelopmentEvent)
class StaffDevelopmentEventAdmin(RegisterAdmin):
    list_display = ("held_on", "kind", "title", "participants", "certified", "organiser")
    list_filter = ("kind", "held_on")
    search_fields = ("title", "organiser", "note")
    date_hierarchy = "held_on"
