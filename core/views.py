from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .access import access_rule, staff_rule
from .health import health_report
from .navigation import registry, workbench_for


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    ok, checks = health_report()
    return JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """Send each person to their place after signing in: staff home, cabinet, department page, checks."""
    url = registry.landing_url_for(request.user)
    if url is None:
        return redirect("core:no_place")
    return redirect(url)


@access_rule(staff_rule)
def workbench(request: HttpRequest) -> HttpResponse:
    """The staff home: the day's queues with their counts and the pages of the person's work, by sub-process."""
    blocks = workbench_for(request.user)
    return render(request, "core/workbench.html", {
        "blocks": blocks,
        "waiting": sum(queue.count or 0 for block in blocks for queue in block.queues),
    })


@login_required
def no_place(request: HttpRequest) -> HttpResponse:
    return render(request, "core/no_place.html", status=403)
