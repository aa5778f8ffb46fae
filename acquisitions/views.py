"""Pages of acquisitions: department requests, their review, the consolidated order."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.access import role_required

from . import selectors, services
from .constants import RequestKind, RequestStatus
from .exceptions import AcquisitionsError
from .forms import CorrectionForm, RefusalForm, RequestForm, SubscriptionYearForm, line_formset_class
from .models import AcquisitionRequest, ConsolidatedOrder, ConsolidatedOrderLine, RequestLine, StatusChange

HEAD = roles.DEPARTMENT_HEAD
LIBRARY = (roles.LIBRARIAN_ACQUISITIONS, roles.DIRECTOR)
ALL_ROLES = (HEAD, *LIBRARY, roles.VICE_RECTOR)


def _request_for(user, pk: int) -> AcquisitionRequest:
    """The request if this person may see it; another department's request does not exist for them."""
    return get_object_or_404(AcquisitionRequest.objects.visible_to(user).select_related("department"), pk=pk)


@role_required(*ALL_ROLES)
def request_list(request: HttpRequest) -> HttpResponse:
    requests = (
        AcquisitionRequest.objects.visible_to(request.user).select_related("department")
        .prefetch_related("lines")
    )
    return render(request, "acquisitions/request_list.html", {
        "requests": requests, "kinds": RequestKind.choices,
        "is_head": request.user.has_role(HEAD) and request.user.academic_department_id,
        "is_library": request.user.is_superuser or request.user.has_role(*LIBRARY),
    })


@role_required(HEAD)
def request_edit(request: HttpRequest, kind: str | None = None, pk: int | None = None) -> HttpResponse:
    """Create or edit a draft request of the head's own department, lines in a formset."""
    if not request.user.academic_department_id:
        raise PermissionDenied
    if pk is not None:
        instance = _request_for(request.user, pk)
        if instance.department_id != request.user.academic_department_id:
            raise Http404
        if not instance.is_draft:
            messages.error(request, _("A submitted request cannot be changed."))
            return redirect("acquisitions:request_detail", pk=instance.pk)
        kind = instance.kind
    else:
        if kind not in RequestKind.values:
            raise Http404
        instance = AcquisitionRequest(kind=kind, department_id=request.user.academic_department_id,
                                      created_by=request.user, academic_year=timezone.localdate().year)
    formset_class = line_formset_class(kind)
    form = RequestForm(request.POST or None, instance=instance)
    formset = formset_class(request.POST or None, instance=instance, prefix="lines")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            created = instance.pk is None
            saved = form.save()
            formset.instance = saved
            formset.save()
            if created:
                StatusChange.objects.create(request=saved, status=RequestStatus.DRAFT, actor=request.user)
        if "submit" in request.POST:
            try:
                services.request_submit(request=saved, user=request.user)
                messages.success(request, _("The request has been sent to the library."))
            except AcquisitionsError as error:
                messages.error(request, error.message)
        else:
            messages.success(request, _("The draft has been saved."))
        return redirect("acquisitions:request_detail", pk=saved.pk)
    return render(request, "acquisitions/request_form.html", {
        "form": form, "formset": formset, "kind_label": RequestKind(kind).label, "instance": instance,
    })


@role_required(*ALL_ROLES)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _request_for(request.user, pk)
    lines = obj.lines.select_related("order_line__order").prefetch_related(
        Prefetch("history", queryset=StatusChange.objects.select_related("actor"))
    )
    return render(request, "acquisitions/request_detail.html", {
        "obj": obj, "lines": lines, "history": obj.history.select_related("actor"),
        "can_edit": obj.is_draft and obj.department_id == request.user.academic_department_id,
    })


@require_POST
@role_required(HEAD)
def request_submit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _request_for(request.user, pk)
    if obj.department_id != request.user.academic_department_id:
        raise Http404
    try:
        services.request_submit(request=obj, user=request.user)
        messages.success(request, _("The request has been sent to the library."))
    except AcquisitionsError as error:
        messages.error(request, error.message)
    return redirect("acquisitions:request_detail", pk=obj.pk)


@role_required(*ALL_ROLES)
def request_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The printed request (607-07/08/10/11) of a request this person may see."""
    from forms_registry.renderer import render_form_pdf

    obj = _request_for(request.user, pk)
    pdf = render_form_pdf(obj.form_code, {"request_id": obj.pk})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{obj.form_code}-{obj.pk}.pdf"'
    return response


@role_required(*ALL_ROLES)
def holdings(request: HttpRequest) -> JsonResponse:
    """What the library already holds for a title being typed (the request form asks while one types)."""
    return JsonResponse({"results": selectors.holdings_matching(request.GET.get("q", ""))})


@role_required(*LIBRARY)
def review(request: HttpRequest) -> HttpResponse:
    """Submitted lines waiting for review, by kind: correct quantities, then build the consolidated order."""
    lines = selectors.lines_under_review().select_related("request__department")
    groups = [(kind, label, [line for line in lines if line.request.kind == kind]) for kind, label in
              RequestKind.choices]
    return render(request, "acquisitions/review.html", {
        "groups": [g for g in groups if g[2]], "correction_form": CorrectionForm(),
        "orders": ConsolidatedOrder.objects.all()[:20],
    })


@require_POST
@role_required(*LIBRARY)
def line_correct(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(RequestLine, pk=pk)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.request_line_correct(line=line, user=request.user, **form.cleaned_data)
            messages.success(request, _("The quantity has been corrected."))
        except AcquisitionsError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Give the number of copies and the reason."))
    return redirect("acquisitions:review")


@require_POST
@role_required(*LIBRARY)
def order_build(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in RequestKind.values:
        raise Http404
    try:
        order = services.order_build(kind=kind, user=request.user)
    except AcquisitionsError as error:
        messages.error(request, error.message)
        return redirect("acquisitions:review")
    messages.success(request, _("The consolidated order has been built."))
    return redirect("acquisitions:order_detail", pk=order.pk)


@role_required(*LIBRARY, roles.VICE_RECTOR)
def order_list(request: HttpRequest) -> HttpResponse:
    return render(request, "acquisitions/order_list.html", {"orders": ConsolidatedOrder.objects.all()})


@role_required(*LIBRARY, roles.VICE_RECTOR)
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(ConsolidatedOrder.objects.select_related("built_by", "agreed_by"), pk=pk)
    lines = order.lines.prefetch_related("request_lines__request__department")
    user = request.user
    return render(request, "acquisitions/order_detail.html", {
        "order": order, "lines": lines, "history": order.history.select_related("actor"),
        "can_agree": user.is_superuser or user.has_role(roles.VICE_RECTOR),
        "can_manage": user.is_superuser or user.has_role(roles.LIBRARIAN_ACQUISITIONS),
        "refusal_form": RefusalForm(),
        "subscription_form": SubscriptionYearForm(initial={"year": timezone.localdate().year + 1}),
    })


def _order_step(request: HttpRequest, pk: int, step, done: str) -> HttpResponse:
    """Move the order one step with its service and come back to it, saying what happened."""
    order = get_object_or_404(ConsolidatedOrder, pk=pk)
    try:
        step(order=order, user=request.user)
        messages.success(request, done)
    except AcquisitionsError as error:
        messages.error(request, error.message)
    return redirect("acquisitions:order_detail", pk=pk)


@require_POST
@role_required(roles.VICE_RECTOR)
def order_agree(request: HttpRequest, pk: int) -> HttpResponse:
    return _order_step(request, pk, services.order_agree, _("The consolidated order has been agreed."))


@require_POST
@role_required(roles.LIBRARIAN_ACQUISITIONS)
def order_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _order_step(request, pk, services.order_send_to_procurement, _("The order has been sent to procurement."))


@require_POST
@role_required(roles.LIBRARIAN_ACQUISITIONS)
def order_subscriptions(request: HttpRequest, pk: int) -> HttpResponse:
    """The consolidated subscription (607-09) of a year from an agreed subscription order; again changes nothing."""
    order = get_object_or_404(ConsolidatedOrder, pk=pk)
    form = SubscriptionYearForm(request.POST)
    try:
        if not form.is_valid():
            raise AcquisitionsError(_("Give the year of the subscription."))
        year = form.cleaned_data["year"]
        count = len(services.subscriptions_from_order(order=order, year=year))
        messages.success(request, ngettext(
            "%(count)s periodical is in the consolidated subscription of %(year)s.",
            "%(count)s periodicals are in the consolidated subscription of %(year)s.", count) % {
            "count": count, "year": year})
    except AcquisitionsError as error:
        messages.error(request, error.message)
    return redirect("acquisitions:order_detail", pk=pk)


@require_POST
@role_required(roles.LIBRARIAN_ACQUISITIONS)
def order_line_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    order_line = get_object_or_404(ConsolidatedOrderLine, pk=pk)
    try:
        if action == "ordered":
            services.order_line_mark_ordered(order_line=order_line, user=request.user)
        elif action == "refuse":
            form = RefusalForm(request.POST)
            if not form.is_valid():
                raise AcquisitionsError(_("A refusal needs a reason."))
            services.order_line_refuse(order_line=order_line, reason=form.cleaned_data["reason"], user=request.user)
        else:
            raise Http404
        messages.success(request, _("The line has been updated."))
    except AcquisitionsError as error:
        messages.error(request, error.message)
    return redirect("acquisitions:order_detail", pk=order_line.order_id)
