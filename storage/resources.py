"""Import and export of storage registers (django-import-export)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import ConditionReading, Location


class RoomWidget(widgets.ForeignKeyWidget):
    """A room by its code, as the logger file names it; an unknown code is an error of that row."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError(_("The room code is missing."))
        try:
            return self.get_queryset(value, row, **kwargs).get(code=str(value).strip())
        except Location.DoesNotExist:
            raise ValueError(_("No room with code %(code)s.") % {"code": value}) from None


class LoggerDateTimeWidget(widgets.DateTimeWidget):
    """The moment of a reading as loggers write it: ISO or the day-first form of the kk/ru locale."""

    FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M")

    def __init__(self):
        super().__init__()
        self.formats = self.FORMATS


class ConditionReadingResource(resources.ModelResource):
    """A logger export: one row per reading with columns room, measured_at, temperature, humidity
    (and optionally instrument). Re-importing the same file updates the same readings."""

    room = fields.Field(attribute="room", column_name="room", widget=RoomWidget(Location, "code"))
    measured_at = fields.Field(attribute="measured_at", column_name="measured_at",
                               widget=LoggerDateTimeWidget())
    temperature = fields.Field(attribute="temperature", column_name="temperature", widget=widgets.DecimalWidget())
    humidity = fields.Field(attribute="humidity", column_name="humidity", widget=widgets.DecimalWidget())

    class Meta:
        model = ConditionReading
        fields = ("room", "measured_at", "temperature", "humidity", "instrument", "is_out_of_norm", "deviation",
                  "action_taken")
        export_order = fields
        import_id_fields = ("room", "measured_at")
        skip_unchanged = True
        clean_model_instances = True

    def before_import_row(self, row, **kwargs):
        for column in ("temperature", "humidity"):
            value = row.get(column)
            if isinstance(value, str):
                row[column] = value.strip().replace(",", ".")  # loggers in the kk/ru locale write "18,5"

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.measured_at is None:
            raise ValidationError({"measured_at": _("The moment of the reading is missing.")})


class LocationResource(resources.ModelResource):
    parent = fields.Field(attribute="parent", column_name="parent", widget=widgets.ForeignKeyWidget(Location, "code"))

    class Meta:
        model = Location
        fields = ("code", "kind", "service_point_kind", "parent", "name_kk", "name_ru", "name_en", "udc_from",
                  "temperature_target", "temperature_tolerance", "humidity_target", "humidity_tolerance", "is_active")
        export_order = fields
        import_id_fields = ("code",)
