from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.roles import home_url_for

from .health import health_report


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    ok, checks = health_report()
    return JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)


def home(request: HttpRequest) -> HttpResponse:
    """Send each person to their place: cabinet, department page, reports page or the admin."""
    if request.user.is_authenticated:
        return redirect(home_url_for(request.user))
    return render(request, "core/welcome.html")


@login_required
def no_place(request: HttpRequest) -> HttpResponse:
    return render(request, "core/no_place.html", status=403)
