from __future__ import annotations

from django.contrib import admin, messages
from django.urls import resolve, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export import resources

from core.access import rule_of
from core.admin import RegisterAdmin

from .models import AccessCode, Check, CollectionDocument, DepartmentResponsible
from .services import access_code_issue, access_code_revoke, check_accept


class DepartmentResponsibleResource(resources.ModelResource):
    class Meta:
        model = DepartmentResponsible
        fields = ("id", "department", "person", "appointed_on", "order_reference")


@admin.register(DepartmentResponsible)
class DepartmentResponsibleAdmin(RegisterAdmin):
    """Each academic department's person responsible for the plagiarism checks of its works."""

    resource_classes = [DepartmentResponsibleResource]
    list_display = ("department", "person", "appointed_on", "order_reference")
    search_fields = ("department__code", "department__name_kk", "department__name_ru", "person__last_name",
                     "person__username")
    list_filter = ("department__institute",)
    autocomplete_fields = ("person",)


class AccessCodeResource(resources.ModelResource):
    class Meta:
        model = AccessCode
        fields = ("code", "operator__username", "department__code", "request_reference", "quota", "valid_from",
                  "valid_until", "issued_at", "revoked_at", "revocation_reason")
        export_order = fields


@admin.register(AccessCode)
class AccessCodeAdmin(RegisterAdmin):
    """Operators' personal codes: issued on a department's request, revocable, each check counted against one."""

    resource_classes = [AccessCodeResource]
    list_display = ("code", "operator", "department", "quota", "used", "valid_from", "valid_until", "is_revoked",
                    "request_reference")
    list_filter = ("department", ("revoked_at", admin.EmptyFieldListFilter), "valid_until")
    search_fields = ("code", "operator__last_name", "operator__username", "request_reference")
    autocomplete_fields = ("operator",)
    fields = ("operator", "department", "request_reference", "quota", "valid_from", "valid_until", "code",
              "issued_by", "issued_at", "revoked_at", "revocation_reason")
    actions = ["revoke"]

    def has_import_permission(self, request) -> bool:
        return False  # codes are generated, never typed in

    def get_queryset(self, request):
        return super().get_queryset(request).with_used().select_related("operator", "department")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("code", "issued_by", "issued_at", "revoked_at")
        return ("code", "operator", "department", "request_reference", "issued_by", "issued_at", "revoked_at")

    def save_model(self, request, obj, form, change):
        if not change:
            issued = access_code_issue(
                operator=obj.operator, department=obj.department, request_reference=obj.request_reference,
                quota=obj.quota, valid_from=obj.valid_from, valid_until=obj.valid_until, issued_by=request.user,
            )
            obj.pk, obj.code, obj.issued_by, obj.issued_at = issued.pk, issued.code, issued.issued_by, issued.issued_at
            obj._state.adding = False
            messages.info(request, _("Code issued: %(code)s") % {"code": issued.code})
            return
        super().save_model(request, obj, form, change)
        if obj.revocation_reason and obj.revoked_at is None:
            access_code_revoke(code=obj, reason=obj.revocation_reason)

    @admin.display(description=_("checks used"))
    def used(self, code: AccessCode) -> int:
        return code.used

    @admin.display(description=_("revoked"), boolean=True)
    def is_revoked(self, code: AccessCode) -> bool:
        return code.is_revoked

    @admin.action(description=_("Revoke the selected codes"), permissions=["change"])
    def revoke(self, request, queryset):
        for code in queryset:
            # Who revoked it is in the audit trail (the request's user): no sentence stored in the admin's language.
            access_code_revoke(code=code)
        messages.success(request, _("Codes revoked: %(n)d") % {"n": queryset.count()})


@admin.register(Check)
class CheckAdmin(RegisterAdmin):
    """Every check with its operator and code; the report opens on the operator's page."""

    list_display = ("submitted_at", "title", "author", "department", "work_type", "operator", "access_code",
                    "status", "originality_percent", "accepted_at", "report_link")
    list_filter = ("status", "work_type", "department", ("accepted_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "author", "operator__last_name", "access_code__code")
    date_hierarchy = "submitted_at"
    actions = ["accept"]
    exclude = ("text", "report")

    def has_add_permission(self, request) -> bool:
        return False  # checks are submitted by operators on their page

    def has_import_permission(self, request) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Check._meta.fields if f.name not in ("text", "report")]

    @admin.display(description=_("originality"), ordering="originality")
    def originality_percent(self, check: Check) -> str:
        return check.originality_percent

    def get_list_display(self, request):
        # The report page opens to the operators, the digital library and the sysadmin (its view's access rule);
        # the director and the vice-rector also view this register, and would follow the link into a 403.
        columns = super().get_list_display(request)
        rule = rule_of(resolve(reverse("antiplagiarism:check", args=[0])).func)
        if rule is not None and not rule(request.user):
            columns = [column for column in columns if column != "report_link"]
        return columns

    @admin.display(description=_("report"))
    def report_link(self, check: Check) -> str:
        return format_html('<a href="{}">{}</a>', reverse("antiplagiarism:check", args=[check.pk]), _("report"))

    @admin.action(description=_("Accept the selected works into the collection"), permissions=["change"])
    def accept(self, request, queryset):
        accepted = 0
        for check in queryset.filter(status=Check.Status.DONE, accepted_at__isnull=True):
            check_accept(check=check, by=request.user)
            accepted += 1
        messages.success(request, _("Works accepted into the collection: %(n)d") % {"n": accepted})


@admin.register(CollectionDocument)
class CollectionDocumentAdmin(RegisterAdmin):
    """The comparison collection: accepted works, source texts, digital library full texts."""

    list_display = ("title", "author", "kind", "char_count", "fingerprint_count", "added_at")
    list_filter = ("kind",)
    search_fields = ("title", "author", "external_key")
    readonly_fields = ("kind", "title", "author", "author_key", "external_key", "text", "char_count",
                       "fingerprint_count", "added_at")

    def has_add_permission(self, request) -> bool:
        return False  # sources come in through collection_add_source, the digital library or accepted checks

    def has_import_permission(self, request) -> bool:
        return False
