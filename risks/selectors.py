"""Reads of the risk register: the likelihood × impact matrix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .constants import Impact, Likelihood, MeasureStatus
from .models import Risk, RiskMeasure, severity_of


def matrix_cell(risk: Risk) -> tuple[int, int] | None:
    """The (likelihood, impact) cell a risk sits in; None while its likelihood is not assessed."""
    if risk.likelihood is None:
        return None
    return (risk.likelihood, risk.impact)


@dataclass
class MatrixCell:
    likelihood: int
    impact: int
    risks: list[Risk] = field(default_factory=list)

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def severity(self) -> str:
        return severity_of(self.score)


@dataclass
class RiskMatrix:
    """Rows from the most to the least likely; columns from negligible to high impact."""

    rows: list[tuple[int, str, list[MatrixCell]]]
    impacts: list[tuple[int, str]]
    unassessed: list[Risk]

    def cell(self, likelihood: int, impact: int) -> MatrixCell:
        for value, _label, cells in self.rows:
            if value == likelihood:
                return cells[impact - 1]
        raise KeyError((likelihood, impact))


def risk_matrix(risks: Iterable[Risk] | None = None) -> RiskMatrix:
    """Place each risk of the register in its likelihood × impact cell."""
    if risks is None:
        risks = Risk.objects.select_related("owner").order_by("code")
    cells = {
        (likelihood, impact): MatrixCell(likelihood, impact)
        for likelihood in Likelihood.values
        for impact in Impact.values
    }
    unassessed = []
    for risk in risks:
        position = matrix_cell(risk)
        if position is None:
            unassessed.append(risk)
        else:
            cells[position].risks.append(risk)
    rows = [
        (likelihood, label, [cells[(likelihood, impact)] for impact in Impact.values])
        for likelihood, label in reversed(Likelihood.choices)
    ]
    return RiskMatrix(rows=rows, impacts=list(Impact.choices), unassessed=unassessed)


# --- Work waiting on the staff home (risks/navigation.py) -------------------------------------------------------

OPEN_MEASURE_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)


def measures_overdue_count(day: dt.date) -> int:
    """Prevention measures still open after their deadline (as `RiskMeasure.is_overdue`)."""
    return RiskMeasure.objects.filter(status__in=OPEN_MEASURE_STATUSES, deadline__lt=day).count()
