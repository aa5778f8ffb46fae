"""The effectiveness indicators of section 7 of QP 607-2023, computed from the data for any period.

`base` holds the registry and the ways of counting; each module below registers the indicators of its
sub-processes in the order the KPI table shows them. Planning sits at the top of the dependency order: it reads
each app's own selectors (the app's rule, which the app's pages use too) and counts plain rows by their own
choices, never by a model's name resolved at run time.
"""

from . import organisation, automation, services, storage  # noqa: F401, I001  (registration order = table order)
from .base import INDICATORS, Figure, Indicator, compute, compute_all, indicator_choices, previous_period
from .table import KpiGroup, KpiRow, kpi_table

__all__ = [
    "INDICATORS", "Figure", "Indicator", "KpiGroup", "KpiRow", "compute", "compute_all", "indicator_choices",
    "kpi_table", "previous_period",
]
