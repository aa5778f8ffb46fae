from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.access import access_rule
from core.navigation import registry as navigation

from .access import can_open_reports, can_print
from .registry import FormDataError, FormEntry, FormImplementation, FormNotBuilt, UnknownForm, registry
from .renderer import html_to_pdf, pdf_filename, render_form_html


def _entry_and_implementation(request: HttpRequest, code: str) -> tuple[FormEntry, FormImplementation | None]:
    try:
        entry = registry.get(code)
    except UnknownForm:
        raise Http404 from None
    try:
        implementation = registry.implementation(entry.code)
    except FormNotBuilt:
        return entry, None
    if not can_print(request.user, implementation):
        raise PermissionDenied
    return entry, implementation


@access_rule(can_open_reports)
def reports(request: HttpRequest) -> HttpResponse:
    """The director's reports page: every form of the procedure by sub-process, with its state."""
    groups = []
    for key, title, entries in registry.by_subprocess():
        rows = []
        for entry in entries:
            implementation = registry.find_implementation(entry.code)
            rows.append({
                "entry": entry,
                "ready": implementation is not None,
                "allowed": implementation is not None and can_print(request.user, implementation),
                "params": [p.label for p in implementation.params] if implementation else [],
            })
        groups.append({"key": key, "title": title, "rows": rows})
    dashboards = [(link.label, link.url) for link in navigation.links_for(request.user, dashboard=True)]
    context = {"groups": groups, "dashboards": dashboards}
    return render(request, "forms_registry/reports.html", context)


@access_rule(can_open_reports)
def form_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Choose the parameters of one form, then preview it or download the PDF."""
    entry, implementation = _entry_and_implementation(request, code)
    if implementation is None:
        return render(request, "forms_registry/not_built.html", {"entry": entry}, status=200)
    action = request.GET.get("action")
    parameter_form = implementation.parameter_form(request.GET if action else None)
    if action and parameter_form.is_valid():
        try:
            preview = action == "preview"
            html = render_form_html(
                entry.code, request.GET, preview=preview, csp_nonce=str(request.csp_nonce) if preview else ""
            )
        except FormDataError as exc:
            parameter_form.add_error(None, str(exc))
        else:
            if preview:
                return HttpResponse(html)
            response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
            filename = pdf_filename(entry.code, implementation.parse(request.GET))
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
    return render(request, "forms_registry/form_detail.html", {"entry": entry, "parameter_form": parameter_form})
