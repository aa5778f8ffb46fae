"""Import and export of the equipment register (django-import-export): one row per unit, keyed by its inventory
number; a bad row is refused with its reason, the others go through the register's one write path."""

from __future__ import annotations

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from accounts.models import LibraryDepartment
from storage.models import Location

from .models import Equipment
from .services import equipment_save


class CodeWidget(widgets.ForeignKeyWidget):
    """A location or department by its code; an unknown code is an error of that row."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return self.get_queryset(value, row, **kwargs).get(code=str(value).strip())
        except self.model.DoesNotExist:
            raise ValueError(_("No %(what)s with code %(code)s.") % {
                "what": self.model._meta.verbose_name, "code": value}) from None


class EquipmentResource(resources.ModelResource):
    location = fields.Field(attribute="location", column_name="location", widget=CodeWidget(Location, "code"))
    department = fields.Field(attribute="department", column_name="department",
                              widget=CodeWidget(LibraryDepartment, "code"))
    commissioned_on = fields.Field(attribute="commissioned_on", column_name="commissioned_on",
                                   widget=widgets.DateWidget(coerce_to_string=False))
    written_off_on = fields.Field(attribute="written_off_on", column_name="written_off_on",
                                  widget=widgets.DateWidget(coerce_to_string=False))

    class Meta:
        model = Equipment
        fields = ("inventory_number", "kind", "name", "model", "serial_number", "department", "location", "state",
                  "commissioned_on", "written_off_on", "workstation_for", "note")
        export_order = fields
        import_id_fields = ("inventory_number",)
        skip_unchanged = True
        clean_model_instances = True

    def before_import_row(self, row, **kwargs):
        for column in ("kind", "state", "workstation_for"):
            if isinstance(row.get(column), str):
                row[column] = row[column].strip()

    def do_instance_save(self, instance, is_create):
        equipment_save(equipment=instance)
