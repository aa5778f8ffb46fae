"""Domain errors of the digital library; views and the admin show their (translated) message."""

from __future__ import annotations


class DigitalLibraryError(Exception):
    """Base of the app's domain errors."""


class FileRejected(DigitalLibraryError):
    """An upload is not a PDF/DjVu/EPUB/DOCX by its content, or is too large, or is already attached."""


class ScanningTransitionError(DigitalLibraryError):
    """A scanning request cannot move to the requested state from where it is."""


class BackupError(DigitalLibraryError):
    """A backup or a restore cannot be made (tool missing, target database not empty, archive broken)."""
