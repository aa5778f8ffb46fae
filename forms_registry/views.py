from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.access import access_rule
from core.navigation import registry as navigation

from .access import can_open_reports, can_print
from .registry import FormDataError, FormEntry, FormImplementation, FormNotBuilt, UnknownForm, registry
from .renderer import html_to_pdf, pdf_filename, render_form_html, render_form_pdf


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
    """Choose the parameters of one form, then preview it or download the PDF.

    Everything happens in the same tab: a refused parameter or a period without data is shown on this page,
    styled, next to the parameters to change (a preview in a new tab left the error on a page of its own)."""
    entry, implementation = _entry_and_implementation(request, code)
    if implementation is None:
        return render(request, "forms_registry/not_built.html", {"entry": entry}, status=200)
    action = request.GET.get("action")
    names = [p.name for p in implementation.params]
    # Coming back from a preview (or from a link) keeps the parameters given; the others are offered as the
    # form's example from the data, the same `forms render-all` prints with.
    chosen = {name: request.GET[name] for name in names if request.GET.get(name)}
    offered = {} if action else (implementation.example_params() or implementation.initial_params())
    parameter_form = implementation.parameter_form(request.GET if action else None, initial={**offered, **chosen})
    data_error = ""
    if action and parameter_form.is_valid():
        try:
            preview = action == "preview"
            html = render_form_html(
                entry.code, request.GET, preview=preview, csp_nonce=str(request.csp_nonce) if preview else "",
                back_url=f"{request.path}?{urlencode({n: request.GET.get(n, '') for n in names})}",
            )
            # A form its app draws itself (render_form_pdf) is previewed as its PDF, shown in the browser.
            drawn = render_form_pdf(entry.code, request.GET) if "render_pdf" in implementation.extra else None
        except FormDataError as exc:
            data_error = str(exc)
        else:
            if preview and drawn is None:
                return HttpResponse(html)
            response = HttpResponse(drawn if drawn is not None else html_to_pdf(html), content_type="application/pdf")
            filename = pdf_filename(entry.code, implementation.parse(request.GET))
            response["Content-Disposition"] = f'{"inline" if preview else "attachment"}; filename="{filename}"'
            return response
    context = {"entry": entry, "parameter_form": parameter_form, "data_error": data_error}
    return render(request, "forms_registry/form_detail.html", context)
