"""Risk events the system records itself, from signals of lower apps."""

from __future__ import annotations


def record_out_of_norm_reading(sender, reading, **kwargs) -> None:
    """storage.signals.reading_out_of_norm → an event of risk 6.1 ("storage conditions not kept")."""
    from .services import storage_reading_event_record

    storage_reading_event_record(reading=reading)
