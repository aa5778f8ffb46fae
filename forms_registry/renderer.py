"""Renders a registered form to HTML and, through WeasyPrint, to PDF. Printed forms are always in Kazakh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .registry import FormEntry, FormImplementation, registry

# The university's legal name as the procedure's title block writes it (QP 607-2023, first page).
UNIVERSITY_NAME_KK = ("«Қ.И. Сәтбаев атындағы Қазақ ұлттық техникалық зерттеу университеті» "
                      "коммерциялық емес акционерлік қоғамы")
LIBRARY_NAME_KK = "Ғылыми кітапхана"


def form_context(entry: FormEntry, implementation: FormImplementation, params: dict[str, Any]) -> dict[str, Any]:
    context = implementation.build_context(params)
    return {
        "form": entry,
        "form_title": entry.title_in("kk"),
        "printed_code": entry.printed_code,
        "orientation": implementation.orientation,
        "university_name": UNIVERSITY_NAME_KK,
        "library_name": LIBRARY_NAME_KK,
        "library_address": settings.LIBRARY_ADDRESS,
        "library_phone": settings.LIBRARY_PHONE,
        "library_email": settings.LIBRARY_EMAIL,
        "printed_at": timezone.localtime(),
        "params": params,
        **context,
    }


def render_form_html(code: str, raw_params: dict[str, Any], *, preview: bool = False, csp_nonce: str = "",
                     back_url: str = "") -> str:
    """HTML of the form, filled for the given parameters (validated; raises FormParameterError).

    `csp_nonce`: the request's nonce when the HTML goes to a browser (preview), so that the form's <style> is
    allowed by the Content-Security-Policy; WeasyPrint needs none. `back_url`: the preview's link back to the
    parameters."""
    entry = registry.get(code)
    implementation = registry.implementation(entry.code)
    params = implementation.parse(raw_params)
    with translation.override("kk"):
        context = form_context(entry, implementation, params)
        context["preview"] = preview
        context["csp_nonce"] = csp_nonce
        context["back_url"] = back_url
        return render_to_string(implementation.template, context)


def _static_url_fetcher():
    """A fetcher that reads /static/… through the finders (PDFs render the same with or without
    collectstatic) and never goes to the network: forms are rendered from local files only."""
    from weasyprint import URLFetcher

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            prefix = "/" + settings.STATIC_URL.lstrip("/")
            if url.startswith("file://") and prefix in url:
                found = finders.find(url.split(prefix, 1)[1].split("?")[0])
                if found:
                    url = Path(found).as_uri()
            return super().fetch(url, headers)

    return StaticFilesFetcher(allowed_protocols=("file", "data"))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_static_url_fetcher()).write_pdf()


def render_form_pdf(code: str, raw_params: dict[str, Any]) -> bytes:
    """PDF bytes of the form for the given parameters.

    A form whose app draws the PDF itself (`extra={"render_pdf": fn(params) -> bytes}`: the fund's books, ruled
    tables of thousands of lines drawn by acquisitions.books) is printed by it."""
    implementation = registry.implementation(registry.get(code).code)
    render_pdf = implementation.extra.get("render_pdf")
    if render_pdf is not None:
        return render_pdf(implementation.parse(raw_params))
    return html_to_pdf(render_form_html(code, raw_params))


def pdf_filename(code: str, params: dict[str, Any]) -> str:
    suffix = "-".join(str(v) for v in params.values() if v not in (None, ""))
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in suffix)
    return f"{code}{'-' + safe if safe else ''}.pdf"
