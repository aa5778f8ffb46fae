"""Numbered forms of planning, registered with forms_registry."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.signatories import AGREE, APPROVE, approval, signatory
from forms_registry.examples import document_example
from forms_registry.registry import FormDataError, FormParam, document_params, registry, year_param

from .constants import ApprovalDocument, ApprovalStage, PlanPeriod
from .indicators import INDICATORS
from .models import ApprovalStep, InnovationCard, OutgoingLetter, WorkPlan

LIBRARY = "library"


def letterhead_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-04: an outgoing letter printed on the library letterhead."""
    try:
        letter = OutgoingLetter.objects.get(year=params["year"], number=params["number"])
    except OutgoingLetter.DoesNotExist:
        raise FormDataError(
            _("No outgoing letter № %(number)s of %(year)s is registered.") % params
        ) from None
    return {
        "letter": letter,
        "signatures": [{"position": letter.signatory_position, "name": letter.signatory_name}],
    }


registry.implement(
    "607-04",
    template="planning/forms/letterhead.html",
    build_context=letterhead_context,
    params=document_params(_("letter number")),
    permission="planning.view_outgoingletter",
    example=lambda: document_example(OutgoingLetter.objects.all()),
)


def _department_choices() -> list[tuple[str, str]]:
    from accounts.models import LibraryDepartment

    return [(LIBRARY, str(_("Scientific Library (consolidated)"))),
            *((d.code, d.name) for d in LibraryDepartment.objects.order_by("code"))]


def _period_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in PlanPeriod.choices]


PLAN_PARAMS = (
    year_param(),
    FormParam("period", _("period"), "choice", choices=_period_choices),
    FormParam("department", _("library department"), "choice", choices=_department_choices),
)


def _plan(params: dict[str, Any]) -> WorkPlan:
    plans = WorkPlan.objects.select_related("department", "created_by")
    lookup = {"year": params["year"], "period": params["period"]}
    if params["department"] == LIBRARY:
        lookup["department__isnull"] = True
    else:
        lookup["department__code"] = params["department"]
    try:
        return plans.get(**lookup)
    except WorkPlan.DoesNotExist:
        raise FormDataError(_("No work plan exists for this department and period.")) from None


def _decisions(plan: WorkPlan, document: str) -> dict[str, ApprovalStep]:
    """The decision that stands at each approver's step: the last positive one of the current round (a return
    sends the document back to the start, so decisions before it no longer stand)."""
    standing: dict[str, ApprovalStep] = {}
    for step in plan.approval_steps.filter(document=document).select_related("decided_by").order_by("recorded_at",
                                                                                                      "id"):
        if step.is_return:
            standing = {}
        elif step.stage != ApprovalStage.AUTHOR:
            standing[step.stage] = step
    return standing


def _approvals(plan: WorkPlan, document: str) -> list[dict[str, Any]]:
    """The БЕКІТЕМІН / КЕЛІСІЛДІ blocks of the document's chain (QP 607-2023 §5.1), each with who decided and when
    once they have; blank for a hand signature before."""
    standing = _decisions(plan, document)
    blocks = []
    for stage in plan.chain(document):
        step = standing.get(stage)
        person, on = (step.decided_by, step.decided_on) if step else (None, None)
        if stage == ApprovalStage.VICE_RECTOR:
            blocks.append(approval(AGREE, roles.VICE_RECTOR, person=person, on=on))
        elif stage == ApprovalStage.DIRECTOR:
            blocks.append(approval(APPROVE, roles.DIRECTOR, person=person, on=on))
        else:  # the Academic Council approves the library's annual report by its decision (502-02)
            minutes = f"хаттама № {step.reference}" if step and step.reference else "хаттама № ____"
            blocks.append({**approval(APPROVE, roles.DIRECTOR, on=on), "heading": "Бекітілді",
                           "position": "ҚазҰТЗУ Ғылыми кеңесінің шешімімен", "name": minutes})
    return blocks


def _plan_context(plan: WorkPlan, document: str) -> dict[str, Any]:
    activities = list(plan.activities.order_by("position", "id"))
    for activity in activities:
        indicator = INDICATORS.get(activity.indicator)
        activity.indicator_label_kk = indicator.label_kk if indicator else ""
    if plan.is_consolidated:
        owner = "Ғылыми кітапхана"
        # The director approves it above; under it signs who compiled it from the departments' plans.
        signer = {"position": (plan.created_by.position if plan.created_by else "") or "Құрастырған",
                  "name": plan.created_by.short_name if plan.created_by else ""}
    else:
        owner = plan.department.name_kk
        signer = {"position": f"{plan.department.name_kk} меңгерушісі",
                  "name": plan.created_by.short_name if plan.created_by else ""}
    period_kk = {"h1": "бірінші жартыжылдық", "h2": "екінші жартыжылдық", "year": "күнтізбелік жыл"}[plan.period]
    return {"plan": plan, "activities": activities, "owner_kk": owner, "period_kk": period_kk,
            "approvals": _approvals(plan, document), "signatures": [signer]}


def work_plan_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-01: the work plan of a department (or the library's consolidated plan) for a period."""
    plan = _plan(params)
    if not plan.activities.exists():
        raise FormDataError(_("The plan has no activities yet."))
    return _plan_context(plan, ApprovalDocument.PLAN)


def work_report_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-02: the report on the plan, with the actual figures (those from the data marked as such)."""
    plan = _plan(params)
    if not plan.activities.exists():
        raise FormDataError(_("The plan has no activities yet."))
    return _plan_context(plan, ApprovalDocument.REPORT)


def _plan_example() -> dict[str, Any] | None:
    """The plan printed by example: this year's (else the last year's) with activities, the library's consolidated
    plan before a department's."""
    plan = (WorkPlan.objects.filter(activities__isnull=False).select_related("department")
            .order_by("-year", F("department").asc(nulls_first=True), "period").first())
    if plan is None:
        return None
    department = plan.department.code if plan.department else LIBRARY
    return {"year": plan.year, "period": plan.period, "department": department}


registry.implement(
    "607-01", template="planning/forms/work_plan.html", build_context=work_plan_context, params=PLAN_PARAMS,
    permission="planning.view_workplan", orientation="landscape", example=_plan_example,
)
registry.implement(
    "607-02", template="planning/forms/work_report.html", build_context=work_report_context, params=PLAN_PARAMS,
    permission="planning.view_workplan", orientation="landscape", example=_plan_example,
)


def innovation_card_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-03: a card of implementation of an innovation or a best practice."""
    try:
        card = InnovationCard.objects.select_related("department").get(year=params["year"], number=params["number"])
    except InnovationCard.DoesNotExist:
        raise FormDataError(_("No innovation card № %(number)s of %(year)s is registered.") % params) from None
    return {
        "card": card,
        "signatures": [{"position": f"{card.department.name_kk} меңгерушісі", "name": ""},
                       signatory(roles.DIRECTOR)],
    }


registry.implement(
    "607-03", template="planning/forms/innovation_card.html", build_context=innovation_card_context,
    params=document_params(_("card number")),
    permission="planning.view_innovationcard",
    example=lambda: document_example(InnovationCard.objects.all()),
)

from . import storage_logs  # noqa: E402, F401  (607-52, 607-53: storage logs filled from circulation)
