"""Domain errors of acquisitions; the message is translated and shown to the person as is."""

from __future__ import annotations


class AcquisitionsError(Exception):
    """A rule of sub-process 5.2 forbids this step."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))
