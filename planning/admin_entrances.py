"""The daily entrance count in the admin: typed in per day and entrance, or imported from the turnstile's CSV/XLSX
file with a preview and an error per bad row (django-import-export). Both go through `entrance_count_record`."""

from __future__ import annotations

import datetime as dt

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from core.admin import RegisterAdmin

from .models import DailyEntranceCount
from .models.entrances import EntranceCountSource
from .services.entrances import entrance_count_record


class TurnstileDateWidget(widgets.DateWidget):
    """The day as turnstile software writes it: ISO or the day-first form of the kk/ru locale."""

    FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")

    def __init__(self):
        super().__init__()
        self.formats = self.FORMATS

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.date()
        if value in (None, ""):
            raise ValueError(_("The day is missing."))
        return super().clean(str(value).strip(), row, **kwargs)


class CountWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError(_("The number of visitors is missing."))
        try:
            number = super().clean(str(value).strip().replace("\xa0", "").replace(" ", ""), row, **kwargs)
        except (ValueError, ArithmeticError):
            raise ValueError(_("The number of visitors is not a whole number: %(value)s") % {"value": value}) from None
        if number < 0:
            raise ValueError(_("The number of visitors cannot be negative."))
        return number


class DailyEntranceCountResource(resources.ModelResource):
    """The turnstile's daily file: columns `date`, `entrance`, `count`, one row per day and turnstile. A file
    imported again replaces the days' figures (the row is found by day and entrance)."""

    day = fields.Field(attribute="day", column_name="date", widget=TurnstileDateWidget())
    entrance = fields.Field(attribute="entrance", column_name="entrance")
    count = fields.Field(attribute="count", column_name="count", widget=CountWidget())

    class Meta:
        model = DailyEntranceCount
        fields = ("day", "entrance", "count", "source")
        export_order = fields
        import_id_fields = ("day", "entrance")
        skip_unchanged = True
        clean_model_instances = True

    def before_import_row(self, row, **kwargs):
        if isinstance(row.get("entrance"), str):
            row["entrance"] = row["entrance"].strip()
        if not row.get("entrance"):
            raise ValidationError({"entrance": _("The entrance is missing.")})

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        instance.source = EntranceCountSource.TURNSTILE

    def save_instance(self, instance, is_create, row, **kwargs):
        saved = entrance_count_record(day=instance.day, entrance=instance.entrance, count=instance.count,
                                      source=EntranceCountSource.TURNSTILE, recorded_by=self._user(kwargs),
                                      row=instance)
        instance.pk = saved.pk

    @staticmethod
    def _user(kwargs):
        user = kwargs.get("user")
        return user if getattr(user, "is_authenticated", False) else None


@admin.register(DailyEntranceCount)
class DailyEntranceCountAdmin(RegisterAdmin):
    """Section 7 (5.5): visitors per day and entrance, typed in from a desk's tally or imported from the
    turnstile's file; the KPI's "visits" sums them."""

    resource_classes = [DailyEntranceCountResource]
    list_display = ("day", "entrance", "count", "source", "recorded_by", "recorded_at")
    list_filter = ("source", "entrance", "day")
    search_fields = ("entrance",)
    date_hierarchy = "day"
    list_select_related = ("recorded_by",)
    fields = ("day", "entrance", "count", "source", "recorded_by")
    readonly_fields = ("source", "recorded_by")

    def save_model(self, request, obj, form, change):
        entrance_count_record(day=obj.day, entrance=obj.entrance, count=obj.count, source=EntranceCountSource.ENTERED,
                              recorded_by=request.user, row=obj if change else None)
