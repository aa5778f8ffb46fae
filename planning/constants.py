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
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    DRAFT = "draft", _("being written")
    SUBMITTED = "submitted", _("submitted")


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
