"""The visit counter of the public site (issue 16.7): see `website.visits`."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .visits import is_bot, is_catalogue_search, is_counted_path, record_hit


class VisitCounterMiddleware:
    """Counts a public page answered 200 to a GET from a browser; no cookie is set, nothing about the visitor
    but a daily salted hash is kept. `settings.VISIT_COUNTING` False (the test settings) turns it off."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (getattr(settings, "VISIT_COUNTING", True) and request.method == "GET" and response.status_code == 200
                and is_counted_path(request.path)
                and response.get("Content-Type", "").startswith("text/html")):
            user_agent = request.META.get("HTTP_USER_AGENT", "")
            if not is_bot(user_agent):
                record_hit(path=request.path, address=request.META.get("REMOTE_ADDR", ""), user_agent=user_agent,
                           search=is_catalogue_search(request.path, request.GET))
        return response
