"""The SRU 1.2 endpoint (/sru): anonymous, as the public catalogue is, and read-only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import sru


@require_GET  # SRU 1.2 over HTTP GET; the site's parameter guards (NUL bytes) run before it
def sru_endpoint(request: HttpRequest) -> HttpResponse:
    """explain (also without an operation) and searchRetrieve; any other operation is diagnostic 4."""
    params = request.GET
    operation = params.get("operation") or "explain"
    if operation == "explain":
        body = sru.explain(params, base_url=request.build_absolute_uri(request.path))
    elif operation == "searchRetrieve":
        body = sru.search_retrieve(params, record_url=lambda pk: request.build_absolute_uri(
            reverse("catalogue_search:record", args=[pk])))
    else:
        body = sru.unsupported_operation(operation)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
