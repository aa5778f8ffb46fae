"""Domain errors of the originality checker, with messages the operator reads."""

from __future__ import annotations


class AntiplagiarismError(Exception):
    """Base of the domain errors; the message is translated and shown as is."""


class AccessCodeRefused(AntiplagiarismError):
    """The code does not exist, is not the operator's, is revoked, expired, not yet valid or used up."""


class CheckNotAllowed(AntiplagiarismError):
    """The check cannot be accepted, run or viewed in its current state."""


class UnreadableWork(AntiplagiarismError):
    """The submitted file cannot be read as PDF, DOCX, ODT, RTF or text."""
