"""The audit trail of staff changes (django-auditlog): who changed which row of a register, when, and each field
before → after, for every create, change, delete and import.

Which models: every model staff edit in the admin, i.e. every ModelAdmin that is not a read-only register
(`ReadOnlyRegisterAdmin`), less `NOT_AUDITED`: logs that are themselves a history, or that the services and the
security middleware write at volume (an audit row per loan would double the desk's writes; those tables are not
in the admin as editable registers anyway). Secrets are masked: the log says that a password changed, never what
it was. One log table with the changes as JSON (not a shadow table per model): the million-row catalogue is not
doubled and no app needs a migration.

The actor is the request's user (`auditlog.middleware.AuditlogMiddleware`); imports run by Celery set it to the
uploader (`core.imports`). Set-based code (the MARC import's COPY, `QuerySet.update`) sends no signals and so
writes no audit rows: that is on purpose for the bench-measured hot paths.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.filters import ResourceTypeFilter
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.render import get_field_verbose_name
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ExportActionMixin

# Registers kept out of the trail, by model label. Each is written by a service or a library, not edited by staff.
NOT_AUDITED = frozenset({
    "axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog",  # failed-login throttling, written by axes
    "cataloguing.RecordChange",  # the record's own history (607-25): a log of a log
    "acquisitions.StatusChange",  # the history of requests and orders, written by their services
    "acquisitions.InventoryEntry",  # the inventory book, written by the receipt service, read-only in the admin
    "antiplagiarism.CollectionDocument",  # texts of accepted works, written by the service (whole texts)
    "storage.CopyState",  # made and counted by the desk at each copy's first loan; condition readings have their own
})

# Fields never written to the trail as they are: a masked field logs that it changed, not its value.
SECRET_FIELDS = ("password",)
# Fields saved by every save (or sign-in): logging them would make noise entries.
NOISE_FIELDS = ("updated_at", "version", "last_login")  # last_login: every sign-in saves it
MASK = "********"
HISTORY_ENTRIES = 50  # audit entries shown on an object's history page (the sysadmin's search has them all)


def mask_secret(value: str) -> str:
    """auditlog's mask callable: nothing of the secret, not even half of it as the library's default keeps."""
    return MASK


def audited_models() -> list[type]:
    """The models whose admin lets staff create, change or delete rows (see the module's docstring)."""
    from .admin import ReadOnlyRegisterAdmin

    return [
        model for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, ReadOnlyRegisterAdmin) and model._meta.label not in NOT_AUDITED
        and model is not LogEntry
    ]


def register_audited_models() -> None:
    """Connect auditlog to every audited model (called once, from `CoreConfig.ready`, after admin autodiscover)."""
    for model in audited_models():
        if auditlog.contains(model):
            continue
        names = {field.name for field in model._meta.concrete_fields}
        m2m = {field.name for field in model._meta.many_to_many if field.name == "groups"}  # roles of a user
        auditlog.register(
            model,
            exclude_fields=[name for name in NOISE_FIELDS if name in names],
            mask_fields=[name for name in SECRET_FIELDS if name in names],
            m2m_fields=m2m,
        )


# -- the history page of an object ---------------------------------------------------------------------------

def history_entries(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> dict[str, Any]:
    """Extra context for an admin history page: the object's audit entries, newest first, each with its
    actor, local time, action and the changed fields (verbose name, before, after) as auditlog displays them
    (choices by label, dates in the local time zone, masked secrets as masked)."""
    if not auditlog.contains(model_admin.model):
        return {}
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        return {}  # Django's own view answers (redirect or 403)
    content_type = ContentType.objects.get_for_model(model_admin.model)
    entries = (
        LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk))
        .select_related("actor", "content_type").order_by("-timestamp", "-pk")
    )
    total = entries.count()
    rows = []
    for entry in entries[:HISTORY_ENTRIES]:
        changes = entry.changes_display_dict if entry.action != LogEntry.Action.DELETE else {}
        rows.append({
            "entry": entry,
            "changes": [
                {"field": get_field_verbose_name(entry, name), **_before_after(value)}
                for name, value in sorted(changes.items())
            ],
        })
    search_url = ""
    if request.user.has_perm("auditlog.view_logentry"):
        search_url = reverse("admin:auditlog_logentry_changelist") + "?" + urlencode(
            {"resource_type": content_type.pk, "q": obj.pk})
    return {"audit_enabled": True, "audit_entries": rows, "audit_total": total, "audit_shown": len(rows),
            "audit_search_url": search_url}


def _before_after(value) -> dict[str, Any]:
    if isinstance(value, dict):  # a many-to-many change: {"type": "m2m", "operation": ..., "objects": [...]}
        objects = ", ".join(str(o) for o in value.get("objects", []))
        if value.get("operation") == "add":
            return {"before": "", "after": "+ " + objects}
        return {"before": "− " + objects, "after": ""}
    before, after = [*list(value), "", ""][:2]
    return {"before": before, "after": after}


# -- the system administrator's search ----------------------------------------------------------------------

class LogEntryResource(resources.ModelResource):
    """CSV/XLSX export of the audit log: one row per entry, the time in the library's time zone."""

    time = fields.Field(column_name=_("time"))
    actor_name = fields.Field(column_name=_("who"))
    action_name = fields.Field(column_name=_("action"))
    model = fields.Field(column_name=_("register"))

    class Meta:
        model = LogEntry
        fields = ("id", "time", "actor_name", "action_name", "model", "object_pk", "object_repr", "changes",
                  "remote_addr")
        export_order = ("id", "time", "actor_name", "action_name", "model", "object_pk", "object_repr", "changes",
                        "remote_addr")

    def dehydrate_time(self, entry: LogEntry) -> str:
        return timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S")

    def dehydrate_actor_name(self, entry: LogEntry) -> str:
        return str(entry.actor) if entry.actor else (entry.actor_email or "")

    def dehydrate_action_name(self, entry: LogEntry) -> str:
        return str(entry.get_action_display())

    def dehydrate_model(self, entry: LogEntry) -> str:
        return str(entry.content_type.model_class()._meta.verbose_name) if entry.content_type.model_class() else ""


class RegisterFilter(ResourceTypeFilter):
    """auditlog's filter lists the raw model names ("group", "user"); ours the registers' names in the reader's
    language."""

    title = _("register")

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[int, str]]:
        used = model_admin.get_queryset(request).order_by().values_list("content_type_id", flat=True).distinct()
        named = []
        for content_type in ContentType.objects.filter(pk__in=used):
            model = content_type.model_class()
            named.append((content_type.pk, capfirst(model._meta.verbose_name) if model else content_type.model))
        return sorted(named, key=lambda pair: str(pair[1]))


CHANGES_SHOWN = 75  # characters of the changed fields' names in the list, as auditlog shows


class AuditLogEntryAdmin(ExportActionMixin, AuditlogLogEntryAdmin):
    """The whole audit trail for the system administrator (the only role given `auditlog` permissions):
    search by who and by object, filter by date, register and action, export the selection. Read-only."""

    resource_classes = [LogEntryResource]
    list_select_related = ["content_type", "actor"]
    search_fields = ["object_repr", "=object_pk", "actor__username", "actor__last_name", "actor__first_name",
                     "actor_email"]
    list_filter = ["action", RegisterFilter, "timestamp"]
    list_per_page = 50
    show_full_result_count = False

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    # auditlog words these three in English whatever the reader's language: ours go through gettext.
    @admin.display(description=_("Changes"))
    def msg_short(self, obj: LogEntry) -> str:
        if obj.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
            return ""
        changes = obj.changes_dict
        names = ", ".join(str(get_field_verbose_name(obj, name)) for name in changes)
        if len(names) > CHANGES_SHOWN:
            names = names[:names.rfind(" ", 0, CHANGES_SHOWN)] + " …"
        return ngettext("%(count)d change: %(fields)s", "%(count)d changes: %(fields)s", len(changes)) % {
            "count": len(changes), "fields": names}

    @admin.display(description=_("User"))
    def user_url(self, obj: LogEntry) -> str:
        return super().user_url(obj) if obj.actor else gettext("system")

    @admin.display(description=_("Correlation ID"))
    def cid_url(self, obj: LogEntry) -> str:
        return super().cid_url(obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def register_log_admin() -> None:
    """Replace auditlog's own admin of the log with ours (searchable, exportable, read-only)."""
    from django.apps import apps

    # django-axes gives its app no verbose name: the admin would title its logs "Axes" in every language.
    apps.get_app_config("axes").verbose_name = _("Sign-in attempts")
    if admin.site.is_registered(LogEntry):
        admin.site.unregister(LogEntry)
    admin.site.register(LogEntry, AuditLogEntryAdmin)
