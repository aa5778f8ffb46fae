from __future__ import annotations


class EquipmentError(Exception):
    """A rule of the equipment register or of a request was broken; the message is translated."""
