"""Policy values of the risk register (section 6 of QP 607-2023)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

# A risk is reviewed at least once a year; the next review date is set this far after the last one.
REVIEW_INTERVAL = dt.timedelta(days=365)

# The register of section 6: the out-of-norm storage reading is the one event the system records itself.
STORAGE_CONDITIONS_RISK = "6.1"
LIBRARY_SYSTEM_FAILURE_RISK = "3.1"
SCANNER_FAILURE_RISK = "4.1"


class Impact(models.IntegerChoices):
    """Impact levels named by section 6."""

    NEGLIGIBLE = 1, _("negligible")
    MEDIUM = 2, _("medium")
    HIGH = 3, _("high")


class Likelihood(models.IntegerChoices):
    RARE = 1, _("rare")
    UNLIKELY = 2, _("unlikely")
    POSSIBLE = 3, _("possible")
    LIKELY = 4, _("likely")
    ALMOST_CERTAIN = 5, _("almost certain")


class Severity(models.TextChoices):
    LOW = "low", _("low")
    MODERATE = "moderate", _("moderate")
    SEVERE = "severe", _("severe")


# Bands of likelihood × impact (1…15): the matrix colours its cells by them.
SEVERITY_BANDS: tuple[tuple[int, str], ...] = ((3, Severity.LOW), (8, Severity.MODERATE), (15, Severity.SEVERE))


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class EventSource(models.TextChoices):
    MANUAL = "manual", _("entered by staff")
    AUTOMATIC = "automatic", _("recorded by the system")


# Planned equipment maintenance past its date (equipment.signals.maintenance_overdue): a scanner's is risk 4.1
# ("scanner failure"), any other unit's risk 4.3 (equipment not kept up to users' expectations).
EQUIPMENT_RISK = "4.3"
