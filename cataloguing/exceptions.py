"""Domain errors of cataloguing; their messages are translated and shown to the user as they are."""

from __future__ import annotations


class CataloguingError(Exception):
    """Base of the app's domain errors."""


class RecordInvalid(CataloguingError):
    """A record fails quality control; `errors` maps a library field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {' '.join(str(m) for m in msgs)}" for field, msgs in errors.items()))


class MergeNotAllowed(CataloguingError):
    """Two records cannot be merged (the same record, or different databases policies)."""


class TransferError(CataloguingError):
    """A transfer slip cannot be made or accepted."""


class UdcRequestError(CataloguingError):
    """A UDC request cannot be answered."""


class ItemError(CataloguingError):
    """An item cannot be created or changed as asked."""
