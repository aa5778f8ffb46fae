"""Signals of storage that higher apps subscribe to.

`reading_out_of_norm(sender=ConditionReading, reading=...)`: a temperature/humidity reading outside its
room's norm was saved (entered, edited or imported). `risks` records it as an event of risk 6.1.

`weeding_list_confirmed(sender=WeedingList, weeding_list=..., confirmed_by=...)`: the librarian confirmed a weeding
list, inside the confirming transaction. `acquisitions` drafts its write-off act (607-22) from it (issue 17.5).
"""

from __future__ import annotations

from django.dispatch import Signal

reading_out_of_norm = Signal()
weeding_list_confirmed = Signal()


def announce_out_of_norm_reading(sender, instance, **kwargs) -> None:
    """post_save of ConditionReading: every way a reading is saved (admin, logger import, service) passes here."""
    if instance.is_out_of_norm and not kwargs.get("raw"):
        reading_out_of_norm.send(sender=type(instance), reading=instance)
