"""Domain errors of circulation; each carries a translated message the desk or the cabinet shows."""

from __future__ import annotations


class CirculationError(Exception):
    """Base: a circulation rule refused the action. `str(error)` is the reason for the person."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))

    def __str__(self) -> str:
        return str(self.message)


class ReaderNotServed(CirculationError):
    """The reader is not registered for the current academic year, or has left."""


class BorrowingBlocked(CirculationError):
    """The reader owes the library (an overdue loan or an unreplaced lost copy)."""


class LoanRefused(CirculationError):
    """The copy cannot be lent (not available, held for someone else, over the limit, reading room only)."""


class RenewalRefused(CirculationError):
    """A loan or an order cannot be renewed."""


class ReservationRefused(CirculationError):
    """The order cannot be placed; the title was recorded as a refusal where that applies."""

    def __init__(self, message, refusal=None):
        super().__init__(message)
        self.refusal = refusal


class ReturnRefused(CirculationError):
    """The copy is not on loan."""


class ClearanceRefused(CirculationError):
    """The reader still owes the library, so no clearance certificate can be issued."""


class InvalidPhoto(CirculationError):
    """The reader's photo is not a real JPEG of a sensible size and 3×4 proportion."""


class ReturnNeedsConfirmation(CirculationError):
    """The copy was issued moments ago (within `RETURN_CONFIRM_WINDOW`): it is taken back only once the librarian
    confirms, so that a repeated scan does not silently close the loan just made."""

    def __init__(self, message, loan=None):
        super().__init__(message)
        self.loan = loan


class IllTransitionRefused(CirculationError):
    """An ILL/EDD request cannot move to that status from where it is (`ILL_TRANSITIONS`); on a bulk move
    `refused` lists the requests that could not, and nothing was changed."""

    def __init__(self, message, refused=()):
        super().__init__(message)
        self.refused = list(refused)


class PaidServiceRefused(CirculationError):
    """A paid service cannot be recorded, cancelled or priced (no price list in force, a wrong quantity)."""
