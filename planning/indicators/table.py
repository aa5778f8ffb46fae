"""The KPI table of section 7: every indicator for a period beside the period before it. The page, its PDF and
the `kpi` command all read `kpi_table`, so they print the same figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from core.constants import Subprocess

from .base import INDICATORS, Figure, Indicator, compute_all, previous_period


@dataclass
class KpiRow:
    indicator: Indicator
    value: Figure
    previous: Figure
    url: str | None

    @property
    def change(self) -> Figure:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def change_percent(self) -> int | None:
        if self.change is None or not self.previous:
            return None
        return round(Decimal(self.change) * 100 / Decimal(self.previous))


@dataclass
class KpiGroup:
    subprocess: str
    title: str
    rows: list[KpiRow]


def kpi_table(date_from: dt.date, date_to: dt.date) -> tuple[tuple[dt.date, dt.date], list[KpiGroup]]:
    """Every indicator for the period and for the period of the same length before it, by sub-process."""
    previous = previous_period(date_from, date_to)
    figures = compute_all([(date_from, date_to), previous])
    groups: dict[str, list[KpiRow]] = {}
    for code, indicator in INDICATORS.items():
        value, before = figures[code]
        groups.setdefault(indicator.subprocess, []).append(
            KpiRow(indicator=indicator, value=value, previous=before, url=indicator.records_url(date_from, date_to)))
    titles = dict(Subprocess.choices)
    ordered = [KpiGroup(key, str(titles[key]), groups[key]) for key in Subprocess.values if key in groups]
    return previous, ordered
