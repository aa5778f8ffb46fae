"""The public list of e-resources (QP 607 §5.5): the licensed databases of the register (607-17) available today
with their terms, each opened through the library so that the use is counted for the summary book (607-18)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.networks import client_ip, on_university_network

from . import services
from .models import LicensedDatabase


def eresource_list(request: HttpRequest) -> HttpResponse:
    """Anyone: the databases open today, their subjects, language and terms, and whether this visitor is on campus
    (the page says which databases will open from where they are)."""
    today = timezone.localdate()
    databases = list(LicensedDatabase.objects.listed_on(today).order_by("name"))
    on_campus = on_university_network(client_ip(request))
    return render(request, "acquisitions/eresources.html", {"databases": databases, "on_campus": on_campus})


@require_POST
def eresource_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a database through the library: check its terms for this person and place, count the use, go there.
    A POST (the list's button), so that crawlers following links neither count uses nor reach the vendor."""
    database = get_object_or_404(LicensedDatabase, pk=pk)
    on_campus = on_university_network(client_ip(request))
    decision = services.eresource_access(database=database, user=request.user, on_campus=on_campus,
                                         day=timezone.localdate())
    if decision.needs_sign_in:
        messages.info(request, decision.reason)
        return redirect_to_login(reverse("eresources:list"))
    if not decision.allowed:
        messages.error(request, decision.reason)
        return redirect("eresources:list")
    services.eresource_use_count(database=database, on_campus=on_campus)
    return HttpResponseRedirect(database.url)
