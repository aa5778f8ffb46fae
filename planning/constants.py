"""Policy values and vocabularies of planning (QP 607-2023 §5.1, section 7)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.constants import YearPart

LETTER_SERIES = "outgoing-letter"
INNOVATION_CARD_SERIES = "innovation-card"
COUNCIL_MINUTES_SERIES = "methodological-council-minutes"


# A plan covers a half-year or the calendar year.
PlanPeriod = YearPart


class PlanStatus(models.TextChoices):
    """Where a plan (607-01) is on its approval chain (§5.1): with its author, at an approver, or approved."""

    DRAFT = "draft", _("draft")
    RETURNED = "returned", _("returned to the author")
    AT_VICE_RECTOR = "at_vice_rector", _("awaiting the vice-rector's agreement")
    AT_DIRECTOR = "at_director", _("awaiting the director's approval")
    APPROVED = "approved", _("approved")


class ReportStatus(models.TextChoices):
    """Where a report (607-02) is on its approval chain: the library's annual report ends at the Academic
    Council (502-02)."""

    NOT_STARTED = "not_started", _("not started")
    DRAFT = "draft", _("being written")
    RETURNED = "returned", _("returned to the author")
    AT_DIRECTOR = "at_director", _("awaiting the director's approval")
    AT_COUNCIL = "at_council", _("awaiting the Academic Council's approval")
    APPROVED = "approved", _("approved")


class ApprovalDocument(models.TextChoices):
    PLAN = "plan", _("work plan")
    REPORT = "report", _("report")


class ApprovalStage(models.TextChoices):
    """Who acts at a step of the chain: the author submits; the director approves a department's plan and
    report; the vice-rector agrees the library's plan (404-05); the Academic Council approves the library's
    annual report (502-02)."""

    AUTHOR = "author", _("author")
    VICE_RECTOR = "vice_rector", _("vice-rector")
    DIRECTOR = "director", _("library director")
    COUNCIL = "council", _("Academic Council")


class ApprovalDecision(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    AGREED = "agreed", _("agreed")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned with remarks")


# The permission each approver's step needs (accounts/roles.py grants them).
STAGE_PERMISSION = {
    ApprovalStage.DIRECTOR: "planning.approve_plan_as_director",
    ApprovalStage.VICE_RECTOR: "planning.agree_plan_as_vice_rector",
    ApprovalStage.COUNCIL: "planning.record_council_approval",
}
# Compiling and submitting the library's consolidated plan and report.
COMPILE_PERMISSION = "planning.compile_library_plan"
# The decision that moves a step on: the vice-rector agrees, the director and the Council approve.
STAGE_POSITIVE_DECISION = {
    ApprovalStage.DIRECTOR: ApprovalDecision.APPROVED,
    ApprovalStage.VICE_RECTOR: ApprovalDecision.AGREED,
    ApprovalStage.COUNCIL: ApprovalDecision.APPROVED,
}
PLAN_STATUS_AT = {ApprovalStage.DIRECTOR: PlanStatus.AT_DIRECTOR, ApprovalStage.VICE_RECTOR: PlanStatus.AT_VICE_RECTOR}
REPORT_STATUS_AT = {ApprovalStage.DIRECTOR: ReportStatus.AT_DIRECTOR, ApprovalStage.COUNCIL: ReportStatus.AT_COUNCIL}
PLAN_EDITABLE = (PlanStatus.DRAFT, PlanStatus.RETURNED)
REPORT_EDITABLE = (ReportStatus.NOT_STARTED, ReportStatus.DRAFT, ReportStatus.RETURNED)
# Days before a deadline of the planning calendar when its reminder goes out, unless the deadline says otherwise.
DEFAULT_REMIND_DAYS_BEFORE = 7


class ReminderStatus(models.TextChoices):
    """Where an e-mail reminder is: sent by a Celery task with retries; a failure stays in the log."""

    QUEUED = "queued", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    NO_ADDRESS = "no_address", _("no e-mail address")


class QualificationPlanStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    DONE = "done", _("done")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")


class RegulationKind(models.TextChoices):
    REGULATION = "regulation", _("regulation")
    INSTRUCTION = "instruction", _("instruction")
    RULES = "rules", _("rules")
    PROCEDURE = "procedure", _("procedure")


class RegulationStatus(models.TextChoices):
    IN_FORCE = "in_force", _("in force")
    WITHDRAWN = "withdrawn", _("withdrawn")


class QualificationGapKind(models.TextChoices):
    MISSING = "missing", _("never trained")
    EXPIRED = "expired", _("certificate expired")


class FigureSource(models.TextChoices):
    DATA = "data", _("from the system's data")
    ENTERED = "entered", _("entered by hand")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


OPEN_FOLLOW_UP = (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS)


class InnovationKind(models.TextChoices):
    INNOVATION = "innovation", _("innovation")
    BEST_PRACTICE = "best_practice", _("best practice")


class InnovationStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    IMPLEMENTING = "implementing", _("being implemented")
    IMPLEMENTED = "implemented", _("implemented")
    REJECTED = "rejected", _("rejected")


class ImprovementSource(models.TextChoices):
    """The three loops of continuous improvement named by section 7."""

    BOOK_PROVISION = "book_provision", _("analysis of book provision")
    FEEDBACK = "feedback", _("surveys and feedback")
    REPORTS = "reports", _("reports")
    OTHER = "other", _("other")


class StaffDevelopmentKind(models.TextChoices):
    TRAINING = "training", _("staff training")
    SEMINAR = "seminar", _("seminar or workshop")
    CONFERENCE = "conference", _("conference")
    METHODICAL_MATERIAL = "methodical", _("methodical material")
    CERTIFICATION = "certification", _("certification")
