from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from .models import AcademicDepartment, Institute, LibraryDepartment, ReaderCategory, User


class InstituteResource(resources.ModelResource):
    class Meta:
        model = Institute
        import_id_fields = ("code",)
        fields = ("code", "name_kk", "name_ru", "name_en")


class AcademicDepartmentResource(resources.ModelResource):
    institute = fields.Field(attribute="institute", column_name="institute",
                             widget=ForeignKeyWidget(Institute, field="code"))

    class Meta:
        model = AcademicDepartment
        import_id_fields = ("code",)
        fields = ("code", "institute", "name_kk", "name_ru", "name_en")


class LibraryDepartmentResource(resources.ModelResource):
    class Meta:
        model = LibraryDepartment
        import_id_fields = ("code",)
        fields = ("code", "abbreviation", "name_kk", "name_ru", "name_en")


class ReaderCategoryResource(resources.ModelResource):
    class Meta:
        model = ReaderCategory
        import_id_fields = ("code",)
        fields = ("code", "ordering", "name_kk", "name_ru", "name_en")


class UserResource(resources.ModelResource):
    """Export of accounts (never passwords). Readers are imported through circulation's reader import."""

    academic_department = fields.Field(attribute="academic_department", column_name="academic_department",
                                       widget=ForeignKeyWidget(AcademicDepartment, field="code"))
    library_department = fields.Field(attribute="library_department", column_name="library_department",
                                      widget=ForeignKeyWidget(LibraryDepartment, field="code"))
    reader_category = fields.Field(attribute="reader_category", column_name="reader_category",
                                   widget=ForeignKeyWidget(ReaderCategory, field="code"))
    roles = fields.Field(column_name="roles")

    class Meta:
        model = User
        fields = ("username", "last_name", "first_name", "patronymic", "email", "phone", "reader_card_number",
                  "reader_category", "academic_department", "library_department", "position", "is_active",
                  "date_joined", "roles")
        export_order = fields

    def dehydrate_roles(self, user: User) -> str:
        return ", ".join(sorted(group.name for group in user.groups.all()))
