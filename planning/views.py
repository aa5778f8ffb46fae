from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.access import role_required
from accounts.roles import DIRECTOR, SYSADMIN, VICE_RECTOR
from core.charts import comparison_bars_svg
from forms_registry.renderer import LIBRARY_NAME_KK, UNIVERSITY_NAME_KK, html_to_pdf

from .forms import KpiPeriodForm
from .indicators import kpi_table


def _with_charts(groups, current_label: str, previous_label: str):
    # A percentage (satisfaction) is not drawn on a scale of counts: the table beside the chart shows it.
    return [
        (group, comparison_bars_svg([(row.indicator.label, row.value, row.previous) for row in group.rows
                                     if row.indicator.is_count],
                                    current_label=current_label, previous_label=previous_label))
        for group in groups
    ]


@role_required(DIRECTOR, VICE_RECTOR, SYSADMIN)
def kpi(request: HttpRequest) -> HttpResponse:
    """Section 7: the effectiveness indicators for a period beside the previous period, as a page or a PDF."""
    form = KpiPeriodForm(request.GET or None)
    date_from, date_to = form.period()
    if request.GET.get("format") == "pdf":
        with translation.override("kk"):
            previous, groups = kpi_table(date_from, date_to)
            current_label = f"{date_from:%d.%m.%Y} – {date_to:%d.%m.%Y}"
            previous_label = f"{previous[0]:%d.%m.%Y} – {previous[1]:%d.%m.%Y}"
            html = render_to_string("planning/kpi_pdf.html", {
                "form_title": "Тиімділік көрсеткіштері (QP 607-2023, 7-бөлім)",
                "printed_code": "", "orientation": "portrait",
                "university_name": UNIVERSITY_NAME_KK, "library_name": LIBRARY_NAME_KK,
                "date_from": date_from, "date_to": date_to, "previous": previous,
                "groups": _with_charts(groups, current_label, previous_label),
                "printed_at": timezone.localtime(),
            })
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="kpi-{date_from:%Y%m%d}-{date_to:%Y%m%d}.pdf"'
        return response
    previous, groups = kpi_table(date_from, date_to)
    return render(request, "planning/kpi.html", {
        "form": form, "date_from": date_from, "date_to": date_to, "previous": previous,
        "groups": _with_charts(groups, _("this period"), _("previous period")),
    })
