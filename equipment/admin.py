from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import RegisterAdmin
from core.forms import DateInput

from .constants import ServiceRequestStatus
from .exceptions import EquipmentError
from .models import (
    Equipment,
    MaintenancePlan,
    MaintenanceRecord,
    ServiceRequest,
    ServiceRequestItem,
    WorkstationAssignment,
)
from .resources import EquipmentResource
from .services import (
    equipment_save,
    maintenance_plan_save,
    maintenance_record,
    maintenance_record_problem,
    service_request_accept,
    service_request_close,
    service_request_problems,
    service_request_submit,
)


class WorkstationAssignmentInline(admin.TabularInline):
    model = WorkstationAssignment
    extra = 0
    autocomplete_fields = ("person",)


class MaintenancePlanInline(admin.TabularInline):
    model = MaintenancePlan
    extra = 0
    fields = ("work", "interval_days", "next_due_on", "is_active")


@admin.register(Equipment)
class EquipmentAdmin(RegisterAdmin):
    """§5.1, §7: the equipment register; imported and exported as CSV/XLSX by inventory number."""

    resource_classes = [EquipmentResource]
    list_display = ("inventory_number", "name", "kind", "model", "location", "department", "state",
                    "workstation_for", "commissioned_on")
    list_filter = ("kind", "state", "workstation_for", "department", "location", "commissioned_on")
    search_fields = ("inventory_number", "name", "model", "serial_number")
    list_select_related = ("location", "department")
    autocomplete_fields = ("location",)
    inlines = [WorkstationAssignmentInline, MaintenancePlanInline]

    def save_model(self, request, obj, form, change):
        equipment_save(equipment=obj)


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("past its date"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue(timezone.localdate())
        return queryset


@admin.register(MaintenancePlan)
class MaintenancePlanAdmin(RegisterAdmin):
    """Risk 4.1: planned preventive maintenance; a plan past its date raises a risk event (daily check)."""

    list_display = ("equipment", "work", "interval_days", "next_due_on", "is_active")
    list_filter = (OverdueFilter, "is_active", "equipment__kind", "next_due_on")
    search_fields = ("work", "equipment__inventory_number", "equipment__name")
    list_select_related = ("equipment",)
    autocomplete_fields = ("equipment",)

    def save_model(self, request, obj, form, change):
        maintenance_plan_save(plan=obj)


class MaintenanceRecordForm(forms.ModelForm):
    class Meta:
        model = MaintenanceRecord
        fields = ("equipment", "plan", "done_on", "work", "performed_by", "outcome")
        widgets = {"done_on": DateInput}

    def clean(self):
        data = super().clean()
        if data.get("equipment") and data.get("done_on"):
            problem = maintenance_record_problem(equipment=data["equipment"], plan=data.get("plan"),
                                                 done_on=data["done_on"])
            if problem:
                raise ValidationError(problem)
        return data


@admin.register(MaintenanceRecord)
class MaintenanceRecordAdmin(RegisterAdmin):
    """The maintenance log: date, work, by whom, outcome; done for a plan, it moves the plan's next date."""

    form = MaintenanceRecordForm
    list_display = ("done_on", "equipment", "work", "performed_by", "outcome", "plan")
    list_filter = ("outcome", "equipment__kind", "done_on")
    search_fields = ("work", "performed_by", "equipment__inventory_number", "equipment__name")
    list_select_related = ("equipment", "plan", "plan__equipment")
    autocomplete_fields = ("equipment", "plan")
    date_hierarchy = "done_on"

    def has_import_permission(self, request) -> bool:
        return False  # each record moves its plan: entered one by one

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        maintenance_record(equipment=data["equipment"], plan=data.get("plan"), done_on=data["done_on"],
                           work=data["work"], performed_by=data["performed_by"], outcome=data["outcome"],
                           recorded_by=request.user, record=obj)


class ServiceRequestItemFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.pk:
            return
        lines = [(f.cleaned_data.get("description", ""), f.cleaned_data.get("quantity"),
                  f.cleaned_data.get("equipment"))
                 for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        problems = service_request_problems(kind=self.instance.kind, justification=self.instance.justification,
                                            items=lines)
        if problems:
            raise ValidationError(problems)


class ServiceRequestItemInline(admin.TabularInline):
    model = ServiceRequestItem
    formset = ServiceRequestItemFormSet
    extra = 1
    min_num = 1
    validate_min = True
    autocomplete_fields = ("equipment",)

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ServiceRequestActionForm(ActionForm):
    on = forms.DateField(label=_("on"), required=False, widget=DateInput)
    remarks = forms.CharField(label=_("remarks"), required=False)


class ServiceRequestForm(forms.ModelForm):
    class Meta:
        model = ServiceRequest
        fields = ("kind", "addressee", "subject", "justification", "submitted_on", "remarks")
        widgets = {"submitted_on": DateInput}


@admin.register(ServiceRequest)
class ServiceRequestAdmin(RegisterAdmin):
    """§5.1: the director's requests to the university's services (604-01, 606-xx), from submitted to done or
    refused; the steps are the actions of the list, each with its date and remarks."""

    form = ServiceRequestForm
    action_form = ServiceRequestActionForm
    list_display = ("submitted_on", "kind", "subject", "addressee", "status", "accepted_on", "closed_on",
                    "submitted_by")
    list_filter = ("status", "kind", "submitted_on")
    search_fields = ("subject", "addressee", "justification", "remarks", "items__description")
    list_select_related = ("submitted_by",)
    date_hierarchy = "submitted_on"
    inlines = [ServiceRequestItemInline]
    actions = ["accept", "mark_done", "refuse"]

    def has_import_permission(self, request) -> bool:
        return False  # a request is submitted with its lines, through the form

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("kind", "addressee", "subject", "justification", "submitted_on", "status", "accepted_on",
                "closed_on", "submitted_by")

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), "submitted_on": timezone.localdate()}

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["remarks"])
        # A new request is written with its lines in save_related, through the one service.

    def save_related(self, request, form, formsets, change):
        if change:
            return
        lines = [(f.cleaned_data["description"], f.cleaned_data["quantity"], f.cleaned_data.get("equipment"))
                 for formset in formsets for f in formset.forms
                 if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        data = form.cleaned_data
        service_request_submit(kind=data["kind"], addressee=data["addressee"], subject=data["subject"],
                               justification=data["justification"], items=lines, submitted_by=request.user,
                               submitted_on=data["submitted_on"], request=form.instance)
        for formset in formsets:  # the change message reads what the formsets saved: the service saved the lines
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def _step(self, request, queryset, step, done_message):
        on = None
        remarks = request.POST.get("remarks", "")
        if request.POST.get("on"):
            try:
                on = forms.DateField(widget=DateInput).clean(request.POST["on"])
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
                return
        done = 0
        for service_request in queryset:
            try:
                step(request=service_request, on=on, remarks=remarks)
                done += 1
            except EquipmentError as error:
                self.message_user(request, f"{service_request}: {error}", messages.ERROR)
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Accepted by the service"), permissions=["change"])
    def accept(self, request, queryset):
        self._step(request, queryset, service_request_accept,
                   lambda n: ngettext("%(n)s request accepted.", "%(n)s requests accepted.", n) % {"n": n})

    @admin.action(description=_("Done"), permissions=["change"])
    def mark_done(self, request, queryset):
        def step(**kwargs):
            return service_request_close(status=ServiceRequestStatus.DONE, **kwargs)

        self._step(request, queryset, step,
                   lambda n: ngettext("%(n)s request done.", "%(n)s requests done.", n) % {"n": n})

    @admin.action(description=_("Refused (write the reason in the remarks)"), permissions=["change"])
    def refuse(self, request, queryset):
        def step(**kwargs):
            return service_request_close(status=ServiceRequestStatus.REFUSED, **kwargs)

        self._step(request, queryset, step,
                   lambda n: ngettext("%(n)s request refused.", "%(n)s requests refused.", n) % {"n": n})
