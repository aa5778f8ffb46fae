from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportActionMixin

from core.admin import ImportExportRightsMixin, RegisterAdmin

from .models import AcademicDepartment, Institute, LibraryDepartment, ReaderCategory, User
from .resources import (
    AcademicDepartmentResource,
    InstituteResource,
    LibraryDepartmentResource,
    ReaderCategoryResource,
    UserResource,
)
from .rights import user_editable_fields, user_may_edit_account, user_may_set_password

MULTILINGUAL_SEARCH = ("code", "name_kk", "name_ru", "name_en")


@admin.register(Institute)
class InstituteAdmin(RegisterAdmin):
    resource_classes = [InstituteResource]
    list_display = ("code", "name_kk", "name_ru", "name_en")
    search_fields = MULTILINGUAL_SEARCH


@admin.register(AcademicDepartment)
class AcademicDepartmentAdmin(RegisterAdmin):
    resource_classes = [AcademicDepartmentResource]
    list_display = ("code", "name_kk", "institute")
    list_filter = ("institute",)
    search_fields = MULTILINGUAL_SEARCH
    list_select_related = ("institute",)


@admin.register(LibraryDepartment)
class LibraryDepartmentAdmin(RegisterAdmin):
    resource_classes = [LibraryDepartmentResource]
    list_display = ("code", "abbreviation", "name_kk", "name_ru", "name_en")
    search_fields = (*MULTILINGUAL_SEARCH, "abbreviation")


@admin.register(ReaderCategory)
class ReaderCategoryAdmin(RegisterAdmin):
    resource_classes = [ReaderCategoryResource]
    list_display = ("code", "name_kk", "name_ru", "name_en", "ordering")
    search_fields = MULTILINGUAL_SEARCH


@admin.register(User)
class UserAdmin(ImportExportRightsMixin, ExportActionMixin, DjangoUserAdmin):
    """Accounts. Who may change which field of which account is decided by `accounts.rights` (only the system
    administrator gives rights or touches a staff account); the form, the password page and the actions ask it,
    so a refused field is neither shown as editable nor taken from a POST."""

    resource_classes = [UserResource]
    list_display = ("username", "full_name", "email", "reader_card_number", "roles", "is_staff", "is_active")
    list_filter = ("groups", "is_staff", "is_active", "reader_category", "library_department",
                   "academic_department__institute")
    search_fields = ("username", "first_name", "last_name", "patronymic", "email", "reader_card_number")
    list_select_related = ("reader_category",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:1],
        (_("Personal info"), {"fields": ("last_name", "first_name", "patronymic", "email", "phone")}),
        (_("Library"), {"fields": ("reader_card_number", "reader_category", "academic_department",
                                   "library_department", "position")}),
        *DjangoUserAdmin.fieldsets[2:],
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or user_may_edit_account(editor=request.user, account=obj)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or user_may_edit_account(editor=request.user, account=obj)

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None):
        readonly = list(super().get_readonly_fields(request, obj))
        editable = user_editable_fields(editor=request.user, account=obj)
        if editable is None:
            return readonly
        # A read-only field is left out of the form, so a value posted for it is never read. The password
        # stays: its form field is itself read-only (a link to the password page, which asks the rule) and,
        # taken out of the form, the admin would print the stored hash instead.
        shown = flatten_fieldsets(self.get_fieldsets(request, obj))
        return [*readonly, *(name for name in shown
                             if name not in editable and name not in readonly and name != "password")]

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        account = self.get_object(request, unquote(id))
        if account is not None and not user_may_set_password(editor=request.user, account=account):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.display(description=_("full name"))
    def full_name(self, user: User) -> str:
        return user.full_name

    @admin.display(description=_("roles"))
    def roles(self, user: User) -> str:
        return ", ".join(sorted(group.name for group in user.groups.all()))

    # The history page shows the audit trail too (password changes as masked), as every register's does.
    object_history_template = "admin/core/audit_history.html"

    def history_view(self, request, object_id: str, extra_context: dict | None = None):
        from core.audit import history_entries

        context = {**history_entries(self, request, object_id), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)
