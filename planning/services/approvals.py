"""The approval chain of plans and reports (QP 607-2023 §5.1). A department's plan (607-01) and report (607-02) go
to the library's director; the library's consolidated plan is agreed with the supervising vice-rector (404-05) and
then approved by the director; the library's annual report is approved by the Academic Council (502-02), whose
decision the secretary or the director records. Each step checks its own permission and is kept as an
`ApprovalStep`; a return sends the document back to its author with the remarks."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import (
    COMPILE_PERMISSION,
    PLAN_STATUS_AT,
    REPORT_STATUS_AT,
    STAGE_PERMISSION,
    STAGE_POSITIVE_DECISION,
    ApprovalDecision,
    ApprovalDocument,
    ApprovalStage,
    PlanStatus,
    ReportStatus,
)
from ..exceptions import PlanningError
from ..models import ApprovalStep, WorkPlan


def approval_may_submit(user, plan: WorkPlan, document: str) -> bool:
    """Whether `user` may send the plan or report into its chain: a librarian of the department that owns it
    (with the right to change plans), or for the library's plan whoever compiles it."""
    if not user.is_authenticated or not plan.is_with_author(document):
        return False
    if plan.is_consolidated:
        return user.has_perm(COMPILE_PERMISSION)
    return user.has_perm("planning.change_workplan") and (
        user.library_department_id == plan.department_id or user.has_perm(COMPILE_PERMISSION))


def approval_may_decide(user, plan: WorkPlan, document: str) -> bool:
    """Whether `user` may decide the step the plan or report waits at: the step's own permission."""
    stage = plan.pending_stage(document)
    return stage is not None and user.is_authenticated and user.has_perm(STAGE_PERMISSION[stage])


def _set_status(plan: WorkPlan, document: str, status: str) -> None:
    field = "status" if document == ApprovalDocument.PLAN else "report_status"
    setattr(plan, field, status)
    plan.save(update_fields=[field, "updated_at"])


def _at(document: str, stage: str) -> str:
    return (PLAN_STATUS_AT if document == ApprovalDocument.PLAN else REPORT_STATUS_AT)[stage]


def _approved(document: str) -> str:
    return PlanStatus.APPROVED if document == ApprovalDocument.PLAN else ReportStatus.APPROVED


def _locked(plan: WorkPlan) -> WorkPlan:
    # Two approvers clicking at once: the second sees the first's decision and is refused.
    return WorkPlan.objects.select_for_update(of=("self",)).select_related("department").get(pk=plan.pk)


@transaction.atomic
def approval_submit(*, plan: WorkPlan, document: str, user, comment: str = "",
                    on: dt.date | None = None) -> ApprovalStep:
    """The author sends a draft or a returned plan/report to the first step of its chain."""
    plan = _locked(plan)
    if not plan.is_with_author(document):
        raise PlanningError(_("It is already with its approvers."))
    if not approval_may_submit(user, plan, document):
        raise PlanningError(_("You may not submit this document."))
    if not plan.activities.exists():
        raise PlanningError(_("A plan without activities cannot be submitted."))
    if document == ApprovalDocument.REPORT and not plan.is_plan_approved:
        raise PlanningError(_("The report is submitted once its plan is approved."))
    step = ApprovalStep.objects.create(
        plan=plan, document=document, stage=ApprovalStage.AUTHOR, decision=ApprovalDecision.SUBMITTED,
        decided_by=user, decided_on=on or timezone.localdate(), comment=comment.strip(),
    )
    _set_status(plan, document, _at(document, plan.chain(document)[0]))
    return step


@transaction.atomic
def approval_decide(*, plan: WorkPlan, document: str, user, approve: bool, comment: str = "",
                    on: dt.date | None = None, reference: str = "") -> ApprovalStep:
    """The approver of the step the document waits at approves (agrees) it, passing it to the next step or
    ending the chain, or returns it to its author with remarks (required)."""
    plan = _locked(plan)
    stage = plan.pending_stage(document)
    if stage is None:
        raise PlanningError(_("Nothing waits for a decision on this document."))
    if not user.has_perm(STAGE_PERMISSION[stage]):
        raise PlanningError(_("This step needs a permission you do not hold."))
    comment = comment.strip()
    if not approve and not comment:
        raise PlanningError(_("Write the remarks the author is to act on."))
    step = ApprovalStep.objects.create(
        plan=plan, document=document, stage=stage,
        decision=STAGE_POSITIVE_DECISION[stage] if approve else ApprovalDecision.RETURNED,
        decided_by=user, decided_on=on or timezone.localdate(), comment=comment, reference=reference.strip(),
    )
    if not approve:
        _set_status(plan, document, PlanStatus.RETURNED if document == ApprovalDocument.PLAN
                    else ReportStatus.RETURNED)
        return step
    chain = plan.chain(document)
    following = chain[chain.index(stage) + 1:]
    _set_status(plan, document, _at(document, following[0]) if following else _approved(document))
    return step
