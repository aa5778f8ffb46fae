"""Signals of equipment that higher apps subscribe to.

`maintenance_overdue(sender=MaintenancePlan, plan=..., on=date)`: a planned maintenance is past its date on that
day (sent by the daily check for every overdue plan, each day it stays overdue). `risks` records it as an event
of risk 4.1 (a scanner) or 4.3 (other equipment), one per missed date (`MaintenancePlan.overdue_key`).
"""

from __future__ import annotations

from django.dispatch import Signal

maintenance_overdue = Signal()
