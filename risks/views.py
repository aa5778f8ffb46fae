from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.access import role_required
from accounts.roles import REPORT_ROLES
from forms_registry.renderer import LIBRARY_NAME_KK, UNIVERSITY_NAME_KK, html_to_pdf

from .constants import Impact, Likelihood
from .models import Risk
from .selectors import risk_matrix


def _register():
    return Risk.objects.select_related("owner").prefetch_related("measures").annotate_event_count()


@role_required(*REPORT_ROLES)
def matrix(request: HttpRequest) -> HttpResponse:
    """The likelihood × impact matrix of the register, with the register under it."""
    risks = list(_register())
    return render(request, "risks/matrix.html", {
        "matrix": risk_matrix(risks), "risks": risks, "today": timezone.localdate(),
    })


@role_required(*REPORT_ROLES)
def register_pdf(request: HttpRequest) -> HttpResponse:
    """The risk register of section 6 as a PDF (in Kazakh, like the numbered forms)."""
    with translation.override("kk"):
        risks = list(_register())
        html = render_to_string("risks/register_pdf.html", {
            "form_title": "Тәуекелдер тізілімі (QP 607-2023, 6-бөлім)",
            "printed_code": "",
            "orientation": "landscape",
            "university_name": UNIVERSITY_NAME_KK,
            "library_name": LIBRARY_NAME_KK,
            "risks": risks,
            "matrix": risk_matrix(risks),
            "impacts": Impact.choices,
            "likelihoods": Likelihood.choices,
            "printed_at": timezone.localtime(),
        })
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="risk-register-{timezone.localdate():%Y-%m-%d}.pdf"'
    return response
