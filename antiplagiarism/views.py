"""Operator pages: enter the access code, submit a work, follow the check, read and accept the report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.roles import LIBRARIAN_DIGITAL, PLAGIARISM_OPERATOR, SYSADMIN
from forms_registry.renderer import UNIVERSITY_NAME_KK, html_to_pdf

from . import services
from .constants import SESSION_CODE_KEY
from .exceptions import AntiplagiarismError
from .forms import AccessCodeForm, CheckSubmitForm
from .models import AccessCode, Check
from .presentation import report_context

REPORT_ROLES = (PLAGIARISM_OPERATOR, LIBRARIAN_DIGITAL, SYSADMIN)


def _visible_check(request: HttpRequest, pk: int) -> Check:
    """An operator sees their own checks; the digital library's staff and the administrator see all."""
    check = get_object_or_404(
        Check.objects.select_related("operator", "access_code", "department", "accepted_by"), pk=pk
    )
    user = request.user
    if check.operator_id != user.pk and not (user.is_superuser or user.has_role(LIBRARIAN_DIGITAL, SYSADMIN)):
        raise PermissionDenied
    return check


def _session_code(request: HttpRequest) -> AccessCode | None:
    code_id = request.session.get(SESSION_CODE_KEY)
    if not code_id:
        return None
    return AccessCode.objects.filter(pk=code_id, operator=request.user).first()


@role_required(PLAGIARISM_OPERATOR)
def checks(request: HttpRequest) -> HttpResponse:
    """The operator's checks and their codes."""
    today = timezone.localdate()
    codes = AccessCode.objects.filter(operator=request.user).with_used().select_related("department")
    return render(request, "antiplagiarism/checks.html", {
        "checks": Check.objects.of_operator(request.user).select_related("department")[:200],
        "codes": [(code, code.refusal(today)) for code in codes],
        "session_code": _session_code(request),
    })


@role_required(PLAGIARISM_OPERATOR)
def code_entry(request: HttpRequest) -> HttpResponse:
    """The operator types their personal code; a valid, unexpired, unrevoked code with quota left opens the form."""
    form = AccessCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            code = services.access_code_verify(operator=request.user, code=form.cleaned_data["code"])
        except AntiplagiarismError as exc:
            form.add_error("code", str(exc))
        else:
            request.session[SESSION_CODE_KEY] = code.pk
            return redirect("antiplagiarism:check_new")
    return render(request, "antiplagiarism/code.html", {"form": form})


@role_required(PLAGIARISM_OPERATOR)
def check_new(request: HttpRequest) -> HttpResponse:
    code = _session_code(request)
    if code is None:
        return redirect("antiplagiarism:code")
    refusal = code.refusal(timezone.localdate())
    if refusal:
        request.session.pop(SESSION_CODE_KEY, None)
        messages.error(request, refusal)
        return redirect("antiplagiarism:code")
    form = CheckSubmitForm(request.POST or None, request.FILES or None, initial={"department": code.department_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = services.check_submit(
                operator=request.user, code=code.code, title=data["title"], author=data["author"],
                department=data["department"], work_type=data["work_type"], upload=data["file"],
            )
        except AntiplagiarismError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("antiplagiarism:check", pk=check.pk)
    return render(request, "antiplagiarism/check_new.html", {"form": form, "code": code})


@role_required(*REPORT_ROLES)
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = _visible_check(request, pk)
    # "All my checks" is the operator's list: shown only to whom that page admits (the library reads reports too).
    is_operator = checks.access_rule(request.user)
    if check.status != Check.Status.DONE:
        return render(request, "antiplagiarism/check_progress.html", {"check": check, "is_operator": is_operator})
    return render(request, "antiplagiarism/report.html", {**report_context(check), "is_operator": is_operator})


@role_required(*REPORT_ROLES)
def check_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Polled by the progress page."""
    check = _visible_check(request, pk)
    return JsonResponse({
        "status": check.status, "progress": check.progress, "stage": check.stage, "finished": check.is_finished,
        "error": check.error_text,
    })


@role_required(*REPORT_ROLES)
def check_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    check = _visible_check(request, pk)
    if check.status != Check.Status.DONE:
        raise PermissionDenied
    # The university named as on every printed form (one source: the forms registry's title block).
    context = report_context(check) | {"university_name": UNIVERSITY_NAME_KK}
    html = render(request, "antiplagiarism/report_pdf.html", context).content.decode()
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="originality-report-{check.pk}.pdf"'
    return response


@require_POST
@role_required(PLAGIARISM_OPERATOR, LIBRARIAN_DIGITAL, SYSADMIN)
def check_accept(request: HttpRequest, pk: int) -> HttpResponse:
    check = _visible_check(request, pk)
    # The operator accepts their own check; anyone else accepting a work into the collection changes the
    # register of checks and needs its change permission (seeing every check is not enough).
    if check.operator_id != request.user.pk and not request.user.has_perm("antiplagiarism.change_check"):
        raise PermissionDenied
    try:
        services.check_accept(check=check, by=request.user)
    except AntiplagiarismError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The work has been added to the collection."))
    return redirect("antiplagiarism:check", pk=check.pk)
