"""The outreach registers in the admin (imported by `admin.py`): exhibitions with their records, the departments'
exhibition requests (607-47), the information-literacy plan, class bookings, events with their participants
(607-50) and information-service requests (607-49). Requests and bookings are decided on their web pages, through
the services; here they are read, searched and exported."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import RegisterAdmin

from . import services
from .models import (
    ClassBooking,
    Event,
    EventParticipant,
    Exhibition,
    ExhibitionRecord,
    ExhibitionRequest,
    InfoServiceRequest,
    LiteracyPlanItem,
)
from .outreach_access import processes_outreach

DECIDED_ON_THE_PAGE = ("status", "librarian", "handled_at", "refusal_reason")


class ExhibitionRecordInline(admin.TabularInline):
    model = ExhibitionRecord
    extra = 1
    autocomplete_fields = ("record",)
    fields = ("position", "record", "caption", "image")


@admin.register(Exhibition)
class ExhibitionAdmin(RegisterAdmin):
    list_display = ("title_kk", "kind", "date_from", "date_to", "status", "public_link")
    list_filter = ("status", "kind")
    search_fields = ("title_kk", "title_ru", "title_en", "slug", "place")
    date_hierarchy = "date_from"
    prepopulated_fields = {"slug": ("title_en", "title_kk")}
    autocomplete_fields = ("request",)
    readonly_fields = ("published_at", "created_by")
    list_select_related = ("request",)
    inlines = [ExhibitionRecordInline]
    fieldsets = (
        (None, {"fields": ("title_kk", "title_ru", "title_en", "slug", "kind", "status", "date_from", "date_to",
                           "place", "image")}),
        (_("Text"), {"fields": ("description_kk", "description_ru", "description_en")}),
        (_("Origin"), {"fields": ("request", "department", "created_by", "published_at")}),
    )

    @admin.display(description=_("public page"))
    def public_link(self, obj: Exhibition) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.slug)

    def save_model(self, request, obj, form, change):
        # The one write path: the publication moment (and an address when none is given) is set by the service.
        services.exhibition_save(exhibition=obj, user=request.user)


@admin.register(ExhibitionRequest)
class ExhibitionRequestAdmin(RegisterAdmin):
    list_display = ("created_at", "department", "topic", "kind", "date_from", "date_to", "status")
    list_select_related = ("department",)
    autocomplete_fields = ("requested_by", "librarian")
    list_filter = ("status", "kind", "department")
    search_fields = ("topic", "occasion")
    readonly_fields = DECIDED_ON_THE_PAGE


@admin.register(InfoServiceRequest)
class InfoServiceRequestAdmin(RegisterAdmin):
    list_display = ("created_at", "department", "reader", "kind", "topic", "preferred_date", "status", "held_on")
    list_select_related = ("department", "reader__user")
    autocomplete_fields = ("requested_by", "librarian", "reader")
    list_filter = ("status", "kind", "department")
    search_fields = ("topic", "audience", "details", "answer")
    readonly_fields = ("status", "answer", "refusal_reason", "answered_at", "librarian")


@admin.register(LiteracyPlanItem)
class LiteracyPlanItemAdmin(RegisterAdmin):
    list_display = ("year", "month", "kind", "topic", "audience", "responsible")
    list_filter = ("year", "kind")
    search_fields = ("topic", "audience")
    list_select_related = ("responsible",)
    autocomplete_fields = ("responsible",)


@admin.register(ClassBooking)
class ClassBookingAdmin(RegisterAdmin):
    list_display = ("created_at", "department", "kind", "topic", "group_name", "students_count", "status", "event")
    list_filter = ("status", "kind", "department")
    search_fields = ("topic", "group_name")
    list_select_related = ("department", "event")
    autocomplete_fields = ("requested_by",)
    readonly_fields = ("status", "event", "refusal_reason", "handled_by", "handled_at", "plan_item")


class EventParticipantInline(admin.TabularInline):
    model = EventParticipant
    extra = 3
    autocomplete_fields = ("reader",)


@admin.register(Event)
class EventAdmin(RegisterAdmin):
    list_display = ("held_on", "kind", "title", "place")
    list_filter = ("kind",)
    autocomplete_fields = ("organiser",)
    search_fields = ("title",)
    date_hierarchy = "held_on"
    inlines = [EventParticipantInline]

    def get_list_display(self, request):
        # The attendance page is the processing librarians' (its access rule); others see no link to a refusal.
        if processes_outreach(request.user):
            return (*self.list_display, "attendance_link")
        return self.list_display

    @admin.display(description=_("attendance"))
    def attendance_link(self, obj: Event) -> str:
        # Marked on its page after the event (who came, certificates for a training), as for a booked class.
        return format_html('<a href="{}">{}</a>', reverse("circulation:event_attendance", args=[obj.pk]),
                           _("Record attendance"))
