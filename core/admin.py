"""The admin base every register uses: search, filters, and import/export to CSV/XLSX with a preview."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportActionModelAdmin

from .audit import history_entries
from .imports import ImportJobError, import_job_confirm, import_job_create, import_job_progress
from .models import ImportJob
from .params import MAX_ID


class ImportExportRightsMixin:
    """Who may import and export a register. An import creates and overwrites rows, so it needs both the add and
    the change permission of the model (the library's default lets anyone with view permission import); an
    export shows every row, so it needs the view permission. Put it before any import_export admin mixin."""

    def has_import_permission(self, request: HttpRequest) -> bool:
        return bool(self.has_add_permission(request) and self.has_change_permission(request))

    def has_export_permission(self, request: HttpRequest) -> bool:
        return bool(self.has_view_permission(request))


def can_be_key(target_field, value) -> bool:
    """Whether a value from a request can be a key of this field: ?reader=abc cannot, and neither can ?room=10^20
    (it converts to an int that overflows the column: SQLite raises OverflowError, PostgreSQL an out-of-range
    error, a 500 either way)."""
    try:
        key = target_field.to_python(value)
    except ValidationError:
        return False
    return not isinstance(key, int) or abs(key) <= MAX_ID


class _AutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete select, redrawing a refused form without looking up a value no key can be (?reader=abc
    posted: Django filters the related rows with it and fails, a 500)."""

    def optgroups(self, name, value, attr=None):
        keys = [one for one in value if can_be_key(self.field.target_field, one)]
        return super().optgroups(name, keys, attr)


class RegisterAdmin(ImportExportRightsMixin, ImportExportActionModelAdmin):
    """A register kept in the admin: export of the filtered list or of a selection, import with preview."""

    list_per_page = 50
    show_full_result_count = False  # a count over a million-row table costs more than it tells
    object_history_template = "admin/core/audit_history.html"

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        # Django's own entries and, below them, the audit trail (who, when, field: before → after) of core.audit.
        context = {**history_entries(self, request, object_id), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and type(formfield.widget) is AutocompleteSelect:
            formfield.widget.__class__ = _AutocompleteSelect
        return formfield

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        # The add page takes initial values from the query (?reader=12). A value a relation cannot hold (?reader=abc)
        # is dropped: a raw-id or autocomplete widget would look the row up with it and fail (a 500).
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation or field.related_model is None:
                continue
            target = field.related_model._meta.pk if field.many_to_many else field.target_field
            if not all(can_be_key(target, one) for one in (value if isinstance(value, list) else [value])):
                del initial[name]
        return initial


class ReadOnlyRegisterAdmin(RegisterAdmin):
    """A register or log written only by the services (desk, cabinet, jobs): staff read and export it."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class NumberedDocumentAdmin(RegisterAdmin):
    """Numbered documents (letters, acts) are issued once and never deleted: a later document cancels them."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class BackgroundImportMixin:
    """Put before RegisterAdmin on a register whose files are large (thousands of rows): the upload is
    checked and imported by Celery (`core.imports`) and the page follows its progress, instead of the
    request running the dry run and the import itself."""

    import_job_template = "admin/core/import_job.html"

    def get_urls(self):
        prefix = self._url_prefix()
        view = self.admin_site.admin_view
        return [
            path("import/<int:job_id>/", view(self.import_job_view), name=f"{prefix}_import_job"),
            path("import/<int:job_id>/progress/", view(self.import_job_progress_view),
                 name=f"{prefix}_import_job_progress"),
            path("import/<int:job_id>/confirm/", view(require_POST(self.import_job_confirm_view)),
                 name=f"{prefix}_import_job_confirm"),
            *super().get_urls(),
        ]

    def import_action(self, request: HttpRequest, **kwargs) -> HttpResponse:
        if request.method != "POST":
            return super().import_action(request, **kwargs)
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_import_form(request)
        if not form.is_valid():
            return super().import_action(request, **kwargs)  # the form again, with its errors
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]
        job = import_job_create(
            model=self.model, resource_class=self.choose_import_resource_class(form, request),
            input_format=input_format, encoding=None if input_format().is_binary() else self.from_encoding,
            uploaded_file=form.cleaned_data["import_file"], user=request.user,
            language=getattr(request, "LANGUAGE_CODE", None),
        )
        return redirect(self._import_job_url(job))

    def _url_prefix(self) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}"

    def _admin_url(self, view: str, *args) -> str:
        return reverse(f"admin:{self._url_prefix()}_{view}", args=args, current_app=self.admin_site.name)

    def _import_job_url(self, job: ImportJob, view: str = "import_job") -> str:
        return self._admin_url(view, job.pk)

    def _import_job(self, request: HttpRequest, job_id: int) -> ImportJob:
        if not self.has_import_permission(request):
            raise PermissionDenied
        jobs = ImportJob.objects.filter(app_label=self.model._meta.app_label, model_name=self.model._meta.model_name)
        if not request.user.is_superuser:
            jobs = jobs.filter(created_by=request.user)  # a list of readers is personal data: the uploader's own
        job = jobs.filter(pk=job_id).first()
        if job is None:
            raise Http404
        return job

    def import_job_view(self, request: HttpRequest, job_id: int) -> HttpResponse:
        job = self._import_job(request, job_id)
        preview = job.preview or []
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import: %(file)s") % {"file": job.original_name},
            "opts": self.model._meta,
            "job": job,
            "resource_name": self._resource_name(job),
            "progress": import_job_progress(job),
            "progress_url": self._import_job_url(job, "import_job_progress"),
            "confirm_url": self._import_job_url(job, "import_job_confirm"),
            "import_url": self._admin_url("import"),
            "changelist_url": self._admin_url("changelist"),
            "preview_headers": preview[0]["headers"] if preview else [],
            "preview_rows": preview[1:],
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.import_job_template, context)

    @staticmethod
    def _resource_name(job: ImportJob) -> str:
        """The list's name in the reader's language (stored in the uploader's)."""
        try:
            return str(import_string(job.resource).get_display_name())
        except ImportError:
            return job.resource_name

    def import_job_progress_view(self, request: HttpRequest, job_id: int) -> JsonResponse:
        return JsonResponse(import_job_progress(self._import_job(request, job_id)))

    def import_job_confirm_view(self, request: HttpRequest, job_id: int) -> HttpResponse:
        job = self._import_job(request, job_id)
        try:
            import_job_confirm(job=job, user=request.user, skip_bad_rows=request.POST.get("skip_bad_rows") == "1")
        except ImportJobError as error:
            messages.error(request, str(error))
        return redirect(self._import_job_url(job))


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyRegisterAdmin):
    """Who imported which file into which register, when, and with what result (the files themselves are
    deleted once imported)."""

    list_display = ("created_at", "original_name", "resource_name", "status", "rows_total", "created_by",
                    "finished_at")
    list_filter = ("status", "app_label", "model_name", "created_at")
    search_fields = ("original_name", "resource_name", "created_by__username", "created_by__last_name")
    date_hierarchy = "created_at"
    # The outcome is shown worded in the reader's language, not as the stored code and figures.
    exclude = ("preview", "file", "message", "message_code", "message_params")
    readonly_fields = ("outcome",)

    @admin.display(description=_("outcome"))
    def outcome(self, job: ImportJob) -> str:
        return job.message_text


__all__ = [
    "BackgroundImportMixin", "ImportExportRightsMixin", "NumberedDocumentAdmin", "ReadOnlyRegisterAdmin",
    "RegisterAdmin", "admin",
]
