from __future__ import annotations

from core.forms import PeriodForm


class KpiPeriodForm(PeriodForm):
    """The KPI page's period: the current year up to today unless chosen (the previous period is compared too)."""
