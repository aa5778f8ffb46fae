"""Tells the user when the work they just saved could not be queued because the broker is down."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .tasks import broker_failures_end, broker_failures_start


class QueueOutageMiddleware:
    """Placed after MessageMiddleware: whichever view saved the job, the warning goes with its response
    (usually a redirect to the job's page). The job is saved and waits; the sweep of stale jobs
    (`core.queueing.requeue_stale_jobs`) queues it once the broker is back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = broker_failures_start()
        try:
            response = self.get_response(request)
        finally:
            failures = broker_failures_end(token)
        if failures and hasattr(request, "_messages"):
            messages.warning(request, _("Your request is saved, but the background queue is unavailable right "
                                        "now. The work will start by itself as soon as the queue is back."))
        return response
