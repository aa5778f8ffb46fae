"""Web pages of the digital library: protected delivery of full texts, a record's files, the OAI-PMH
endpoint, and department heads' scanning requests (607-35)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts import roles
from accounts.access import role_required
from cataloguing.models import BibliographicRecord, Item
from core.networks import client_ip
from core.params import get_ids
from core.request_guards import answers_nul_bytes

from .access import file_access
from .choices import AccessLevel, ScanningSource, ScanningStatus, UsageKind
from .forms import ScanningRequestForm
from .models import DigitalFile, ScanningRequest
from .oai import Provider
from .services import rare_editions_submit_for_scanning, scanning_request_submit, usage_record


def record_files(request, pk: int):
    """A record's full texts: shown on the catalogue's record page (this app's panel, catalogue_panels.py). The
    address stays, as a permanent redirect, because OAI-PMH harvesters keep it as the record's identifier."""
    record = get_object_or_404(BibliographicRecord.objects.only("pk"), pk=pk)
    return redirect(reverse("catalogue_search:record", args=[record.pk]) + "#panel-e_version", permanent=True)


def file_deliver(request, pk: int, mode: str):
    """Send a full text after checking the right to it, and count the request (COUNTER rules)."""
    digital_file = get_object_or_404(DigitalFile.objects.select_related("record"), pk=pk)
    decision = file_access(digital_file=digital_file, user=request.user, ip=client_ip(request))
    allowed = decision.can_download if mode == UsageKind.DOWNLOAD else decision.can_view
    if not allowed:
        signing_in_helps = digital_file.access_level == AccessLevel.REGISTERED and not digital_file.is_embargoed(
            timezone.localdate())
        if not request.user.is_authenticated and signing_in_helps:
            return redirect_to_login(request.get_full_path())
        return render(request, "digital_library/refused.html", {"digital_file": digital_file, "decision": decision},
                      status=403)
    try:
        handle = digital_file.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from the storage.")) from None
    usage_record(
        digital_file=digital_file, kind=mode, user=request.user, session_key=request.session.session_key,
        ip_address=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    response = FileResponse(
        handle, as_attachment=mode == UsageKind.DOWNLOAD, filename=digital_file.download_name,
        content_type=digital_file.mime_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@answers_nul_bytes  # a NUL byte in an argument is the protocol's badArgument, answered by the provider
@csrf_exempt  # harvesters may POST (OAI-PMH 2.0, 3.1.1.2); the endpoint is read-only
@require_http_methods(["GET", "POST"])
def oai(request):
    """OAI-PMH 2.0 data provider of open items."""
    arguments = dict((request.POST if request.method == "POST" else request.GET).lists())
    base_url = request.build_absolute_uri(request.path)
    provider = Provider(base_url=base_url, absolute_url=request.build_absolute_uri)
    return HttpResponse(provider.respond(arguments), content_type="text/xml; charset=utf-8")


@role_required(roles.DEPARTMENT_HEAD)
def scanning_requests(request):
    """A department head's scanning requests (607-35): only their own department's, and a form for a new one."""
    department = request.user.academic_department
    if department is None:
        return render(request, "digital_library/scanning_requests.html", {"department": None})
    if request.method == "POST":
        form = ScanningRequestForm(request.POST)
        if form.is_valid():
            scanning_request = scanning_request_submit(
                requested_by=request.user, department=department, **form.cleaned_data,
            )
            messages.success(request, _("Request № %(reference)s is registered.") % {
                "reference": scanning_request.reference})
            return redirect("digital_library:scanning_requests")
    else:
        form = ScanningRequestForm()
    requests_ = (
        ScanningRequest.objects.for_department(department)
        .select_related("record", "result_file")
        .order_by("-submitted_at")
    )
    return render(request, "digital_library/scanning_requests.html",
                  {"department": department, "form": form, "scanning_requests": requests_})


@role_required(roles.DEPARTMENT_HEAD)
def scanning_request_detail(request, pk: int):
    department = request.user.academic_department
    scanning_request = get_object_or_404(ScanningRequest, pk=pk)
    if department is None or scanning_request.department_id != department.pk:
        raise Http404
    return render(request, "digital_library/scanning_request.html", {"scanning_request": scanning_request})


@role_required(roles.LIBRARIAN_STORAGE, roles.LIBRARIAN_DIGITAL)
def rare_editions(request):
    """Book storage selects rare editions for digitisation; each becomes a scanning request (607-35)."""
    from cataloguing.constants import ItemStatus, LoanCategory

    # Exists rather than a join and DISTINCT: a record with several rare copies is listed once, and the MARC
    # column (json) has no equality for DISTINCT to use.
    rare_copies = Item.objects.filter(record=OuterRef("pk"), loan_category=LoanCategory.RARE)
    candidates = (
        BibliographicRecord.objects.filter(Exists(rare_copies))
        .exclude(items__status=ItemStatus.WRITTEN_OFF).order_by("year", "title")
    )
    if request.method == "POST":
        chosen = list(candidates.filter(pk__in=get_ids(request.POST, "record")))
        created = rare_editions_submit_for_scanning(records=chosen, requested_by=request.user)
        messages.success(request, _("%(count)s scanning requests registered.") % {"count": len(created)})
        return redirect("digital_library:rare_editions")
    requested = set(
        ScanningRequest.objects.filter(record__in=candidates, source=ScanningSource.STORAGE)
        .exclude(status=ScanningStatus.REJECTED).values_list("record_id", flat=True)
    )
    context = {"candidates": candidates[:500], "requested": requested}
    return render(request, "digital_library/rare_editions.html", context)
