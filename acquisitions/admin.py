"""Registers of acquisitions in the admin: suppliers, contracts, books, acts, periodicals, databases, provision."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from core.admin import BackgroundImportMixin, NumberedDocumentAdmin, ReadOnlyRegisterAdmin, RegisterAdmin, admin

from . import models, services
from .exceptions import AcquisitionsError
from .resources import DisciplineResource, EducationalProgrammeResource, UsageFigureResource


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RequestLineInline(ReadOnlyInline):
    model = models.RequestLine
    fields = ("title", "author", "copies_requested", "copies_approved", "correction_reason", "status",
              "refusal_reason")


@admin.register(models.AcquisitionRequest)
class AcquisitionRequestAdmin(RegisterAdmin):
    list_display = ("pk", "kind", "department", "academic_year", "status", "submitted_at")
    list_filter = ("kind", "status", "academic_year")
    search_fields = ("department__name_kk", "lines__title")
    inlines = [RequestLineInline]
    readonly_fields = ("created_by", "created_at", "submitted_at", "status")


class OrderLineInline(ReadOnlyInline):
    model = models.ConsolidatedOrderLine
    fields = ("title", "author", "isbn", "quantity", "quantity_received", "status", "refusal_reason")


@admin.register(models.ConsolidatedOrder)
class ConsolidatedOrderAdmin(NumberedDocumentAdmin):
    list_display = ("number", "year", "kind", "status", "built_by", "agreed_by", "agreed_at")
    list_select_related = ("built_by", "agreed_by")
    list_filter = ("kind", "status", "year")
    inlines = [OrderLineInline]
    readonly_fields = ("status", "built_by", "agreed_by", "agreed_at", "sent_at")


@admin.register(models.StatusChange)
class StatusChangeAdmin(RegisterAdmin):
    list_display = ("at", "status", "actor", "request", "line", "order", "note")
    list_select_related = ("actor", "request__department", "line", "order")
    list_filter = ("status",)
    search_fields = ("note", "line__title")

    def has_add_permission(self, request) -> bool:
        return False  # the history of statuses is written by the services, as each status changes

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Supplier)
class SupplierAdmin(RegisterAdmin):
    list_display = ("name", "bin", "contact")
    search_fields = ("name", "bin")


@admin.register(models.Contract)
class ContractAdmin(RegisterAdmin):
    list_display = ("number", "signed_on", "supplier", "amount", "valid_to")
    list_filter = ("supplier",)
    search_fields = ("number", "supplier__name")


@admin.register(models.Invoice)
class InvoiceAdmin(RegisterAdmin):
    list_display = ("number", "issued_on", "contract", "amount")
    search_fields = ("number", "contract__number")


class ReceiptLineInline(ReadOnlyInline):
    model = models.ReceiptLine
    fields = ("record", "copies", "price", "accounting", "card", "document_kind", "subject_class", "language_group")


@admin.register(models.Receipt)
class ReceiptAdmin(NumberedDocumentAdmin):
    """Receipts are entered through acquisitions.services.receipt_create (the receipt page); here they are read."""

    list_display = ("number", "year", "act_number", "received_on", "source", "supplier", "donor")
    list_select_related = ("supplier",)
    list_filter = ("year", "source")
    search_fields = ("donor", "document", "supplier__name")
    inlines = [ReceiptLineInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.InventoryEntry)
class InventoryEntryAdmin(RegisterAdmin):
    list_display = ("number", "entered_on", "item", "price", "write_off_act")
    list_select_related = ("item__record", "write_off_act")
    search_fields = ("=number", "item__record__title")
    list_filter = ("entered_on",)
    raw_id_fields = ("item", "receipt_line", "write_off_act")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.NonInventoryCard)
class NonInventoryCardAdmin(NumberedDocumentAdmin):
    list_display = ("number", "record", "discipline", "opened_on")
    search_fields = ("=number", "record__title")
    raw_id_fields = ("record",)


class WriteOffLineInline(ReadOnlyInline):
    model = models.WriteOffLine
    fields = ("item", "card", "copies", "price", "lost_item_id")
    readonly_fields = ("lost_item_id",)  # set by the desk's hand-off only


@admin.register(models.WriteOffAct)
class WriteOffActAdmin(NumberedDocumentAdmin):
    list_display = ("number", "year", "drawn_on", "reason", "source", "status", "approved_by", "approved_on")
    list_select_related = ("approved_by",)
    list_filter = ("status", "reason", "source", "year")
    inlines = [WriteOffLineInline]
    # Issue 17.5: where a handed-over draft comes from (the desk's losses, a weeding list).
    readonly_fields = ("status", "approved_by", "approved_on", "created_by", "source", "weeding_list")
    actions = ["approve"]

    @admin.action(description=_("Approve the selected write-off acts"), permissions=["change"])
    def approve(self, request, queryset):
        for act in queryset:
            try:
                services.write_off_act_approve(act=act, user=request.user)
            except AcquisitionsError as error:
                self.message_user(request, f"{act}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, _("%(act)s approved.") % {"act": act}, messages.SUCCESS)


class DefectLineInline(admin.TabularInline):
    model = models.DefectLine
    extra = 0
    raw_id_fields = ("item",)


@admin.register(models.DefectAct)
class DefectActAdmin(NumberedDocumentAdmin):
    """Acts on defects are drawn up here; the number is taken when the act is first saved."""

    list_display = ("number", "year", "kind", "drawn_on", "supplier")
    list_select_related = ("supplier",)
    list_filter = ("kind", "year")
    inlines = [DefectLineInline]
    readonly_fields = ("year", "number", "created_by")

    def save_model(self, request, obj, form, change):
        if not change:
            from forms_registry.numbering import allocate_number

            from .constants import DEFECT_ACT_SERIES

            obj.created_by = request.user
            obj.year = obj.drawn_on.year
            obj.number = allocate_number(DEFECT_ACT_SERIES, obj.year)
        super().save_model(request, obj, form, change)


@admin.register(models.StocktakingSession)
class StocktakingSessionAdmin(NumberedDocumentAdmin):
    list_display = ("number", "year", "department", "database", "status", "started_at", "closed_at")
    list_select_related = ("department", "database")
    autocomplete_fields = ("started_by",)
    list_filter = ("status", "year")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(models.Periodical)
class PeriodicalAdmin(RegisterAdmin):
    list_display = ("title", "subscription_index", "issn", "language", "issues_per_year")
    search_fields = ("title", "subscription_index", "issn")
    list_filter = ("language",)
    raw_id_fields = ("record",)


class PeriodicalIssueInline(admin.TabularInline):
    model = models.PeriodicalIssue
    extra = 0
    fields = ("number", "expected_on", "received_on", "copies_received", "claimed_on")


@admin.register(models.Subscription)
class SubscriptionAdmin(RegisterAdmin):
    list_display = ("periodical", "year", "period", "copies", "price")
    list_filter = ("year", "period")
    search_fields = ("periodical__title", "periodical__subscription_index")
    raw_id_fields = ("order_line",)
    inlines = [PeriodicalIssueInline]
    actions = ["expect_issues", "claim_missing"]

    @admin.action(description=_("Claim the missing issues from the agency"), permissions=["change"])
    def claim_missing(self, request, queryset):
        from django.utils import timezone

        from .selectors import issues_to_claim

        today = timezone.localdate()
        missing = [issue for subscription in queryset for issue in issues_to_claim(today, subscription)]
        claimed = services.issues_claim(issues=missing, claimed_on=today)
        self.message_user(request, _("%(count)s missing issues claimed.") % {"count": claimed}, messages.SUCCESS)

    @admin.action(description=_("Lay out the expected issues"), permissions=["change"])
    def expect_issues(self, request, queryset):
        created = sum(services.subscription_expect_issues(subscription=s) for s in queryset)
        self.message_user(request, _("%(count)s expected issues added.") % {"count": created}, messages.SUCCESS)


@admin.register(models.LicensedDatabase)
class LicensedDatabaseAdmin(RegisterAdmin):
    list_display = ("name", "provider", "access_from", "access_to", "access_model", "cost")
    list_filter = ("access_model", "provider")
    search_fields = ("name", "provider")


@admin.register(models.EResourceUse)
class EResourceUseAdmin(ReadOnlyRegisterAdmin):
    """Uses counted when people open a database from the public list of e-resources (607-18)."""

    list_display = ("day", "database", "on_campus", "count")
    list_filter = ("on_campus", "database")
    search_fields = ("database__name",)
    list_select_related = ("database",)
    date_hierarchy = "day"


@admin.register(models.UsageFigure)
class UsageFigureAdmin(BackgroundImportMixin, RegisterAdmin):
    resource_classes = [UsageFigureResource]
    list_display = ("database", "month", "sessions", "searches", "downloads")
    list_filter = ("database",)


@admin.register(models.EducationalProgramme)
class EducationalProgrammeAdmin(RegisterAdmin):
    resource_classes = [EducationalProgrammeResource]
    list_display = ("code", "name", "department")
    search_fields = ("code", "name")


class RecommendedLiteratureInline(admin.TabularInline):
    model = models.RecommendedLiterature
    extra = 0
    raw_id_fields = ("record",)


@admin.register(models.Discipline)
class DisciplineAdmin(RegisterAdmin):
    resource_classes = [DisciplineResource]
    list_display = ("code", "name", "programme", "department", "semester", "students")
    list_filter = ("department", "semester")
    search_fields = ("code", "name")
    inlines = [RecommendedLiteratureInline]


@admin.register(models.BookExport)
class BookExportAdmin(RegisterAdmin):
    list_display = ("form_code", "requested_at", "requested_by", "status", "done_parts", "total_parts")
    autocomplete_fields = ("requested_by",)
    list_filter = ("status", "form_code")
