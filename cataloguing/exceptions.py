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


class RecordStale(CataloguingError):
    """The record or item was changed by someone else since the form was opened (optimistic version check).

    `changed_by` and `changed_at` name the other editor, so that the user can compare and re-apply."""

    def __init__(self, message: str, *, changed_by=None, changed_at=None):
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(message)


class RecordLocked(CataloguingError):
    """The record, or its catalogue database, is locked by an administrator: it is read-only."""


class LockError(CataloguingError):
    """A lock cannot be set or lifted (no right to, or it is already in that state)."""
