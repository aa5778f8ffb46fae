"""Policy values of the storage department (QP 607-2023 §5.6, section 7)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# Paper documents in storage, GOST 7.50-2002: 18 ± 2 °C and 55 ± 5 % relative humidity (inclusive bounds).
DEFAULT_TEMPERATURE = Decimal("18.0")
DEFAULT_TEMPERATURE_TOLERANCE = Decimal("2.0")
DEFAULT_HUMIDITY = Decimal("55.0")
DEFAULT_HUMIDITY_TOLERANCE = Decimal("5.0")

INSPECTION_ACT_SERIES = "storage-inspection-act"

# Weeding (selection for write-off, list 607-23): defaults a librarian may change for each run.
WEEDING_NO_LOAN_YEARS = 10
WEEDING_SURPLUS_COPIES = 10


class LocationKind(models.TextChoices):
    BUILDING = "building", _("building")
    ROOM = "room", _("storage room")
    HALL = "hall", _("hall")
    SHELF = "shelf", _("shelf")
    SERVICE_POINT = "service_point", _("service point")


class ServicePointKind(models.TextChoices):
    LOAN_DESK = "loan_desk", _("loan desk")
    READING_ROOM = "reading_room", _("reading room")
    OTHER = "other", _("other")


class InspectionKind(models.TextChoices):
    SANITARY = "sanitary", _("sanitary inspection")
    FIRE_SAFETY = "fire_safety", _("fire-safety inspection")


class PrescriptionStatus(models.TextChoices):
    NONE = "none", _("no prescriptions")
    OPEN = "open", _("prescriptions open")
    DONE = "done", _("prescriptions fulfilled")


class CopyCondition(models.TextChoices):
    GOOD = "good", _("good")
    WORN = "worn", _("worn")
    DAMAGED = "damaged", _("damaged beyond repair")


class WeedingRule(models.TextChoices):
    NO_LOANS = "no_loans", _("not lent for N years")
    OUTDATED = "outdated", _("outdated for its subject")
    SURPLUS = "surplus", _("surplus copies")
    WORN = "worn", _("worn or damaged")


class WeedingReason(models.TextChoices):
    """Why a rule proposed a copy; kept with its figures and worded when shown (`WeedingCandidate.reason_text`)."""

    NOT_LENT_SINCE = "not_lent_since", _("not lent since a date")
    NEVER_LENT = "never_lent", _("never lent")
    OUTDATED = "outdated", _("outdated for its subject")
    SURPLUS = "surplus", _("surplus copies")
    WORN = "worn", _("worn or damaged")


class WeedingListStatus(models.TextChoices):
    DRAFT = "draft", _("being checked")
    CONFIRMED = "confirmed", _("confirmed")


class CandidateDecision(models.TextChoices):
    PENDING = "pending", _("not decided")
    WRITE_OFF = "write_off", _("write off")
    KEEP = "keep", _("keep in the fund")
