"""Staff qualification pages (§5.1): who lacks the training their role requires, as a page, a CSV or a PDF."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.access import access_rule, permission_rule
from core.forms import DateInput
from forms_registry.renderer import LIBRARY_NAME_KK, UNIVERSITY_NAME_KK, html_to_pdf

from . import selectors


def _day(request: HttpRequest):
    from django import forms

    field = forms.DateField(required=False, widget=DateInput())
    try:
        return field.clean(request.GET.get("on")) or timezone.localdate()
    except forms.ValidationError:
        return timezone.localdate()


@access_rule(permission_rule("planning.see_qualification_gaps"))
def qualification_gaps(request: HttpRequest) -> HttpResponse:
    """The employees who lack, on a day (today by default), a training their role requires."""
    on = _day(request)
    output = request.GET.get("format")
    if output == "pdf":
        with translation.override("kk"):
            html = render_to_string("planning/qualification_gaps_pdf.html", {
                "form_title": "Біліктілікті арттыру: талап етілетін оқудан өтпеген қызметкерлер",
                "printed_code": "", "orientation": "portrait", "university_name": UNIVERSITY_NAME_KK,
                "library_name": LIBRARY_NAME_KK, "on": on, "gaps": selectors.qualification_gaps(on)
            })
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="qualification-gaps-{on:%Y%m%d}.pdf"'
        return response
    gaps = selectors.qualification_gaps(on)
    if output == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="qualification-gaps-{on:%Y%m%d}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 with the mark
        writer = csv.writer(response)
        writer.writerow([_("employee"), _("library department"), _("role"), _("training programme"), _("gap"),
                         _("expired on")])
        for gap in gaps:
            writer.writerow([gap.person.full_name, gap.person.library_department or "", gap.role_label,
                             gap.programme.name, gap.kind_label,
                             gap.expired_on.isoformat() if gap.expired_on else ""])
        return response
    return render(request, "planning/qualification_gaps.html", {"on": on, "gaps": gaps})
