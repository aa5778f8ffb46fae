"""A guard every request passes: parameters no page can use are a 400, not a 500 deep inside a view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.admin.options import TO_FIELD_VAR, IncorrectLookupParameters
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, QueryDict

NUL = "\x00"


def answers_nul_bytes(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view that answers a NUL byte in its arguments itself (a protocol with its own error, e.g. OAI-PMH)."""
    view.answers_nul_bytes = True  # type: ignore[attr-defined]
    return view


def _has_nul(data: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


class ParameterGuardMiddleware:
    """Refuses with a 400 what no page can use, before a view trips over it:

    - a NUL byte in the path or in a query or form key or value: PostgreSQL refuses it in any text parameter,
      XML cannot carry it. Checked in `process_view` so a view marked `answers_nul_bytes` can answer it with its
      protocol's own error instead;
    - a blank `_to_field` (the admin's parameter naming the field a popup selects by): the admin would look up a
      field named "" and fail; its pages never send one blank;
    - the admin's IncorrectLookupParameters escaping a view (the export of a list with a parameter that is no
      filter): the list page itself answers it by a redirect, the export did not.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any], view_args: tuple,
                     view_kwargs: dict) -> None:
        form = request.POST if request.method == "POST" else QueryDict()
        if not getattr(view_func, "answers_nul_bytes", False) and (
            NUL in request.path_info or _has_nul(request.GET) or _has_nul(form)
        ):
            raise BadRequest("NUL byte in the request")
        for data in (request.GET, form):
            if TO_FIELD_VAR in data and not data[TO_FIELD_VAR].strip():
                raise BadRequest(f"blank {TO_FIELD_VAR}")

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, IncorrectLookupParameters):
            raise BadRequest(str(exception)) from exception
