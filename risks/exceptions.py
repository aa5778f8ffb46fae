from __future__ import annotations


class RiskError(Exception):
    """A rule of the risk register was broken; the message is translated."""


class UnknownRisk(RiskError):
    """No risk with this number is in the register."""
