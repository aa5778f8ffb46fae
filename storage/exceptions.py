from __future__ import annotations


class StorageError(Exception):
    """A rule of the storage department was broken; the message is translated."""
