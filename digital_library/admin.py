"""Admin registers of the digital library (607-30 … 607-35), usage statistics and the dictionaries."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import NumberedDocumentAdmin, ReadOnlyRegisterAdmin, RegisterAdmin, admin
from core.forms import PeriodForm

from . import resources, selectors
from .choices import AccountRequestStatus, ScanningStatus, SystemRequestStatus, UsageKind
from .exceptions import DigitalLibraryError, FileRejected
from .models import (
    AccountRequest,
    DictionaryEdit,
    DigitalFile,
    DocumentTypeEntry,
    FileUploadLog,
    LanguageEntry,
    PublicationPlace,
    Publisher,
    ScanningRequest,
    SubjectHeading,
    SystemRequest,
    UsageEvent,
)
from .services import (
    account_request_close,
    dictionary_entry_delete,
    dictionary_entry_save,
    digital_file_check_upload,
    digital_file_remove,
    digital_file_update_rights,
    digital_file_upload,
    scanning_request_advance,
    scanning_request_publish,
    scanning_request_reject,
    scanning_request_submit,
    system_request_resolve,
)

# --- 607-30, 607-34 -----------------------------------------------------------------------------------------


@admin.register(AccountRequest)
class AccountRequestAdmin(RegisterAdmin):
    list_display = ("requested_at", "kind", "person_name", "roles", "requested_by", "status", "processed_at")
    list_filter = ("status", "kind", "library_department")
    search_fields = ("person_name", "person_email", "roles", "justification", "resolution")
    date_hierarchy = "requested_at"
    autocomplete_fields = ("account",)
    readonly_fields = ("requested_at", "requested_by", "processed_by", "processed_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.requested_by = request.user
        closing = change and "status" in form.changed_data and obj.status != AccountRequestStatus.NEW
        if closing:
            account_request_close(account_request=obj, user=request.user, status=obj.status,
                                  resolution=obj.resolution, account=obj.account)
        else:
            super().save_model(request, obj, form, change)


class SystemRequestForm(forms.ModelForm):
    class Meta:
        model = SystemRequest
        fields = ("kind", "priority", "library_department", "subject", "description", "status", "assigned_to",
                  "resolution")

    def clean(self):
        data = super().clean()
        if data.get("status") in (SystemRequestStatus.RESOLVED, SystemRequestStatus.REJECTED) and not (
            data.get("resolution") or ""
        ).strip():
            self.add_error("resolution", _("Describe the resolution before closing the request."))
        return data


@admin.register(SystemRequest)
class SystemRequestAdmin(RegisterAdmin):
    form = SystemRequestForm
    list_display = ("submitted_at", "kind", "priority", "subject", "submitted_by", "assigned_to", "status",
                    "resolved_at")
    list_select_related = ("submitted_by", "assigned_to")
    autocomplete_fields = ("assigned_to",)
    list_filter = ("status", "kind", "priority", "library_department")
    search_fields = ("subject", "description", "resolution")
    date_hierarchy = "submitted_at"
    readonly_fields = ("submitted_at", "submitted_by", "resolved_at")
    exclude = ()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.submitted_by = request.user
            if obj.library_department_id is None:
                obj.library_department = request.user.library_department
        closing = "status" in form.changed_data and obj.status in (
            SystemRequestStatus.RESOLVED, SystemRequestStatus.REJECTED)
        if closing and change:
            system_request_resolve(system_request=obj, user=request.user, status=obj.status,
                                   resolution=obj.resolution)
            return
        if closing:
            obj.resolved_at = timezone.now()
        super().save_model(request, obj, form, change)


# --- 607-33: dictionaries -----------------------------------------------------------------------------------


class DictionaryAdmin(RegisterAdmin):
    """Every create, change and delete goes through the service that writes the 607-33 log."""

    def save_model(self, request, obj, form, change):
        dictionary_entry_save(entry=obj, user=request.user)

    def delete_model(self, request, obj):
        dictionary_entry_delete(entry=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            dictionary_entry_delete(entry=entry, user=request.user)


@admin.register(DocumentTypeEntry)
class DocumentTypeEntryAdmin(DictionaryAdmin):
    resource_classes = [resources.DocumentTypeEntryResource]
    list_display = ("code", "name_kk", "name_ru", "name_en")
    search_fields = ("code", "name_kk", "name_ru", "name_en")


@admin.register(LanguageEntry)
class LanguageEntryAdmin(DictionaryAdmin):
    resource_classes = [resources.LanguageEntryResource]
    list_display = ("code", "name_kk", "name_ru", "name_en")
    search_fields = ("code", "name_kk", "name_ru", "name_en")


@admin.register(PublicationPlace)
class PublicationPlaceAdmin(DictionaryAdmin):
    resource_classes = [resources.PublicationPlaceResource]
    list_display = ("name_kk", "name_ru", "name_en", "country")
    list_filter = ("country",)
    search_fields = ("name_kk", "name_ru", "name_en")


@admin.register(Publisher)
class PublisherAdmin(DictionaryAdmin):
    resource_classes = [resources.PublisherResource]
    list_display = ("name", "place", "note")
    list_select_related = ("place",)
    search_fields = ("name", "note")
    autocomplete_fields = ("place",)


@admin.register(SubjectHeading)
class SubjectHeadingAdmin(DictionaryAdmin):
    resource_classes = [resources.SubjectHeadingResource]
    list_display = ("heading", "broader")
    list_select_related = ("broader__broader",)  # a heading is shown with its broader one, which shows its own
    search_fields = ("heading", "scope_note")
    autocomplete_fields = ("broader",)


@admin.register(DictionaryEdit)
class DictionaryEditAdmin(ReadOnlyRegisterAdmin):
    list_display = ("edited_at", "edited_by", "dictionary", "entry_repr", "action", "changes_text")
    list_filter = ("dictionary", "action")
    search_fields = ("entry_repr",)
    date_hierarchy = "edited_at"


# --- 607-31, 607-32: full-text files ------------------------------------------------------------------------


class DigitalFileAddForm(forms.ModelForm):
    """Upload: the file itself is a plain form field; the service stores it under a random name."""

    upload = forms.FileField(
        label=_("file"), help_text=_("PDF, DjVu, EPUB or DOCX; the type is read from the content."),
    )

    class Meta:
        model = DigitalFile
        fields = ("record", "label", "legal_basis", "agreement_reference", "rights_holder", "licence",
                  "access_level", "embargo_until", "rights_note")

    def clean(self):
        data = super().clean()
        if data.get("upload") is not None:
            try:
                digital_file_check_upload(record=data.get("record"), uploaded_file=data["upload"])
            except FileRejected as exc:
                self.add_error("upload", str(exc))
        rights = DigitalFile(**{name: data.get(name) or "" for name in (
            "legal_basis", "agreement_reference", "rights_holder", "licence")})
        try:
            rights.clean()
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field, errors)
        return data

    def _post_clean(self):
        # The model's own checks run in the service, once the kind, size and checksum are known.
        pass


@admin.register(DigitalFile)
class DigitalFileAdmin(RegisterAdmin):
    list_display = ("__str__", "kind", "access_level", "legal_basis", "embargo_until", "size", "uploaded_by",
                    "uploaded_at", "views", "downloads")
    list_filter = ("access_level", "legal_basis", "kind", "record__database")
    search_fields = ("record__title", "record__control_number", "original_name", "label", "sha256")
    date_hierarchy = "uploaded_at"
    raw_id_fields = ("record",)
    readonly_fields = ("record", "protected_link", "kind", "original_name", "sha256", "size", "uploaded_by",
                       "uploaded_at", "text_excerpt")
    fields = ("record", "protected_link", "kind", "original_name", "label", "sha256", "size", "uploaded_by",
              "uploaded_at", "legal_basis", "agreement_reference", "rights_holder", "licence", "access_level",
              "embargo_until", "rights_note", "text_excerpt")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("record", "uploaded_by").annotate(
            view_count=Count("usage_events", filter=Q(usage_events__kind=UsageKind.VIEW)),
            download_count=Count("usage_events", filter=Q(usage_events__kind=UsageKind.DOWNLOAD)),
        )

    @admin.display(description=_("views"), ordering="view_count")
    def views(self, obj):
        return obj.view_count

    @admin.display(description=_("downloads"), ordering="download_count")
    def downloads(self, obj):
        return obj.download_count

    @admin.display(description=_("file"))
    def protected_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("digital_library:file_download", args=[obj.pk]),
                           obj.download_name)

    @admin.display(description=_("extracted text"))
    def text_excerpt(self, obj):
        return (obj.text[:1000] + "…") if len(obj.text) > 1000 else (obj.text or "—")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = DigitalFileAddForm
            kwargs["fields"] = (*DigitalFileAddForm.Meta.fields, "upload")
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return (*DigitalFileAddForm.Meta.fields, "upload")
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            rights = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
            digital_file_update_rights(digital_file=obj, user=request.user, **rights)
            return
        data = form.cleaned_data
        try:
            created = digital_file_upload(
                record=data["record"], uploaded_file=data["upload"], user=request.user,
                legal_basis=data["legal_basis"], access_level=data["access_level"],
                embargo_until=data.get("embargo_until"), licence=data.get("licence", ""),
                rights_holder=data.get("rights_holder", ""), agreement_reference=data.get("agreement_reference", ""),
                label=data.get("label", ""), rights_note=data.get("rights_note", ""),
            )
        except (FileRejected, ValidationError) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))
            raise
        obj.__dict__.update({name: value for name, value in created.__dict__.items() if name != "_state"})
        obj._state.adding, obj._state.db = False, created._state.db

    def delete_model(self, request, obj):
        digital_file_remove(digital_file=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for digital_file in queryset:
            digital_file_remove(digital_file=digital_file, user=request.user)


@admin.register(FileUploadLog)
class FileUploadLogAdmin(ReadOnlyRegisterAdmin):
    list_display = ("logged_at", "user", "action", "record", "original_name", "kind", "size", "access_level",
                    "legal_basis")
    list_select_related = ("user", "record")
    list_filter = ("action", "kind", "access_level", "legal_basis")
    search_fields = ("original_name", "sha256", "record__title", "record__control_number")
    date_hierarchy = "logged_at"


@admin.register(UsageEvent)
class UsageEventAdmin(ReadOnlyRegisterAdmin):
    change_list_template = "digital_library/admin/usage_change_list.html"
    list_display = ("occurred_at", "kind", "digital_file", "user", "ip_address")
    list_select_related = ("digital_file__record", "user")
    list_filter = ("kind",)
    search_fields = ("digital_file__record__title", "ip_address")
    date_hierarchy = "occurred_at"

    def get_urls(self):
        return [
            path("statistics/", self.admin_site.admin_view(self.statistics_view),
                 name="digital_library_usage_statistics"),
            *super().get_urls(),
        ]

    def statistics_view(self, request):
        """Views and downloads per file for a period (COUNTER-filtered), for staff."""
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        today = timezone.localdate()
        form = PeriodForm(request.GET or {"date_from": today.replace(day=1), "date_to": today})
        rows, totals = [], None
        if form.is_valid():
            date_from, date_to = form.period()
            period = {"date_from": date_from, "date_to": date_to}
            rows = list(selectors.usage_per_file(**period)[:500])
            # The same rules as section 7's e-library and remote users (planning reads these selectors).
            totals = {**selectors.usage_totals(**period), "users": selectors.elibrary_users(date_from, date_to),
                      "remote_users": selectors.remote_users(date_from, date_to)}
        context = {**self.admin_site.each_context(request), "title": _("Usage statistics"), "form": form,
                   "rows": rows, "totals": totals, "opts": self.model._meta}
        return TemplateResponse(request, "digital_library/admin/usage_statistics.html", context)


# --- 607-35: scanning requests ------------------------------------------------------------------------------


class ScanningRequestAdminForm(forms.ModelForm):
    scan_file = forms.FileField(
        label=_("scan to publish"), required=False,
        help_text=_("After the quality check: upload the scan to publish it on the record."),
    )
    move_to = forms.ChoiceField(label=_("move to"), required=False, choices=[("", "—"), *ScanningStatus.choices])

    class Meta:
        model = ScanningRequest
        fields = ("source", "department", "requested_by", "course", "material", "record", "pages", "needed_by",
                  "access_level", "legal_basis", "agreement_reference", "rights_holder", "rejection_reason")


@admin.register(ScanningRequest)
class ScanningRequestAdmin(NumberedDocumentAdmin):
    form = ScanningRequestAdminForm
    list_display = ("reference", "submitted_at", "department", "course", "status", "handled_by", "result_file")
    list_select_related = ("department", "handled_by", "result_file__record")
    list_filter = ("status", "source", "department", "access_level")
    search_fields = ("material", "course", "record__title")
    date_hierarchy = "submitted_at"
    raw_id_fields = ("record", "requested_by")
    readonly_fields = ("year", "number", "status", "submitted_at", "accepted_at", "scanning_started_at",
                       "quality_check_at", "published_at", "rejected_at", "handled_by", "result_file")
    actions = ["accept", "start_scanning", "send_to_quality_check"]

    @admin.display(description=_("number"), ordering="number")
    def reference(self, obj):
        return obj.reference

    def _advance(self, request, queryset, status):
        done = 0
        for scanning_request in queryset:
            try:
                scanning_request_advance(scanning_request=scanning_request, user=request.user, to_status=status)
                done += 1
            except DigitalLibraryError as exc:
                self.message_user(request, f"№ {scanning_request.reference}: {exc}", messages.ERROR)
        if done:
            self.message_user(request, ngettext("%(count)d request moved on.", "%(count)d requests moved on.", done)
                              % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Accept the selected requests"), permissions=["change"])
    def accept(self, request, queryset):
        self._advance(request, queryset, ScanningStatus.ACCEPTED)

    @admin.action(description=_("Start scanning"), permissions=["change"])
    def start_scanning(self, request, queryset):
        self._advance(request, queryset, ScanningStatus.SCANNING)

    @admin.action(description=_("Send to quality check"), permissions=["change"])
    def send_to_quality_check(self, request, queryset):
        self._advance(request, queryset, ScanningStatus.QUALITY_CHECK)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            fields = {name: data[name] for name in ScanningRequestAdminForm.Meta.fields
                      if name not in ("requested_by", "department", "source", "material", "rejection_reason")}
            created = scanning_request_submit(
                requested_by=data.get("requested_by") or request.user, material=data["material"],
                department=data.get("department"), source=data["source"], **fields,
            )
            obj.pk, obj.year, obj.number = created.pk, created.year, created.number
            obj._state.adding = False
            return
        super().save_model(request, obj, form, change)
        try:
            if data.get("scan_file"):
                scanning_request_publish(scanning_request=obj, user=request.user, uploaded_file=data["scan_file"],
                                         record=data.get("record"))
            elif data.get("move_to") == ScanningStatus.REJECTED:
                scanning_request_reject(scanning_request=obj, user=request.user,
                                        reason=data.get("rejection_reason", ""))
            elif data.get("move_to"):
                scanning_request_advance(scanning_request=obj, user=request.user, to_status=data["move_to"])
        except (DigitalLibraryError, ValidationError) as exc:
            self.message_user(request, "; ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
