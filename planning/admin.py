from django.contrib import admin, messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from import_export import resources

from core.admin import NumberedDocumentAdmin

from .models import OutgoingLetter
from .services import outgoing_letter_register


class OutgoingLetterResource(resources.ModelResource):
    class Meta:
        model = OutgoingLetter
        fields = ("year", "number", "registered_on", "addressee", "subject", "signatory_name",
                  "signatory_position", "executor", "cancelled_at", "cancellation_reason")
        export_order = fields


@admin.register(OutgoingLetter)
class OutgoingLetterAdmin(NumberedDocumentAdmin):
    """607-04: letters are registered here and printed on the letterhead."""

    resource_classes = [OutgoingLetterResource]
    list_display = ("reference", "registered_on", "subject", "addressee_short", "signatory_name", "is_cancelled",
                    "print_link")
    list_filter = ("year", "registered_on", ("cancelled_at", admin.EmptyFieldListFilter))
    search_fields = ("subject", "addressee", "body", "signatory_name")
    date_hierarchy = "registered_on"
    fields = ("registered_on", "addressee", "subject", "body", "signatory_name", "signatory_position", "executor",
              "cancellation_reason")

    def has_import_permission(self, request: HttpRequest) -> bool:
        return False  # numbers are allocated only by registration

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("cancellation_reason",)
        # A registered letter is a record: only its cancellation can still be written.
        readonly = [f for f in self.fields if f != "cancellation_reason"]
        return (*readonly, "cancellation_reason") if obj.is_cancelled else tuple(readonly)

    def save_model(self, request, obj, form, change):
        if not change:
            letter = outgoing_letter_register(
                registered_on=obj.registered_on, addressee=obj.addressee, subject=obj.subject, body=obj.body,
                signatory_name=obj.signatory_name, signatory_position=obj.signatory_position,
                executor=obj.executor, created_by=request.user,
            )
            obj.pk, obj.year, obj.number = letter.pk, letter.year, letter.number
            obj._state.adding = False
            messages.info(request, _("Registered as № %(ref)s.") % {"ref": letter.reference})
            return
        if obj.cancellation_reason and not obj.is_cancelled:
            from .services import outgoing_letter_cancel

            outgoing_letter_cancel(letter=obj, reason=obj.cancellation_reason)

    @admin.display(description=_("number"), ordering="number")
    def reference(self, letter: OutgoingLetter) -> str:
        return letter.reference

    @admin.display(description=_("addressee"))
    def addressee_short(self, letter: OutgoingLetter) -> str:
        return letter.addressee.splitlines()[0][:80] if letter.addressee else ""

    @admin.display(description=_("cancelled"), boolean=True)
    def is_cancelled(self, letter: OutgoingLetter) -> bool:
        return letter.is_cancelled

    @admin.display(description=_("letterhead"))
    def print_link(self, letter: OutgoingLetter) -> str:
        url = reverse("forms_registry:form", args=["607-04"])
        query = urlencode({"year": letter.year, "number": letter.number, "action": "pdf"})
        return format_html('<a href="{}?{}">PDF</a>', url, query)
