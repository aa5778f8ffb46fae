"""What a full-text file is, decided from its bytes (magic numbers and ZIP structure), never from its name."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

from core.safezip import SafeZip, upload_limits

from .choices import FileKind

PDF_MAGIC = b"%PDF-"
DJVU_MAGIC = b"AT&TFORM"
ZIP_MAGIC = b"PK\x03\x04"
EPUB_MIMETYPE = b"application/epub+zip"
# PDF 1.7 (ISO 32000-1, 7.5.2) lets readers accept the header anywhere in the first 1024 bytes.
PDF_HEADER_WINDOW = 1024


def detect_kind(stream: BinaryIO) -> str | None:
    """The `FileKind` of the file's content, or None when it is none of the accepted kinds.

    The stream is left positioned at its start. A zip package with more members than any book has raises
    `core.safezip.UnsafeArchive` (its directory is not even parsed).
    """
    stream.seek(0)
    head = stream.read(PDF_HEADER_WINDOW)
    stream.seek(0)
    if PDF_MAGIC in head:
        return FileKind.PDF
    if head.startswith(DJVU_MAGIC) and head[12:16] in (b"DJVU", b"DJVM"):
        return FileKind.DJVU
    if head.startswith(ZIP_MAGIC):
        kind = _zip_kind(stream)
        stream.seek(0)
        return kind
    return None


def _zip_kind(stream: BinaryIO) -> str | None:
    try:
        with SafeZip(stream, upload_limits()) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and "META-INF/container.xml" in names:
                with archive.open("mimetype") as mimetype:
                    if mimetype.read(65).strip() == EPUB_MIMETYPE:  # the real bytes, whatever the size field says
                        return FileKind.EPUB
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return FileKind.DOCX
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None
