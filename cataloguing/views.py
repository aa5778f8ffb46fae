"""Pages of cataloguing outside the admin: an author's UDC requests (607-29) and the acceptance of
transfer slips (607-28) by the receiving library department."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.roles import LIBRARIAN_ROLES, READER

from .constants import TransferStatus
from .exceptions import CataloguingError
from .forms import UdcRequestForm
from .models import TransferSlip, UdcRequest
from .services import transfer_slip_accept, udc_request_submit


@role_required(READER)
def udc_requests(request: HttpRequest) -> HttpResponse:
    """An author asks for a UDC index and sees the answers to their own requests only."""
    user = request.user
    if request.method == "POST":
        form = UdcRequestForm(request.POST)
        if form.is_valid():
            udc_request = udc_request_submit(requester=user, **form.cleaned_data)
            messages.success(request, _("Request № %(number)s/%(year)s is registered.") % {
                "number": udc_request.number, "year": udc_request.year})
            return redirect("cataloguing:udc")
    else:
        department = user.academic_department.name if user.academic_department else ""
        form = UdcRequestForm(initial={"authors": user.short_name, "department": ", ".join(
            part for part in (department, user.position) if part)})
    own = UdcRequest.objects.filter(requester=user).order_by("-requested_at")
    return render(request, "cataloguing/udc_requests.html", {"form": form, "requests": own})


@role_required(*LIBRARIAN_ROLES)
def transfers(request: HttpRequest) -> HttpResponse:
    """Transfer slips sent to the signed-in librarian's department (the other departments' are not shown)."""
    slips = (TransferSlip.objects.filter(to_department_id=request.user.library_department_id)
             .select_related("from_department", "created_by", "accepted_by").prefetch_related("lines")
             .order_by("status", "-sent_on", "-number")[:200])
    return render(request, "cataloguing/transfers.html", {"slips": slips, "sent": TransferStatus.SENT})


@require_POST
@role_required(*LIBRARIAN_ROLES)
def transfer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    slip = get_object_or_404(TransferSlip, pk=pk, to_department_id=request.user.library_department_id)
    try:
        transfer_slip_accept(slip=slip, user=request.user)
    except CataloguingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Transfer slip № %(ref)s accepted; the items are now in your department.") % {
            "ref": slip.reference})
    return redirect("cataloguing:transfers")
