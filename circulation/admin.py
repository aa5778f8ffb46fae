"""Registers of circulation in the admin. Issuing and taking back happen at the desk page, not here: loans and
orders are shown read-only so that the rules in `services.py` cannot be bypassed."""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import resolve, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.access import rule_of
from core.admin import BackgroundImportMixin, NumberedDocumentAdmin, ReadOnlyRegisterAdmin, RegisterAdmin

from . import services
from .constants import IllStatus
from .exceptions import CirculationError
from .models import (
    ClearanceCertificate,
    FeedbackCard,
    IllRequest,
    Loan,
    LoanPolicy,
    LostItem,
    OverdueNotice,
    PriceList,
    PriceListItem,
    Publication,
    Reader,
    ReaderRegistration,
    ReferenceEntry,
    Refusal,
    RenderedService,
    Reservation,
)
from .resources import PublicationResource, StaffListResource, StudentListResource


class ReaderRegistrationInline(admin.TabularInline):
    model = ReaderRegistration
    extra = 0
    readonly_fields = ("academic_year", "registered_at", "registered_by")
    can_delete = False


@admin.register(Reader)
class ReaderAdmin(BackgroundImportMixin, RegisterAdmin):
    resource_classes = [StudentListResource, StaffListResource]
    list_display = ("card_number", "full_name", "category", "department", "study_group", "registered_year",
                    "left_on", "card_link")
    list_filter = ("category", "registered_year", "source", "department__institute")
    search_fields = ("card_number", "user__last_name", "user__first_name", "iin", "external_id", "study_group")
    list_select_related = ("user", "category", "department")
    autocomplete_fields = ("user",)
    inlines = [ReaderRegistrationInline]
    actions = ["reregister"]

    @admin.display(description=_("full name"))
    def full_name(self, reader: Reader) -> str:
        return reader.full_name

    def get_list_display(self, request):
        # The card PDF opens to the desk alone (its view's access rule): no column of links others would follow
        # into a 403 (the reachability crawl found them).
        columns = super().get_list_display(request)
        rule = rule_of(resolve(reverse("circulation:reader_card", args=[0])).func)
        if rule is not None and not rule(request.user):
            columns = [column for column in columns if column != "card_link"]
        return columns

    @admin.display(description=_("reader card"))
    def card_link(self, reader: Reader) -> str:
        return format_html('<a href="{}">PDF</a>', reverse("circulation:reader_card", args=[reader.pk]))

    @admin.action(description=_("Re-register for the current academic year"), permissions=["change"])
    def reregister(self, request, queryset):
        for reader in queryset:
            services.reader_register(reader=reader, by=request.user)
        n = queryset.count()
        self.message_user(request, ngettext("%(n)s reader re-registered.", "%(n)s readers re-registered.", n) % {
            "n": n}, messages.SUCCESS)


@admin.register(LoanPolicy)
class LoanPolicyAdmin(RegisterAdmin):
    list_display = ("reader_category", "loan_category", "period_kind", "period_days", "max_items", "renewals_allowed",
                    "renewal_days")
    list_editable = ("period_kind", "period_days", "max_items", "renewals_allowed", "renewal_days")
    list_filter = ("reader_category", "loan_category", "period_kind")


@admin.register(Reservation)
class ReservationAdmin(ReadOnlyRegisterAdmin):
    list_display = ("created_at", "reader", "record", "item", "status", "expires_at", "renewals")
    list_filter = ("status",)
    search_fields = ("reader__card_number", "record__title", "item__inventory_number")
    list_select_related = ("reader__user", "record", "item__record")
    date_hierarchy = "created_at"


@admin.register(Loan)
class LoanAdmin(ReadOnlyRegisterAdmin):
    list_display = ("issued_at", "reader", "item", "due_on", "renewals", "returned_at", "lost", "reading_room")
    list_filter = ("lost", "reading_room", ("returned_at", admin.EmptyFieldListFilter))
    search_fields = ("reader__card_number", "item__inventory_number", "item__barcode", "item__record__title")
    list_select_related = ("reader__user", "item__record")
    date_hierarchy = "issued_at"


@admin.register(Refusal)
class RefusalAdmin(ReadOnlyRegisterAdmin):
    list_display = ("created_at", "record", "reader", "reason", "action")
    list_filter = ("reason", "action")
    search_fields = ("record__title", "reader__card_number")
    list_select_related = ("record", "reader__user")
    date_hierarchy = "created_at"


@admin.register(IllRequest)
class IllRequestAdmin(RegisterAdmin):
    list_display = ("number", "year", "created_at", "reader", "kind", "title", "holding_library", "status")
    list_filter = ("kind", "status", "year")
    search_fields = ("title", "author", "reader__card_number", "holding_library")
    list_select_related = ("reader__user",)
    autocomplete_fields = ("handled_by",)
    # The status moves only by the actions below (along ILL_TRANSITIONS), never by editing the form.
    readonly_fields = ("year", "number", "reader", "record", "created_at", "status")
    actions = ["mark_sent", "mark_received", "mark_delivered", "mark_returned", "mark_rejected"]

    def has_add_permission(self, request) -> bool:
        return False  # readers request from the cabinet

    def _move(self, request, queryset, status):
        # One service moves all the selected requests or none: a refusal names every request that cannot move.
        try:
            moved = services.ill_requests_set_status(requests=list(queryset), status=status, by=request.user)
        except CirculationError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, ngettext("%(n)s request updated.", "%(n)s requests updated.", len(moved))
                          % {"n": len(moved)}, messages.SUCCESS)

    @admin.action(description=_("Mark as sent to the holding library"), permissions=["change"])
    def mark_sent(self, request, queryset):
        self._move(request, queryset, IllStatus.SENT)

    @admin.action(description=_("Mark as received"), permissions=["change"])
    def mark_received(self, request, queryset):
        self._move(request, queryset, IllStatus.RECEIVED)

    @admin.action(description=_("Mark as delivered to the reader"), permissions=["change"])
    def mark_delivered(self, request, queryset):
        self._move(request, queryset, IllStatus.DELIVERED)

    @admin.action(description=_("Mark as returned"), permissions=["change"])
    def mark_returned(self, request, queryset):
        self._move(request, queryset, IllStatus.RETURNED)

    @admin.action(description=_("Mark as not fulfilled"), permissions=["change"])
    def mark_rejected(self, request, queryset):
        self._move(request, queryset, IllStatus.REJECTED)


@admin.register(FeedbackCard)
class FeedbackCardAdmin(RegisterAdmin):
    list_display = ("pk", "created_at", "service", "rating_overall", "respondent_category", "responded_on")
    list_select_related = ("respondent_category",)
    autocomplete_fields = ("responsible",)
    list_filter = ("service", "rating_overall", "respondent_category")
    search_fields = ("not_obtained", "suggestions")
    readonly_fields = ("reader", "created_at")


@admin.register(LostItem)
class LostItemAdmin(NumberedDocumentAdmin):
    list_display = ("declared_at", "reader", "item", "status", "replacement_item", "act_number", "act_year")
    list_filter = ("status",)
    search_fields = ("reader__card_number", "item__inventory_number", "replacement_item__inventory_number")
    list_select_related = ("reader__user", "item__record", "replacement_item__record")
    readonly_fields = [f.name for f in LostItem._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False  # declared at the desk


@admin.register(ClearanceCertificate)
class ClearanceCertificateAdmin(NumberedDocumentAdmin):
    list_display = ("number", "year", "issued_at", "full_name", "card_number", "code")
    search_fields = ("full_name", "card_number", "code")
    readonly_fields = [f.name for f in ClearanceCertificate._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(OverdueNotice)
class OverdueNoticeAdmin(ReadOnlyRegisterAdmin):
    """The notices log: every e-mail to a reader, whether it went, and the error when it did not."""

    list_display = ("sent_on", "kind", "reader", "email", "status", "attempts", "delivered_at", "loans_count")
    list_select_related = ("reader__user",)
    list_filter = ("status", "kind")
    date_hierarchy = "sent_on"
    search_fields = ("reader__card_number", "email", "error")


@admin.register(ReferenceEntry)
class ReferenceEntryAdmin(RegisterAdmin):
    list_display = ("given_on", "kind", "question", "reader", "requester", "remote", "answered_by")
    list_select_related = ("reader__user", "answered_by")
    list_filter = ("kind", "remote")
    search_fields = ("question", "answer", "requester")
    autocomplete_fields = ("reader", "answered_by")
    date_hierarchy = "given_on"

    def save_model(self, request, obj, form, change):
        if not obj.answered_by_id:
            obj.answered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Publication)
class PublicationAdmin(BackgroundImportMixin, RegisterAdmin):
    resource_classes = [PublicationResource]
    list_display = ("year", "title", "department", "university_authors", "source", "citations", "quartile")
    list_select_related = ("department",)
    list_filter = ("source", "year", "department", "quartile")
    search_fields = ("title", "authors", "university_authors", "doi", "external_id")


# ---------------------------------------------------------------------------------------------------------------
# Paid services


class PriceListItemInline(admin.TabularInline):
    model = PriceListItem
    extra = 0
    fields = ("position", "kind", "name_kk", "name_ru", "name_en", "unit", "price")

    def _editable(self, obj) -> bool:
        return obj is None or not obj.is_approved

    def has_add_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(PriceList)
class PriceListAdmin(RegisterAdmin):
    """Price lists: the desk drafts one, the director approves it (an admin action that needs its own permission);
    an approved list is read-only, since the receipts issued under it quote its prices."""

    list_display = ("title", "valid_from", "status", "approved_by", "approved_at")
    list_select_related = ("approved_by",)
    list_filter = ("status",)
    search_fields = ("title", "basis")
    date_hierarchy = "valid_from"
    inlines = [PriceListItemInline]
    readonly_fields = ("status", "approved_by", "approved_at")
    actions = ["approve"]

    def has_change_permission(self, request, obj=None) -> bool:
        return (obj is None or not obj.is_approved) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return (obj is None or not obj.is_approved) and super().has_delete_permission(request, obj)

    def has_approve_permission(self, request) -> bool:
        return request.user.has_perm("circulation.approve_pricelist")

    @admin.action(description=_("Approve the selected price lists (director)"), permissions=["approve"])
    def approve(self, request, queryset):
        approved = 0
        for price_list in queryset:
            try:
                services.price_list_approve(price_list=price_list, by=request.user)
            except CirculationError as error:
                self.message_user(request, f"{price_list}: {error}", messages.ERROR)
            else:
                approved += 1
        if approved:
            self.message_user(request, ngettext("%(n)s price list approved.", "%(n)s price lists approved.", approved)
                              % {"n": approved}, messages.SUCCESS)


@admin.register(RenderedService)
class RenderedServiceAdmin(ReadOnlyRegisterAdmin):
    """The register of paid services: written by the desk's page (recording is receiving the money), read and
    exported here."""

    list_display = ("number", "year", "rendered_on", "reader", "service", "quantity", "unit_price", "amount",
                    "received_by", "cancelled_at")
    list_filter = ("year", "service__kind", ("cancelled_at", admin.EmptyFieldListFilter))
    search_fields = ("reader__card_number", "reader__user__last_name", "service__name_kk")
    list_select_related = ("reader__user", "service", "received_by")
    date_hierarchy = "rendered_on"


# The outreach registers (exhibitions, requests, the plan, bookings, events) live in their own module.
from . import admin_outreach  # noqa: E402, F401
