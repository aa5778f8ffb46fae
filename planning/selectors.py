"""Reads of planning: the KPI table of section 7 for a period with the previous period beside it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.constants import Subprocess

from .constants import PlanStatus
from .indicators import INDICATORS, Indicator, previous_period
from .models import WorkPlan


@dataclass
class KpiRow:
    indicator: Indicator
    value: int | None
    previous: int | None
    url: str | None

    @property
    def change(self) -> int | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def change_percent(self) -> int | None:
        if self.change is None or not self.previous:
            return None
        return round(self.change * 100 / self.previous)


@dataclass
class KpiGroup:
    subprocess: str
    title: str
    rows: list[KpiRow]


def kpi_table(date_from: dt.date, date_to: dt.date) -> tuple[tuple[dt.date, dt.date], list[KpiGroup]]:
    """Every indicator for the period and for the period of the same length before it, by sub-process."""
    previous = previous_period(date_from, date_to)
    groups: dict[str, list[KpiRow]] = {}
    for indicator in INDICATORS.values():
        groups.setdefault(indicator.subprocess, []).append(KpiRow(
            indicator=indicator,
            value=indicator.compute(date_from, date_to),
            previous=indicator.compute(*previous),
            url=indicator.records_url(date_from, date_to),
        ))
    titles = dict(Subprocess.choices)
    ordered = [KpiGroup(key, str(titles[key]), groups[key]) for key in Subprocess.values if key in groups]
    return previous, ordered


# --- Work waiting on the staff home (planning/navigation.py) ----------------------------------------------------


def work_plans_to_approve_count() -> int:
    """Work plans (607-01) not approved yet."""
    return WorkPlan.objects.filter(status=PlanStatus.DRAFT).count()
