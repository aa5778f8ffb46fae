"""Risk events the system records itself, from signals of lower apps."""

from __future__ import annotations


def record_out_of_norm_reading(sender, reading, **kwargs) -> None:
    """storage.signals.reading_out_of_norm → an event of risk 6.1 ("storage conditions not kept")."""
    from .services import storage_reading_event_record

    storage_reading_event_record(reading=reading)


def record_overdue_maintenance(sender, plan, on, **kwargs) -> None:
    """equipment.signals.maintenance_overdue → an event of risk 4.1 (a scanner) or 4.3 (other equipment)."""
    from .services import equipment_maintenance_event_record

    equipment_maintenance_event_record(plan=plan, on=on)
