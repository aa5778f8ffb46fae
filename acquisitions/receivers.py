"""What acquisitions does on the signals of lower apps (connected in `AcquisitionsConfig.ready`)."""

from __future__ import annotations


def draft_write_off_of_weeding_list(sender, weeding_list, confirmed_by=None, **kwargs) -> None:
    """storage.signals.weeding_list_confirmed → the list's draft write-off act (607-22, issue 17.5)."""
    from .services import write_off_handoff_weeding

    write_off_handoff_weeding(weeding_list=weeding_list, user=confirmed_by)
