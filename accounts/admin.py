from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportActionMixin

from core.admin import RegisterAdmin

from .models import AcademicDepartment, Institute, LibraryDepartment, ReaderCategory, User
from .resources import (
    AcademicDepartmentResource,
    InstituteResource,
    LibraryDepartmentResource,
    ReaderCategoryResource,
    UserResource,
)

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
class UserAdmin(ExportActionMixin, DjangoUserAdmin):
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
