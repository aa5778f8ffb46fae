"""Import/export of acquisitions registers (django-import-export): vendor usage statistics, study plans."""

from __future__ import annotations

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from accounts.models import AcademicDepartment

from .models import Discipline, EducationalProgramme, LicensedDatabase, UsageFigure


class UsageFigureResource(resources.ModelResource):
    """Monthly usage from a vendor's statistics (CSV: database, month, sessions, searches, downloads)."""

    database = fields.Field(attribute="database", column_name="database",
                            widget=ForeignKeyWidget(LicensedDatabase, field="name"))

    class Meta:
        model = UsageFigure
        fields = ("database", "month", "sessions", "searches", "downloads")
        import_id_fields = ("database", "month")
        skip_unchanged = True


class EducationalProgrammeResource(resources.ModelResource):
    department = fields.Field(attribute="department", column_name="department",
                              widget=ForeignKeyWidget(AcademicDepartment, field="code"))

    class Meta:
        model = EducationalProgramme
        fields = ("code", "name", "department")
        import_id_fields = ("code",)
        skip_unchanged = True


class DisciplineResource(resources.ModelResource):
    """Disciplines with their semesters and numbers of students, from the study plans."""

    programme = fields.Field(attribute="programme", column_name="programme",
                             widget=ForeignKeyWidget(EducationalProgramme, field="code"))
    department = fields.Field(attribute="department", column_name="department",
                              widget=ForeignKeyWidget(AcademicDepartment, field="code"))

    class Meta:
        model = Discipline
        fields = ("programme", "code", "semester", "name", "department", "students", "language")
        import_id_fields = ("programme", "code", "semester")
        skip_unchanged = True
