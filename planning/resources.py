"""Import and export of planning's registers (django-import-export): imported certificates and regulations are
saved through the same services as the admin's form, so a bad row is refused with its reason."""

from __future__ import annotations

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from accounts.models import User

from .models import LocalRegulation, QualificationPlanItem, StaffCertificate, TrainingProgramme
from .services import local_regulation_save, staff_certificate_save


class PersonWidget(widgets.ForeignKeyWidget):
    """An employee by their login (username); an unknown login is an error of that row."""

    def __init__(self, required: bool = True):
        super().__init__(User, "username")
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            if self.required:
                raise ValueError(_("The employee's login is missing."))
            return None
        try:
            return User.objects.get(username=str(value).strip())
        except User.DoesNotExist:
            raise ValueError(_("No employee with login %(login)s.") % {"login": value}) from None


class ProgrammeWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(TrainingProgramme, "code")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return TrainingProgramme.objects.get(code=str(value).strip())
        except TrainingProgramme.DoesNotExist:
            raise ValueError(_("No training programme with code %(code)s.") % {"code": value}) from None


class TrainingProgrammeResource(resources.ModelResource):
    class Meta:
        model = TrainingProgramme
        import_id_fields = ("code",)
        fields = ("code", "name_kk", "name_ru", "name_en", "valid_for_months")
        clean_model_instances = True


class StaffCertificateResource(resources.ModelResource):
    person = fields.Field(attribute="person", column_name="person", widget=PersonWidget())
    programme = fields.Field(attribute="programme", column_name="programme", widget=ProgrammeWidget())

    class Meta:
        model = StaffCertificate
        fields = ("id", "person", "programme", "course", "provider", "hours", "completed_on", "certificate_number",
                  "valid_until", "event")
        export_order = fields
        clean_model_instances = True

    def save_instance(self, instance, is_create, row, **kwargs):
        self.before_save_instance(instance, row, **kwargs)
        if self._is_using_transactions(kwargs) or not self._is_dry_run(kwargs):
            staff_certificate_save(certificate=instance)
        self.after_save_instance(instance, row, **kwargs)


class QualificationPlanItemResource(resources.ModelResource):
    person = fields.Field(attribute="person", column_name="person", widget=PersonWidget(required=False))
    programme = fields.Field(attribute="programme", column_name="programme", widget=ProgrammeWidget())

    class Meta:
        model = QualificationPlanItem
        fields = ("id", "year", "person", "role", "programme", "title", "planned_by", "status", "note")
        export_order = fields
        clean_model_instances = True


class LocalRegulationResource(resources.ModelResource):
    responsible = fields.Field(attribute="responsible", column_name="responsible",
                               widget=PersonWidget(required=False))

    class Meta:
        model = LocalRegulation
        import_id_fields = ("kind", "number")
        fields = ("kind", "number", "title", "approved_on", "revision_due", "responsible", "status")
        export_order = fields
        clean_model_instances = True

    def save_instance(self, instance, is_create, row, **kwargs):
        self.before_save_instance(instance, row, **kwargs)
        if self._is_using_transactions(kwargs) or not self._is_dry_run(kwargs):
            local_regulation_save(regulation=instance)
        self.after_save_instance(instance, row, **kwargs)
