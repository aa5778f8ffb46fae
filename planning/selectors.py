"""Reads of planning: the approval
chains of plans and reports and the work waiting on them, and the staff's qualification gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.roles import ROLE_LABELS

from .constants import (
    COMPILE_PERMISSION,
    PLAN_STATUS_AT,
    REPORT_STATUS_AT,
    STAGE_PERMISSION,
    ApprovalDocument,
    ApprovalStage,
    PlanStatus,
    QualificationGapKind,
    ReportStatus,
)
from .models import (
    ApprovalStep,
    LocalRegulation,
    RequiredTraining,
    StaffCertificate,
    TrainingProgramme,
    WorkPlan,
)

# --- Work waiting on the staff home (planning/navigation.py) ----------------------------------------------------


def _stage_statuses(user) -> Q:
    """The plans and reports that wait at a step `user` holds the permission of."""
    query = Q(pk__in=[])
    for stage, perm in STAGE_PERMISSION.items():
        if not user.has_perm(perm):
            continue
        if stage in PLAN_STATUS_AT:
            query |= Q(status=PLAN_STATUS_AT[stage])
        if stage in REPORT_STATUS_AT:
            query |= Q(report_status=REPORT_STATUS_AT[stage])
    return query


def plans_awaiting_decision(user):
    """The work plans whose plan or report waits for a decision `user` may take, oldest first."""
    return (WorkPlan.objects.filter(_stage_statuses(user)).select_related("department")
            .order_by("year", "period", "department__code"))


def work_plans_to_approve_count(user) -> int:
    """Plans and reports (607-01/02, 404-05, 502-02) waiting at a step this person decides."""
    return plans_awaiting_decision(user).count()


def regulations_revision_overdue_count(user=None) -> int:
    """Local regulations in force whose revision date has passed."""
    return LocalRegulation.objects.revision_overdue(timezone.localdate()).count()


def visible_plans(user):
    """The plans a person sees: the library's and their department's; all of them for the director, the
    vice-rector and the approvers."""
    plans = WorkPlan.objects.select_related("department").order_by("-year", "period", "department__code")
    if user.is_superuser or any(user.has_perm(perm) for perm in (*STAGE_PERMISSION.values(), COMPILE_PERMISSION)):
        return plans
    # The library's own plan is every librarian's to read; a department's, its own staff's.
    return plans.filter(Q(department__isnull=True) | Q(department_id=user.library_department_id))


@dataclass
class ChainStep:
    """One approver's step of a document's chain as the plan's page shows it."""

    stage: str
    label: str
    decision: ApprovalStep | None
    is_pending: bool


@dataclass
class DocumentChain:
    document: str
    label: str
    status_label: str
    steps: list[ChainStep]
    history: list[ApprovalStep]
    remarks: ApprovalStep | None  # the return the author must act on

    @property
    def is_returned(self) -> bool:
        return self.remarks is not None


def document_chain(plan: WorkPlan, document: str, history: list[ApprovalStep]) -> DocumentChain:
    """The chain of the plan or the report: its steps (who decided in the current round, which one waits), its
    whole history, and the remarks of the last return while the document is with its author."""
    steps = [step for step in history if step.document == document]
    standing: dict[str, ApprovalStep] = {}
    last_return = None
    for step in steps:
        if step.is_return:
            standing, last_return = {}, step
        elif step.stage != ApprovalStage.AUTHOR:
            standing[step.stage] = step
    pending = plan.pending_stage(document)
    labels = dict(ApprovalStage.choices)
    chain = [ChainStep(stage, str(labels[stage]), standing.get(stage), stage == pending)
             for stage in plan.chain(document)]
    is_returned = plan.status_of(document) in (PlanStatus.RETURNED, ReportStatus.RETURNED)
    status_label = (plan.get_status_display() if document == ApprovalDocument.PLAN
                    else plan.get_report_status_display())
    return DocumentChain(document, str(dict(ApprovalDocument.choices)[document]), status_label, chain, steps,
                         last_return if is_returned else None)


def plan_chains(plan: WorkPlan) -> list[DocumentChain]:
    history = list(plan.approval_steps.select_related("decided_by").order_by("recorded_at", "id"))
    return [document_chain(plan, document, history) for document in ApprovalDocument.values]


# --- Staff qualification (§5.1, section 7) -------------------------------------------------------------------


@dataclass(frozen=True)
class QualificationGap:
    person: User
    role: str
    role_label: str
    programme: TrainingProgramme
    kind: str  # QualificationGapKind
    expired_on: dt.date | None

    @property
    def kind_label(self) -> str:
        return str(QualificationGapKind(self.kind).label)

    @property
    def is_missing(self) -> bool:
        return self.kind == QualificationGapKind.MISSING


def qualification_gaps(on: dt.date) -> list[QualificationGap]:
    """Who lacks, on `on`, a training their role requires: never trained, or every certificate of it expired.
    Four queries whatever the staff's size: the requirements, the role holders, their certificates."""
    requirements: dict[str, list[TrainingProgramme]] = {}
    for required in RequiredTraining.objects.select_related("programme"):
        requirements.setdefault(required.role, []).append(required.programme)
    if not requirements:
        return []
    holders = (User.objects.filter(is_active=True, groups__name__in=list(requirements))
               .values_list("pk", "groups__name"))
    roles_of: dict[int, set[str]] = {}
    for user_id, role in holders:
        roles_of.setdefault(user_id, set()).add(role)
    people = User.objects.select_related("library_department").in_bulk(list(roles_of))
    latest: dict[tuple[int, int], StaffCertificate] = {}
    for certificate in (StaffCertificate.objects.filter(person_id__in=list(roles_of), programme__isnull=False,
                                                        completed_on__lte=on)
                        .order_by("completed_on", "id")):
        key = (certificate.person_id, certificate.programme_id)
        current = latest.get(key)
        # The certificate that lasts longest stands (one without an expiry outlasts all).
        if current is None or (current.valid_until is not None and (
                certificate.valid_until is None or certificate.valid_until >= current.valid_until)):
            latest[key] = certificate
    labels = dict(ROLE_LABELS)
    gaps = []
    for user_id, held in roles_of.items():
        person = people[user_id]
        for role in sorted(held):
            for programme in requirements.get(role, ()):
                certificate = latest.get((user_id, programme.pk))
                if certificate is None:
                    gaps.append(QualificationGap(person, role, str(labels[role]), programme,
                                                 QualificationGapKind.MISSING, None))
                elif not certificate.is_valid_on(on):
                    gaps.append(QualificationGap(person, role, str(labels[role]), programme,
                                                 QualificationGapKind.EXPIRED, certificate.valid_until))
    return sorted(gaps, key=lambda gap: (gap.person.last_name, gap.person.first_name, gap.role, gap.programme.code))
