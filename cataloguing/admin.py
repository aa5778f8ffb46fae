"""Admin of cataloguing: records edited through library fields with the MARC view, items, history, MARC
import with progress, transfer slips (607-28), passports (607-27) and the UDC log (607-29)."""

from __future__ import annotations

import io

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import LibraryDepartment
from core.admin import NumberedDocumentAdmin, ReadOnlyRegisterAdmin, RegisterAdmin

from . import marc, services
from .constants import ImportStatus, MarcFormat, TransferStatus, UdcRequestStatus
from .exceptions import CataloguingError, RecordInvalid, RecordLocked, RecordStale
from .imports import marc_import_create
from .marcio import export_queryset
from .models import (
    BibliographicRecord,
    CatalogueDatabase,
    DatabasePassport,
    Item,
    LockLogEntry,
    MarcImport,
    RecordChange,
    TransferSlip,
    TransferSlipLine,
    UdcRequest,
)
from .quality import QualityReason, reason_labels
from .signals import send_record_changed
from .validators import validate_fields


def _form_url(code: str, **params) -> str:
    return reverse("forms_registry:form", args=[code]) + "?" + urlencode({"action": "pdf", **params})


@admin.register(CatalogueDatabase)
class CatalogueDatabaseAdmin(RegisterAdmin):
    """The electronic catalogue's databases (configurable; 8 seeded)."""

    list_display = ("code", "name_kk", "name_ru", "name_en", "creator_department", "kind", "access", "locked_at",
                    "locked_by")
    list_select_related = ("creator_department", "locked_by")
    search_fields = ("code", "name_kk", "name_ru", "name_en")
    actions = ("lock_databases", "unlock_databases")

    def has_lock_permission(self, request: HttpRequest) -> bool:
        return services.can_lock(request.user)

    @admin.action(description=_("Lock selected databases (read-only for cataloguers)"), permissions=["lock"])
    def lock_databases(self, request, queryset):
        _lock_each(self, request, queryset, services.database_lock, _("Catalogue database \"%(what)s\" locked."))

    @admin.action(description=_("Unlock selected databases"), permissions=["lock"])
    def unlock_databases(self, request, queryset):
        _lock_each(self, request, queryset, services.database_unlock, _("Catalogue database \"%(what)s\" unlocked."))


def _lock_each(model_admin, request, queryset, service, done) -> None:
    """Run a lock or unlock service on each selected row; each success and each refusal is reported."""
    keyword = "database" if queryset.model is CatalogueDatabase else "record"
    for obj in queryset:
        try:
            service(**{keyword: obj}, user=request.user)
        except CataloguingError as exc:
            model_admin.message_user(request, str(exc), messages.ERROR)
        else:
            model_admin.message_user(request, done % {"what": obj.control_number if keyword == "record" else obj})


class VersionCheckedForm(forms.ModelForm):
    """A change form that carries the version it was opened at (QP 607 §5.4, optimistic versions).

    The admin validates and saves in one transaction, so `clean` reads the row under a lock: a form opened
    before someone else's save is refused with who saved it and when, the user's input stays on the page, and
    the hidden version moves to the current one so that saving again applies the input deliberately. A lock
    set after the form was opened refuses it the same way."""

    # Not "version": the model field is not editable, and a ModelForm may not name it.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    request_user = None  # set by the admin's get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "seen_version" in self.fields:
            self.fields["seen_version"].initial = self.instance.version

    def current_row(self):
        """The stored row, locked until the admin's transaction ends."""
        raise NotImplementedError

    def stale_message(self, current) -> str:
        raise NotImplementedError

    def lock_message(self, current) -> str | None:
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or "seen_version" not in self.fields:
            return cleaned
        current = self.current_row()
        seen = cleaned.get("seen_version")
        if seen is not None and seen != current.version:
            self.add_error(None, self.stale_message(current))
            data = self.data.copy()
            data[self.add_prefix("seen_version")] = current.version
            self.data = data
        elif not services.can_lock(self.request_user):
            message = self.lock_message(current)
            if message:
                self.add_error(None, message)
        return cleaned



class RecordForm(VersionCheckedForm):
    """The cataloguer's form: library fields only; MARC follows them (see cataloguing.marc)."""

    class Meta:
        model = BibliographicRecord
        fields = ("database", "control_number", "document_type", "language", "authors", "title", "subtitle",
                  "statement_of_responsibility", "edition", "place", "publisher", "year", "extent", "series",
                  "source", "isbn", "issn", "udc", "subjects", "annotation", "url")
        widgets = {
            "title": forms.TextInput(attrs={"size": 100}),
            "subtitle": forms.TextInput(attrs={"size": 100}),
            "statement_of_responsibility": forms.TextInput(attrs={"size": 100}),
            "authors": forms.TextInput(attrs={"size": 100}),
            "source": forms.TextInput(attrs={"size": 100}),
            "subjects": forms.TextInput(attrs={"size": 100}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "control_number" in self.fields:  # absent when the page is view-only
            self.fields["control_number"].required = False
            self.fields["control_number"].help_text = _("Left empty, a new control number is given.")
        if "language" in self.fields:
            self.fields["language"].help_text = _("MARC language code: kaz, rus, eng…")

    def clean_isbn(self) -> str:
        return marc.normalize_isbn(self.cleaned_data.get("isbn"))

    def clean_issn(self) -> str:
        return marc.normalize_issn(self.cleaned_data.get("issn"))

    def clean_control_number(self) -> str:
        number = (self.cleaned_data.get("control_number") or "").strip()
        clash = BibliographicRecord.objects.filter(control_number=number)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if number and clash.exists():
            raise forms.ValidationError(_("A record with this control number already exists."))
        return number

    def clean(self):
        cleaned = super().clean()
        errors = validate_fields({**cleaned, "control_number": cleaned.get("control_number") or "-"})
        for field, messages_ in errors.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, messages_)
        if not self.errors and "database" in self.fields:
            # Whatever else the write path would refuse (an ISBN already catalogued, a row the database refuses…).
            refusal = services.record_save_refusal(
                record=self.instance if self.instance.pk else None, database=cleaned["database"],
                user=self.request_user, expected_version=cleaned.get("seen_version"), **self.library_fields())
            fields = getattr(refusal, "errors", {})
            for field, messages_ in fields.items():
                self.add_error(field if field in self.fields else None, messages_)
            if refusal is not None and not fields:
                self.add_error(None, str(refusal))
        return cleaned

    def library_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name in marc.LIBRARY_FIELDS}

    def current_row(self):
        return BibliographicRecord.objects.select_for_update().get(pk=self.instance.pk)

    def stale_message(self, current) -> str:
        return services.stale_message(what=_("Record %(number)s") % {"number": current.control_number},
                                      changed_by=current.updated_by, changed_at=current.updated_at)

    def lock_message(self, current) -> str | None:
        return services.lock_message(record=current)

    def _post_clean(self):
        # The model instance is written by the service, not by ModelForm (MARC must stay the source).
        pass


class ItemInline(admin.TabularInline):
    model = Item
    fields = ("inventory_number", "barcode", "status", "department", "call_number", "price", "received_on")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    max_num = 0


class RecordChangeInline(admin.TabularInline):
    model = RecordChange
    fields = ("changed_at", "action", "user", "changes_display", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0
    ordering = ("-changed_at",)
    verbose_name_plural = _("history")

    @admin.display(description=_("changes"))
    def changes_display(self, change: RecordChange) -> str:
        return _changes_html(change.changes)


def _changes_html(changes: dict) -> str:
    rows = []
    for name, value in (changes or {}).items():
        if name == "marc_tags":
            rows.append((_("MARC tags"), ", ".join(value), ""))
        elif isinstance(value, list) and len(value) == 2:
            rows.append((name, str(value[0] or "—")[:200], str(value[1] or "—")[:200]))
        elif name == "duplicate":
            rows.append((_("duplicate"), value.get("control_number", ""), value.get("title", "")[:200]))
    return format_html_join("", "<div><b>{}</b>: {} → {}</div>", rows) if rows else "—"


class DuplicateFilter(admin.SimpleListFilter):
    title = _("quality")
    parameter_name = "quality"

    def lookups(self, request, model_admin):
        return [("no-udc", _("without UDC")), ("no-year", _("without year"))]

    def queryset(self, request, queryset):
        if self.value() == "no-udc":
            return queryset.filter(udc="")
        if self.value() == "no-year":
            return queryset.filter(year__isnull=True)
        return queryset


class QualityFlagFilter(admin.SimpleListFilter):
    """Issue 17.2: the records the quality-control queue lists (flagged by the rules of `cataloguing.quality`)."""

    title = _("quality control")
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("yes", _("flagged")), ("no", _("keeps every rule")),
                *((code, label) for code, label in QualityReason.choices)]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "yes":
            return queryset.flagged()
        if value == "no":
            return queryset.filter(quality_flags__isnull=True)
        if value in QualityReason.values:
            return queryset.flagged().filter(quality_flags__has_key=value)
        return queryset


class WithdrawnFilter(admin.SimpleListFilter):
    """QP 607 §5.3: records whose every copy is written off stay here for the fund's history."""

    title = _("in the catalogue")
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("no", _("in the public catalogue")), ("yes", _("withdrawn (every copy written off)"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.public()
        if self.value() == "yes":
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(queryset=BibliographicRecord.objects.none(), label=_("record to keep"),
                                  widget=forms.RadioSelect)


class TransferForm(forms.Form):
    to_department = forms.ModelChoiceField(queryset=LibraryDepartment.objects.exclude(code="cataloguing"),
                                           label=_("to department"))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


@admin.register(BibliographicRecord)
class BibliographicRecordAdmin(RegisterAdmin):
    """607-25: bibliographic records of the electronic catalogue, edited through library fields."""

    form = RecordForm
    list_display = ("control_number", "title", "first_author", "year", "database", "document_type", "language",
                    "updated_at")
    list_filter = ("database", "document_type", "language", DuplicateFilter, QualityFlagFilter, WithdrawnFilter)
    search_fields = ("=control_number", "=isbn", "title", "first_author")
    list_select_related = ("database",)
    readonly_fields = ("gost_display", "marc_display", "duplicates_display", "quality_display", "created_at",
                       "created_by", "updated_at", "updated_by", "withdrawn_at")
    inlines = (ItemInline, RecordChangeInline)
    actions = ("export_iso2709", "export_marcxml", "print_cards", "merge_duplicates", "lock_records",
               "unlock_records")
    fieldsets = (
        (None, {"fields": ("database", "control_number", "document_type", "language", "seen_version")}),
        (_("Title and responsibility"), {"fields": ("authors", "title", "subtitle", "statement_of_responsibility",
                                                    "edition")}),
        (_("Publication"), {"fields": ("place", "publisher", "year", "extent", "series", "source")}),
        (_("Identifiers and classification"), {"fields": ("isbn", "issn", "udc", "subjects", "annotation",
                                                          "url")}),
        (_("Description and MARC"), {"fields": ("quality_display", "gost_display", "duplicates_display",
                                                "marc_display")}),
        (_("Changes"), {"fields": ("created_at", "created_by", "updated_at", "updated_by", "lock_display",
                                   "withdrawn_at")}),
    )

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "lock_display")

    @admin.display(description=_("version"))
    def seen_version(self, record: BibliographicRecord) -> int | None:
        return record.version  # shown when the page is read-only (the form field is hidden otherwise)

    @admin.display(description=_("lock"))
    def lock_display(self, record: BibliographicRecord) -> str:
        return (services.lock_message(record=record) or "—") if record.pk else "—"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        return form

    def has_change_permission(self, request, obj=None) -> bool:
        # A locked record opens read-only; a form opened before the lock is refused by its clean() instead
        # (with the input kept), so the POST still reaches it.
        if (obj is not None and request.method != "POST" and not services.can_lock(request.user)
                and services.lock_message(record=obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_lock_permission(self, request: HttpRequest) -> bool:
        return services.can_lock(request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        message = services.lock_message(record=record) if record is not None else None
        if message and request.method != "POST":
            self.message_user(request, message, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Lock selected records (read-only for cataloguers)"), permissions=["lock"])
    def lock_records(self, request, queryset):
        _lock_each(self, request, queryset, services.record_lock, _("Record %(what)s locked."))

    @admin.action(description=_("Unlock selected records"), permissions=["lock"])
    def unlock_records(self, request, queryset):
        _lock_each(self, request, queryset, services.record_unlock, _("Record %(what)s unlocked."))

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False  # records come in as MARC (see "MARC imports"), never as CSV rows

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a record leaves the catalogue only by a merge, which keeps its history

    @admin.display(description=_("GOST 7.1-2003 description"))
    def gost_display(self, record: BibliographicRecord) -> str:
        return record.gost_description if record.pk else "—"

    @admin.display(description=_("possible duplicates"))
    def duplicates_display(self, record: BibliographicRecord) -> str:
        if not record.pk:
            return "—"
        duplicates = services.find_duplicates(record)[:10]
        if not duplicates:
            return "—"
        return format_html_join(
            ", ", '<a href="{}">{}</a>',
            ((reverse("admin:cataloguing_bibliographicrecord_change", args=[d.pk]), d.control_number)
             for d in duplicates),
        )

    @admin.display(description=_("quality control"))
    def quality_display(self, record: BibliographicRecord) -> str:
        """Why the record is in the quality-control queue, worded in the reader's language (issue 17.2)."""
        if not record.quality_flags:
            return "—"
        return format_html_join("", "<div>{}</div>", ((label,) for label in reason_labels(record.quality_flags)))

    @admin.display(description=_("MARC 21"))
    def marc_display(self, record: BibliographicRecord) -> str:
        if not record.pk:
            return "—"
        rows = marc.marc_view(marc.record_from_json(record.marc, record.leader))
        body = format_html_join(
            "", "<tr><td><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((row["tag"], row["ind1"].replace(" ", "#"), row["ind2"].replace(" ", "#"),
              row["data"] or format_html_join(" ", "<b>${}</b>&nbsp;{}", row["subfields"])) for row in rows),
        )
        return format_html('<table class="marc"><tbody>{}</tbody></table>', body)

    def save_model(self, request, obj, form, change):
        fields = form.library_fields()
        database = form.cleaned_data["database"]
        try:
            if change:
                stored = BibliographicRecord.objects.get(pk=obj.pk)
                record = services.record_save_fields(record=stored, user=request.user, database=database,
                                                     expected_version=form.cleaned_data.get("seen_version"),
                                                     **fields)
            else:
                record = services.record_create(database=database, user=request.user, **fields)
        except (RecordInvalid, RecordLocked, RecordStale) as exc:
            # The form already checked quality; this guards the MARC-level rules.
            raise forms.ValidationError(str(exc)) from exc
        obj.pk = record.pk
        obj.__dict__.update({k: v for k, v in record.__dict__.items() if not k.startswith("_")})
        obj._state.adding = False

    @admin.action(description=_("Export selected as MARC 21 (ISO 2709)"))
    def export_iso2709(self, request, queryset):
        return self._export(queryset, MarcFormat.ISO2709, "records.mrc", "application/marc")

    @admin.action(description=_("Export selected as MARCXML"))
    def export_marcxml(self, request, queryset):
        return self._export(queryset, MarcFormat.MARCXML, "records.xml", "application/marc+xml")

    def _export(self, queryset, fmt, filename, content_type):
        out = io.BytesIO()
        export_queryset(queryset, out, fmt=fmt)
        response = HttpResponse(out.getvalue(), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(description=_("Print catalogue cards (607-26)"))
    def print_cards(self, request, queryset):
        from .printforms import render_cards_pdf

        pdf = render_cards_pdf(record_ids=list(queryset.values_list("pk", flat=True)))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="607-26-cards.pdf"'
        return response

    @admin.action(description=_("Merge selected duplicates"), permissions=["change"])
    def merge_duplicates(self, request, queryset):
        records = list(queryset.order_by("pk")[:3])
        if len(records) != 2:
            self.message_user(request, _("Select exactly two records to merge."), messages.ERROR)
            return None
        form = MergeForm(request.POST if "apply" in request.POST else None)
        form.fields["keep"].queryset = queryset
        if "apply" in request.POST and form.is_valid():
            keep = form.cleaned_data["keep"]
            duplicate = next(r for r in records if r.pk != keep.pk)
            try:
                services.record_merge(keep=keep, duplicate=duplicate, user=request.user)
            except CataloguingError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, _("Merged into %(number)s.") % {"number": keep.control_number})
            return None
        return TemplateResponse(request, "cataloguing/admin/merge.html", {
            **self.admin_site.each_context(request), "title": _("Merge duplicates"), "records": records,
            "form": form, "queryset": queryset, "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })


class ItemForm(VersionCheckedForm):
    class Meta:
        model = Item
        fields = ("record", "inventory_number", "barcode", "status", "department", "location_note", "loan_category",
                  "price", "received_on", "receipt_source", "stamped", "call_number", "processed_on")

    def current_row(self):
        return Item.objects.select_for_update().select_related("record", "database").get(pk=self.instance.pk)

    def stale_message(self, current) -> str:
        return services.stale_message(what=_("Item %(number)s") % {"number": current.inventory_number},
                                      changed_by=None, changed_at=current.updated_at)

    def lock_message(self, current) -> str | None:
        return services.lock_message(record=current.record) or services.lock_message(database=current.database)


@admin.register(Item)
class ItemAdmin(RegisterAdmin):
    """Copies of the fund (never deleted: an inventory number is never reused)."""

    form = ItemForm

    list_display = ("inventory_number", "barcode", "record", "status", "database", "department", "call_number",
                    "stamped", "processed_on")
    list_filter = ("status", "database", "department", "loan_category", "receipt_source", "stamped",
                   ("processed_on", admin.EmptyFieldListFilter))
    search_fields = ("=inventory_number", "=barcode", "record__title")
    raw_id_fields = ("record",)
    list_select_related = ("record", "database", "department")
    # The day of the library stamp is set by the receipt (acquisitions), for every copy received.
    readonly_fields = ("database", "stamped_on", "created_at", "updated_at")
    actions = ("mark_processed", "make_transfer_slip", "print_labels")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False  # items are created by acquisitions and cataloguing through services

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        # The status follows circulation and transfer slips; the inventory number is for ever.
        return (*self.readonly_fields, "inventory_number", "status", "department")

    @admin.display(description=_("version"))
    def seen_version(self, item: Item) -> int | None:
        return item.version  # shown when the page is read-only (the form field is hidden otherwise)

    def has_change_permission(self, request, obj=None) -> bool:
        # As for records: a copy of a locked record or database opens read-only.
        if (obj is not None and request.method != "POST" and not services.can_lock(request.user)
                and (services.lock_message(record=obj.record) or services.lock_message(database=obj.database))):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            try:
                services.item_save(item=obj, user=request.user,
                                   expected_version=form.cleaned_data.get("seen_version"))
            except CataloguingError as exc:
                raise forms.ValidationError(str(exc)) from exc
            send_record_changed([obj.record_id])
            return
        try:
            item = services.item_create(
                record=obj.record, inventory_number=obj.inventory_number, barcode=obj.barcode or None,
                price=obj.price, received_on=obj.received_on, receipt_source=obj.receipt_source,
                department=obj.department, loan_category=obj.loan_category, status=obj.status,
                call_number=obj.call_number, stamped=obj.stamped, processed_on=obj.processed_on,
                location_note=obj.location_note, user=request.user,
            )
        except CataloguingError as exc:
            raise forms.ValidationError(str(exc)) from exc
        obj.pk, obj.database_id = item.pk, item.database_id
        obj.barcode, obj.call_number = item.barcode, item.call_number
        obj._state.adding = False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        if obj is None and "barcode" in form.base_fields:
            form.base_fields["barcode"].required = False
            form.base_fields["barcode"].help_text = _("Left empty, the inventory number is used.")
        return form

    @admin.action(description=_("Technical processing done"), permissions=["change"])
    def mark_processed(self, request, queryset):
        marked = services.items_mark_processed(item_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, ngettext("%(n)s copy is ready to hand over.", "%(n)s copies are ready to hand over.",
                                            marked) % {"n": marked}, messages.SUCCESS)

    @admin.action(description=_("Hand over to a department (transfer slip 607-28)"), permissions=["change"])
    def make_transfer_slip(self, request, queryset):
        form = TransferForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            try:
                slip = services.transfer_slip_create(
                    items=list(queryset), to_department=form.cleaned_data["to_department"], user=request.user,
                    note=form.cleaned_data["note"],
                )
            except CataloguingError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return None
            self.message_user(request, _("Transfer slip № %(ref)s made.") % {"ref": slip.reference})
            return HttpResponseRedirect(reverse("admin:cataloguing_transferslip_change", args=[slip.pk]))
        return TemplateResponse(request, "cataloguing/admin/transfer.html", {
            **self.admin_site.each_context(request), "title": _("Hand over to a department"),
            "items": queryset.select_related("record")[:500], "count": queryset.count(), "form": form,
            "queryset": queryset, "opts": self.model._meta, "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    @admin.action(description=_("Print barcode labels"))
    def print_labels(self, request, queryset):
        from .labels import render_labels_pdf

        response = HttpResponse(render_labels_pdf(queryset.select_related("record")), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="labels.pdf"'
        return response


@admin.register(RecordChange)
class RecordChangeAdmin(RegisterAdmin):
    """History of records: who changed what and when; filtered by period it counts edited records."""

    list_display = ("changed_at", "control_number", "action", "user", "changes_display")
    list_filter = ("action", "changed_at")
    date_hierarchy = "changed_at"
    search_fields = ("=control_number",)
    list_select_related = ("user",)

    @admin.display(description=_("changes"))
    def changes_display(self, change: RecordChange) -> str:
        return _changes_html(change.changes)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(LockLogEntry)
class LockLogEntryAdmin(ReadOnlyRegisterAdmin):
    """The lock register (QP 607 §5.4): who locked or unlocked which database or record, and when."""

    list_display = ("at", "action", "database", "control_number", "user", "reason")
    list_filter = ("action", "database")
    date_hierarchy = "at"
    search_fields = ("=control_number",)
    list_select_related = ("database", "user")

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False


class MarcImportForm(forms.ModelForm):
    class Meta:
        model = MarcImport
        fields = ("file", "format", "encoding", "database")

    def clean_database(self):
        database = self.cleaned_data["database"]
        if database is not None and database.is_locked:
            raise forms.ValidationError(services.lock_message(database=database))
        return database


@admin.register(MarcImport)
class MarcImportAdmin(RegisterAdmin):
    """Upload a MARC file; a Celery task imports it and the page shows its progress."""

    form = MarcImportForm
    list_display = ("created_at", "file", "database", "status", "processed", "imported", "updated", "flagged",
                    "rejected")
    list_filter = ("status",)
    change_form_template = "cataloguing/admin/marcimport_change_form.html"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("file", "format", "encoding", "database")
        return ("file_display", "format", "encoding", "database", "status", "processed", "imported", "updated",
                "flagged", "rejected", "message", "errors_display", "created_by", "created_at", "finished_at")

    @admin.display(description=_("file"))
    def file_display(self, job: MarcImport) -> str:
        """The uploaded file's link; a file imported by the command stayed where it was, and only its name is kept."""
        if job.created_by_id is None or not job.file:
            return job.file.name or "—"
        return format_html('<a href="{}">{}</a>', job.file.url, job.file.name)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.get_fields(request, obj)

    @admin.display(description=_("rejected records"))
    def errors_display(self, job: MarcImport) -> str:
        if not job.errors:
            return "—"
        return format_html_join("", "<div>{}: {}</div>", ((e["position"], e["reason"]) for e in job.errors[:500]))

    def save_model(self, request, obj, form, change):
        if change:
            return
        job = marc_import_create(file=form.cleaned_data["file"], fmt=obj.format, encoding=obj.encoding,
                                 database=obj.database, user=request.user)
        obj.pk = job.pk
        obj._state.adding = False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        running = job is not None and job.status in (ImportStatus.PENDING, ImportStatus.RUNNING)
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "refresh": running})

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False  # a file is uploaded through the form above, not as CSV rows


@admin.register(DatabasePassport)
class DatabasePassportAdmin(RegisterAdmin):
    """607-27: kept passports; the director downloads their PDF."""

    list_display = ("year", "name_kk", "record_count", "records_added", "records_edited", "item_count", "pdf_link")
    list_select_related = ("database",)  # the PDF link names the database's code
    list_filter = ("year", "database")
    readonly_fields = [f.name for f in DatabasePassport._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("PDF"))
    def pdf_link(self, passport: DatabasePassport) -> str:
        return format_html('<a href="{}">PDF</a>', _form_url("607-27", year=passport.year,
                                                              database=passport.database.code))


class TransferLineInline(admin.TabularInline):
    model = TransferSlipLine
    fields = ("inventory_number", "description", "price")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False


@admin.register(TransferSlip)
class TransferSlipAdmin(NumberedDocumentAdmin):
    """607-28: transfer slips (made from the items list; accepted by the receiving department)."""

    list_display = ("reference", "sent_on", "from_department", "to_department", "status", "accepted_at",
                    "pdf_link")
    list_filter = ("status", "to_department", "year")
    readonly_fields = ("year", "number", "sent_on", "from_department", "to_department", "status", "created_by",
                       "created_at", "accepted_by", "accepted_at", "note")
    fields = readonly_fields
    inlines = (TransferLineInline,)
    actions = ("accept",)

    def has_add_permission(self, request) -> bool:
        return False  # made from the items list ("Hand over to a department")

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("number"), ordering="number")
    def reference(self, slip: TransferSlip) -> str:
        return slip.reference

    @admin.display(description=_("PDF"))
    def pdf_link(self, slip: TransferSlip) -> str:
        return format_html('<a href="{}">PDF</a>', _form_url("607-28", year=slip.year, number=slip.number))

    @admin.action(description=_("Confirm acceptance by the receiving department"), permissions=["change"])
    def accept(self, request, queryset):
        for slip in queryset.filter(status=TransferStatus.SENT):
            try:
                services.transfer_slip_accept(slip=slip, user=request.user)
            except CataloguingError as exc:
                self.message_user(request, f"№ {slip.reference}: {exc}", messages.ERROR)
            else:
                self.message_user(request, _("Transfer slip № %(ref)s accepted.") % {"ref": slip.reference})


class UdcAnswerForm(forms.ModelForm):
    class Meta:
        model = UdcRequest
        fields = ("udc_index", "bbk_index", "author_sign", "delivery_method", "answer_note", "status")

    def clean(self):
        cleaned = super().clean()
        from .validators import udc_is_valid

        if cleaned.get("status") == UdcRequestStatus.ANSWERED and not udc_is_valid(cleaned.get("udc_index") or ""):
            self.add_error("udc_index", _("Give a valid UDC index."))
        if cleaned.get("status") == UdcRequestStatus.REJECTED and not (cleaned.get("answer_note") or "").strip():
            self.add_error("answer_note", _("Say why the request is rejected."))
        return cleaned


@admin.register(UdcRequest)
class UdcRequestAdmin(NumberedDocumentAdmin):
    """607-29: the UDC log; authors submit on the site, the classifier answers here."""

    form = UdcAnswerForm
    list_display = ("reference", "requested_at", "authors", "work_type", "title_short", "status", "udc_index",
                    "classifier")
    list_select_related = ("classifier",)
    list_filter = ("status", "work_type", "year")
    search_fields = ("authors", "title", "udc_index")
    date_hierarchy = "requested_at"
    readonly_fields = ("year", "number", "requester", "authors", "department", "work_type", "title", "annotation",
                       "requested_at", "classifier", "answered_at")
    fields = (*readonly_fields, "status", "udc_index", "bbk_index", "author_sign", "delivery_method",
              "answer_note")

    def has_add_permission(self, request) -> bool:
        return False

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("number"), ordering="number")
    def reference(self, request_: UdcRequest) -> str:
        return f"{request_.number}/{request_.year}"

    @admin.display(description=_("title of the work"))
    def title_short(self, request_: UdcRequest) -> str:
        return request_.title[:80]

    def save_model(self, request, obj, form, change):
        if obj.status == UdcRequestStatus.ANSWERED:
            services.udc_request_answer(
                request=obj, classifier=request.user, udc_index=obj.udc_index, bbk_index=obj.bbk_index,
                author_sign=obj.author_sign, delivery_method=obj.delivery_method, note=obj.answer_note,
            )
        elif obj.status == UdcRequestStatus.REJECTED:
            services.udc_request_reject(request=obj, classifier=request.user, note=obj.answer_note)
        else:
            obj.save()

