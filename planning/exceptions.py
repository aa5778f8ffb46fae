from __future__ import annotations


class PlanningError(Exception):
    """A rule of planning was broken; the message is translated."""
