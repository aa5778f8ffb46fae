"""Pages of the approval chain (QP 607-2023 §5.1): the plans and reports a person sees, a plan's page with its
chain and history (the author submits and reads the remarks of a return; the approver of the waiting step decides),
and the approver's list of decisions waiting."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import access_rule, permission_rule

from . import selectors
from .constants import STAGE_PERMISSION, ApprovalDocument, ApprovalStage, PlanStatus, ReportStatus
from .exceptions import PlanningError
from .services import approval_decide, approval_may_decide, approval_may_submit, approval_submit

view_plans = permission_rule("planning.view_workplan")


@access_rule(view_plans)
def plans(request: HttpRequest) -> HttpResponse:
    """The plans and reports the person sees, with where each stands; `?returned=1` keeps the returned ones."""
    rows = selectors.visible_plans(request.user)
    only_returned = request.GET.get("returned") == "1"
    if only_returned:
        rows = rows.filter(Q(status=PlanStatus.RETURNED) | Q(report_status=ReportStatus.RETURNED))
    return render(request, "planning/plans.html", {"plans": rows, "only_returned": only_returned})


def _visible_plan(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.visible_plans(request.user), pk=pk)


@access_rule(view_plans)
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan's page: its lines, and for the plan and the report their chain, who decided, the history and the
    remarks of a return; the actions the person may take now."""
    work_plan = _visible_plan(request, pk)
    chains = selectors.plan_chains(work_plan)
    for chain in chains:
        chain.may_submit = approval_may_submit(request.user, work_plan, chain.document)
        chain.may_decide = approval_may_decide(request.user, work_plan, chain.document)
        pending = work_plan.pending_stage(chain.document)
        chain.is_council = pending == ApprovalStage.COUNCIL
        chain.approve_label = _("Agree") if pending == ApprovalStage.VICE_RECTOR else _("Approve")
        department = work_plan.department.code if work_plan.department_id else "library"
        code = "607-01" if chain.document == ApprovalDocument.PLAN else "607-02"
        chain.pdf_url = (reverse("forms_registry:form", args=[code]) + "?" + urlencode(
            {"year": work_plan.year, "period": work_plan.period, "department": department, "action": "pdf"}))
    editable = (work_plan.is_plan_editable or work_plan.is_report_editable) and request.user.has_perm(
        "planning.change_workplan")
    return render(request, "planning/plan.html", {
        "plan": work_plan, "activities": work_plan.activities.order_by("position", "id"), "chains": chains,
        "edit_url": reverse("admin:planning_workplan_change", args=[work_plan.pk]) if editable else "",
    })


@require_POST
@access_rule(view_plans)
def plan_step(request: HttpRequest, pk: int) -> HttpResponse:
    """One step of the chain: `action` is submit, approve (agree) or return; the service checks the permission of
    the step the document waits at."""
    work_plan = _visible_plan(request, pk)
    document = request.POST.get("document")
    action = request.POST.get("action")
    if document not in ApprovalDocument.values or action not in ("submit", "approve", "return"):
        raise Http404
    comment = request.POST.get("comment", "")
    try:
        if action == "submit":
            approval_submit(plan=work_plan, document=document, user=request.user, comment=comment)
        else:
            on = None
            if request.POST.get("decided_on"):
                try:
                    on = dt.date.fromisoformat(request.POST["decided_on"])
                except ValueError:
                    raise PlanningError(_("Enter the date of the decision.")) from None
            approval_decide(plan=work_plan, document=document, user=request.user, approve=action == "approve",
                            comment=comment, on=on, reference=request.POST.get("reference", ""))
    except PlanningError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Recorded."))
    return redirect("planning:plan", pk=work_plan.pk)


@access_rule(permission_rule(*STAGE_PERMISSION.values()))
def approvals(request: HttpRequest) -> HttpResponse:
    """The approver's queue: the plans and reports waiting at a step the person decides."""
    rows = []
    for work_plan in selectors.plans_awaiting_decision(request.user):
        waiting = [str(dict(ApprovalDocument.choices)[document]) for document in ApprovalDocument.values
                   if approval_may_decide(request.user, work_plan, document)]
        rows.append((work_plan, waiting))
    return render(request, "planning/approvals.html", {"rows": rows})
