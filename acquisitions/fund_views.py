"""Pages of fund accounting: receipts, write-off acts, stocktaking, large books, book provision."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.access import role_required
from accounts.models import AcademicDepartment
from cataloguing.exceptions import CataloguingError
from forms_registry.access import can_print
from forms_registry.registry import registry

from . import selectors, services
from .constants import WriteOffReason
from .exceptions import AcquisitionsError
from .forms import BookExportForm, ReceiptForm, ReceiptLineFormSet, ScanForm, StocktakingStartForm, WriteOffForm
from .models import BookExport, Discipline, Receipt, StocktakingSession, WriteOffAct

ACQUISITIONS = roles.LIBRARIAN_ACQUISITIONS
READERS_OF_FUND = (roles.LIBRARIAN_ACQUISITIONS, roles.DIRECTOR)


def _enters_fund(request: HttpRequest) -> bool:
    """Whether this person enters receipts, acts and scans (the director reads these pages, and is shown no button
    that would answer 403)."""
    return request.user.is_superuser or request.user.has_role(ACQUISITIONS)


def _catalogue_error(error) -> str:
    return getattr(error, "message", None) or str(error)


# --- Receipts --------------------------------------------------------------------------------------------------


@role_required(*READERS_OF_FUND)
def receipt_list(request: HttpRequest) -> HttpResponse:
    receipts = Receipt.objects.select_related("supplier").prefetch_related("lines")[:100]
    return render(request, "acquisitions/receipt_list.html", {"receipts": receipts, "can_enter": _enters_fund(request)})


@role_required(ACQUISITIONS)
def receipt_create(request: HttpRequest) -> HttpResponse:
    """Enter a batch against a contract, a gift, an exchange or a replacement: items and numbers are created."""
    form = ReceiptForm(request.POST or None, initial={"received_on": timezone.localdate()})
    formset = ReceiptLineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        lines = [services.ReceiptLineInput(**row) for row in formset.cleaned_data if row]
        try:
            receipt = services.receipt_create(user=request.user, lines=lines, **form.cleaned_data)
        except AcquisitionsError as error:
            messages.error(request, error.message)
        except CataloguingError as error:
            messages.error(request, _catalogue_error(error))
        else:
            messages.success(request, _("%(receipt)s entered.") % {"receipt": receipt})
            return redirect("acquisitions:receipt_list")
    return render(request, "acquisitions/receipt_form.html", {"form": form, "formset": formset})


# --- Write-off ---------------------------------------------------------------------------------------------------


@role_required(*READERS_OF_FUND)
def write_off_list(request: HttpRequest) -> HttpResponse:
    acts = WriteOffAct.objects.select_related("approved_by", "weeding_list").prefetch_related("lines")[:100]
    return render(request, "acquisitions/write_off_list.html", {
        "acts": acts, "can_approve": request.user.is_superuser or request.user.has_role(roles.DIRECTOR),
        "can_enter": _enters_fund(request)})


@role_required(ACQUISITIONS)
def write_off_create(request: HttpRequest) -> HttpResponse:
    initial = {"drawn_on": timezone.localdate(), "reason": request.GET.get("reason", ""),
               "inventory_numbers": request.GET.get("numbers", "").replace(",", "\n")}
    form = WriteOffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            act = services.write_off_act_create(reason=data["reason"], drawn_on=data["drawn_on"],
                                                items=data["inventory_numbers"], commission=data["commission"],
                                                protocol=data["protocol"], user=request.user)
        except AcquisitionsError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(act)s drawn up; it takes effect when approved.") % {"act": act})
            return redirect("acquisitions:write_off_list")
    return render(request, "acquisitions/write_off_form.html", {"form": form})


@require_POST
@role_required(roles.DIRECTOR)
def write_off_approve(request: HttpRequest, pk: int) -> HttpResponse:
    act = get_object_or_404(WriteOffAct, pk=pk)
    try:
        services.write_off_act_approve(act=act, user=request.user)
        messages.success(request, _("%(act)s approved.") % {"act": act})
    except AcquisitionsError as error:
        messages.error(request, error.message)
    return redirect("acquisitions:write_off_list")


# --- Stocktaking -------------------------------------------------------------------------------------------------


@role_required(*READERS_OF_FUND)
def stocktaking_list(request: HttpRequest) -> HttpResponse:
    form = StocktakingStartForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_role(ACQUISITIONS) and not request.user.is_superuser:
            raise PermissionDenied
        if form.is_valid():
            session = services.stocktaking_start(user=request.user, **form.cleaned_data)
            return redirect("acquisitions:stocktaking_detail", pk=session.pk)
    sessions = StocktakingSession.objects.select_related("department", "database")[:50]
    return render(request, "acquisitions/stocktaking_list.html", {"sessions": sessions, "form": form,
                                                                  "can_enter": _enters_fund(request)})


@role_required(*READERS_OF_FUND)
def stocktaking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Scan items (a scanner types the barcode and Enter) or upload a file; the buckets update as you go."""
    session = get_object_or_404(StocktakingSession, pk=pk)
    form = ScanForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not request.user.has_role(ACQUISITIONS) and not request.user.is_superuser:
            raise PermissionDenied
        try:
            if "close" in request.POST:
                services.stocktaking_close(session=session, user=request.user)
                messages.success(request, _("The inspection is closed; its act can be printed."))
            elif form.is_valid():
                added = services.stocktaking_scan(session=session, barcodes=form.codes())
                messages.success(request, _("%(count)s new barcodes recorded.") % {"count": added})
        except AcquisitionsError as error:
            messages.error(request, error.message)
        return redirect("acquisitions:stocktaking_detail", pk=pk)
    result = selectors.stocktaking_result(session)
    missing_numbers = ",".join(item.inventory_number for item in result["missing"])
    # The write-off form opens with the reason and the copies the closed inspection did not find.
    write_off_query = urlencode({"reason": WriteOffReason.LOST, "numbers": missing_numbers}) if missing_numbers else ""
    return render(request, "acquisitions/stocktaking_detail.html", {
        "session": session, "form": ScanForm(), "result": result, "write_off_query": write_off_query,
        "scans": session.scans.count(), "can_enter": _enters_fund(request),
    })


# --- Large books in the background -------------------------------------------------------------------------------


@role_required(*READERS_OF_FUND)
def book_export_list(request: HttpRequest) -> HttpResponse:
    exports = BookExport.objects.filter(requested_by=request.user)[:20]
    return render(request, "acquisitions/book_exports.html", {"exports": exports, "form": BookExportForm()})


@require_POST
@role_required(*READERS_OF_FUND)
def book_export_create(request: HttpRequest) -> HttpResponse:
    form = BookExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the book's year or range of inventory numbers."))
        return redirect("acquisitions:book_exports")
    _require_book_permission(request, form.cleaned_data["book"])
    services.book_export_request(user=request.user, form_code=form.cleaned_data["book"], params=form.book_params())
    messages.success(request, _("The book is being produced; this page shows its progress."))
    return redirect("acquisitions:book_exports")


def _require_book_permission(request: HttpRequest, form_code: str) -> None:
    """A book is ordered and downloaded by whoever may print its form (607-12: receipts, 607-13: the inventory)."""
    if not can_print(request.user, registry.implementation(form_code)):
        raise PermissionDenied


def _own_export(request: HttpRequest, pk: int) -> BookExport:
    export = get_object_or_404(BookExport, pk=pk, requested_by=request.user)
    _require_book_permission(request, export.form_code)
    return export


@role_required(*READERS_OF_FUND)
def book_export_status(request: HttpRequest, pk: int) -> JsonResponse:
    export = _own_export(request, pk)
    # The error is stored in English (gettext_noop in acquisitions.books) and translated for its reader here.
    return JsonResponse({"status": export.status, "progress": export.progress, "finished": export.is_finished,
                         "error": _(export.error) if export.error else ""})


@role_required(*READERS_OF_FUND)
def book_export_download(request: HttpRequest, pk: int) -> FileResponse:
    export = _own_export(request, pk)
    if not export.is_ready or not export.file:
        raise Http404
    return FileResponse(export.file.open("rb"), content_type="application/pdf", as_attachment=True,
                        filename=f"{export.form_code}-{export.pk}.pdf")


# --- Book provision ------------------------------------------------------------------------------------------------


def _department_for(request: HttpRequest):
    """A head sees only their own department; the library chooses any (its own first, else the first by code)."""
    user = request.user
    if user.is_superuser or user.has_role(*READERS_OF_FUND):
        code = request.GET.get("department")
        if code:
            return get_object_or_404(AcademicDepartment, code=code)
        if not user.academic_department_id:
            return AcademicDepartment.objects.order_by("code").first()  # None while none is registered
    if not user.academic_department_id:
        raise PermissionDenied
    return user.academic_department


@role_required(roles.DEPARTMENT_HEAD, *READERS_OF_FUND)
def provision(request: HttpRequest) -> HttpResponse:
    """The department's book-provision card (607-06) with the shortfall a head can turn into a request; the library
    picks the department to look at."""
    department = _department_for(request)
    if department is None:
        return render(request, "acquisitions/provision.html", {"department": None})
    library = request.user.is_superuser or request.user.has_role(*READERS_OF_FUND)
    disciplines = selectors.department_provision(department)
    shortfall = [row for _discipline, rows in disciplines for row in rows if row.shortfall]
    return render(request, "acquisitions/provision.html", {
        "department": department, "disciplines": disciplines, "shortfall": shortfall,
        "norms": selectors.provision_norms(),
        "departments": AcademicDepartment.objects.order_by("code") if library else None,
        "is_own": department.pk == request.user.academic_department_id and request.user.has_role(
            roles.DEPARTMENT_HEAD),
    })


@require_POST
@role_required(roles.DEPARTMENT_HEAD)
def provision_request(request: HttpRequest) -> HttpResponse:
    """One step from the shortfall list to a draft purchase request (607-07) of the head's department."""
    if not request.user.academic_department_id:
        raise PermissionDenied
    try:
        draft = services.shortfall_request_create(department=request.user.academic_department, user=request.user,
                                                  academic_year=timezone.localdate().year)
    except AcquisitionsError as error:
        messages.error(request, error.message)
        return redirect("acquisitions:provision")
    messages.success(request, _("A draft purchase request was made from the shortfall; check it and submit."))
    return redirect("acquisitions:request_detail", pk=draft.pk)


@role_required(roles.DEPARTMENT_HEAD, *READERS_OF_FUND)
def discipline_detail(request: HttpRequest, pk: int) -> HttpResponse:
    discipline = get_object_or_404(Discipline.objects.select_related("programme", "department"), pk=pk)
    if not (request.user.is_superuser or request.user.has_role(*READERS_OF_FUND)) and (
        discipline.department_id != request.user.academic_department_id
    ):
        raise Http404
    return render(request, "acquisitions/discipline.html", {
        "discipline": discipline, "rows": selectors.discipline_provision(discipline)})
