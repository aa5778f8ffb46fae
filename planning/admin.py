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
from core.admin import NumberedDocumentAdmin, ReadOnlyRegisterAdmin, RegisterAdmin

from .constants import COMPILE_PERMISSION, OPEN_FOLLOW_UP, FigureSource
from .exceptions import PlanningError
from .indicators import indicator_choices
from .models import (
    ApprovalReminder,
    ApprovalStep,
    CouncilDecision,
    CouncilMeeting,
    ImprovementDecision,
    InnovationCard,
    LocalRegulation,
    OutgoingLetter,
    PlanActivity,
    PlanningDeadline,
    QualificationPlanItem,
    RequiredTraining,
    StaffCertificate,
    StaffDevelopmentEvent,
    TrainingProgramme,
    WorkPlan,
)
from .resources import (
    LocalRegulationResource,
    QualificationPlanItemResource,
    StaffCertificateResource,
    TrainingProgrammeResource,
)
from .services import (
    council_meeting_register,
    innovation_card_register,
    library_plan_consolidate,
    local_regulation_save,
    outgoing_letter_register,
    staff_certificate_save,
    work_report_fill,
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


PLAN_LINE_FIELDS = ("position", "subprocess", "description", "deadline", "responsible", "indicator", "unit", "target")
REPORT_LINE_FIELDS = ("actual", "result")


class PlanActivityInline(admin.TabularInline):
    model = PlanActivity
    form = PlanActivityForm
    fk_name = "plan"
    extra = 1
    fields = (*PLAN_LINE_FIELDS, "actual", "actual_source", "result")
    readonly_fields = ("actual_source",)

    # A plan at its approvers (or approved) keeps its lines; a report at its approvers keeps its figures.
    def get_readonly_fields(self, request, obj=None):
        readonly = ["actual_source"]
        if obj is not None and not obj.is_plan_editable:
            readonly += PLAN_LINE_FIELDS
        if obj is not None and not obj.is_report_editable:
            readonly += REPORT_LINE_FIELDS
        return readonly

    def has_add_permission(self, request, obj=None):
        return (obj is None or obj.is_plan_editable) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.is_plan_editable) and super().has_delete_permission(request, obj)


@admin.register(WorkPlan)
class WorkPlanAdmin(RegisterAdmin):
    """607-01 / 607-02: departments' work plans and reports; the director consolidates the library's. Their
    approval chain (submit, approve, agree, return) runs on the plan's page (planning:plan)."""

    list_display = ("__str__", "year", "period", "department", "status", "report_status", "figures_filled_at",
                    "chain_link", "print_links")
    list_filter = ("year", "period", "department", "status", "report_status")
    search_fields = ("activities__description", "report_summary")
    inlines = [PlanActivityInline]
    fields = ("department", "year", "period", "status", "report_status", "report_summary", "figures_filled_at")
    readonly_fields = ("status", "report_status", "figures_filled_at")
    actions = ["fill_figures", "consolidate"]
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

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly += ["department", "year", "period"]
            if not obj.is_report_editable:
                readonly.append("report_summary")
        return readonly

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(COMPILE_PERMISSION):
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

    @admin.display(description=_("approval"))
    def chain_link(self, plan: WorkPlan) -> str:
        return format_html('<a href="{}">{}</a>', reverse("planning:plan", args=[plan.pk]), _("chain and history"))

    @admin.display(description=_("print"))
    def print_links(self, plan: WorkPlan) -> str:
        department = plan.department.code if plan.department_id else "library"
        params = {"year": plan.year, "period": plan.period, "department": department}
        return format_html("{} · {}", _form_link("607-01", **params), _form_link("607-02", **params))

    @admin.action(description=_("Fill the report's figures from the data"), permissions=["change"])
    def fill_figures(self, request, queryset):
        for plan in queryset:
            try:
                filled = work_report_fill(plan=plan)
            except PlanningError as exc:
                messages.error(request, f"{plan}: {exc}")
                continue
            messages.info(request, ngettext("%(plan)s: %(count)s figure filled from the data.",
                                            "%(plan)s: %(count)s figures filled from the data.", filled) % {
                "plan": plan, "count": filled})

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


# --- The approval chain: its history, the planning calendar and the reminders sent (§5.1) ---------------------


@admin.register(ApprovalStep)
class ApprovalStepAdmin(ReadOnlyRegisterAdmin):
    """The approval history of plans and reports: written only by the steps on the plan's page."""

    list_display = ("plan", "document", "stage", "decision", "decided_by", "decided_on", "comment")
    list_filter = ("document", "stage", "decision", "plan__year")
    search_fields = ("comment", "reference", "decided_by__last_name")
    list_select_related = ("plan__department", "decided_by")
    date_hierarchy = "decided_on"

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PlanningDeadline)
class PlanningDeadlineAdmin(RegisterAdmin):
    """The planning calendar: by when plans and reports are submitted and decided; reminders go out before."""

    list_display = ("due_on", "year", "period", "document", "stage", "remind_days_before")
    list_filter = ("year", "period", "document", "stage")
    search_fields = ("year",)
    fields = ("year", "period", "document", "stage", "due_on", "remind_days_before")


@admin.register(ApprovalReminder)
class ApprovalReminderAdmin(ReadOnlyRegisterAdmin):
    list_display = ("created_at", "recipient", "email", "deadline", "status", "attempts", "delivered_at")
    list_filter = ("status", "deadline__stage", "deadline__year")
    search_fields = ("email", "subject", "recipient__last_name")
    list_select_related = ("recipient", "deadline")

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# --- Staff qualification and local regulations (§5.1, section 7) ---------------------------------------------


class RequiredTrainingInline(admin.TabularInline):
    model = RequiredTraining
    extra = 1


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(RegisterAdmin):
    resource_classes = [TrainingProgrammeResource]
    list_display = ("code", "name_kk", "valid_for_months")
    search_fields = ("code", "name_kk", "name_ru", "name_en")
    list_filter = ("requirements__role",)
    inlines = [RequiredTrainingInline]


@admin.register(RequiredTraining)
class RequiredTrainingAdmin(RegisterAdmin):
    list_display = ("role", "programme")
    list_filter = ("role",)
    search_fields = ("programme__code", "programme__name_kk")
    list_select_related = ("programme",)


class CertificateValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return [("valid", _("valid today")), ("expired", _("expired"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "valid":
            return queryset.valid_on(today)
        if self.value() == "expired":
            return queryset.filter(valid_until__lt=today)
        return queryset


@admin.register(StaffCertificate)
class StaffCertificateAdmin(RegisterAdmin):
    """Each employee's trainings and certificates; a staff development event can be their source."""

    resource_classes = [StaffCertificateResource]
    list_display = ("person", "course", "provider", "hours", "completed_on", "certificate_number", "valid_until",
                    "programme", "event")
    list_filter = (CertificateValidityFilter, "programme", "person__library_department", "completed_on")
    search_fields = ("person__last_name", "person__first_name", "course", "provider", "certificate_number")
    list_select_related = ("person", "programme", "event")
    autocomplete_fields = ("person",)
    date_hierarchy = "completed_on"

    def save_model(self, request, obj, form, change):
        staff_certificate_save(certificate=obj)


@admin.register(QualificationPlanItem)
class QualificationPlanItemAdmin(RegisterAdmin):
    """The yearly qualification plan: trainings planned per person or per role, with their status."""

    resource_classes = [QualificationPlanItemResource]
    list_display = ("year", "person", "role", "title", "programme", "planned_by", "status", "certificate")
    list_filter = ("year", "status", "role", "programme")
    search_fields = ("title", "person__last_name", "note")
    list_select_related = ("person", "programme", "certificate__person")
    autocomplete_fields = ("person",)


class RevisionFilter(admin.SimpleListFilter):
    title = _("revision")
    parameter_name = "revision"

    def lookups(self, request, model_admin):
        return [("overdue", _("revision overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.revision_overdue(timezone.localdate())
        return queryset


@admin.register(LocalRegulation)
class LocalRegulationAdmin(RegisterAdmin):
    """The register of the library's local regulations and instructions with their revision dates."""

    resource_classes = [LocalRegulationResource]
    list_display = ("number", "title", "kind", "approved_on", "revision_due", "revision_overdue", "responsible",
                    "status")
    list_filter = (RevisionFilter, "kind", "status")
    search_fields = ("number", "title")
    list_select_related = ("responsible",)
    autocomplete_fields = ("responsible",)
    date_hierarchy = "revision_due"

    @admin.display(description=_("revision overdue"), boolean=True)
    def revision_overdue(self, regulation: LocalRegulation) -> bool:
        return regulation.is_revision_overdue(timezone.localdate())

    def save_model(self, request, obj, form, change):
        local_regulation_save(regulation=obj)

from . import admin_entrances  # noqa: E402, F401  (the daily entrance count's register)
