"""The admin base every register uses: search, filters, and import/export to CSV/XLSX with a preview."""

from __future__ import annotations

from django.contrib import admin
from import_export.admin import ImportExportActionModelAdmin


class RegisterAdmin(ImportExportActionModelAdmin):
    """A register kept in the admin: export of the filtered list or of a selection, import with preview."""

    list_per_page = 50
    show_full_result_count = False  # a count over a million-row table costs more than it tells


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


__all__ = ["NumberedDocumentAdmin", "ReadOnlyRegisterAdmin", "RegisterAdmin", "admin"]
