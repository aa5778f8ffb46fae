"""Import/export formats of the registers (settings.IMPORT_EXPORT_FORMATS).

Imported from the settings module: nothing here may import models.
"""

from __future__ import annotations

from import_export.formats.base_formats import XLSX

from .safezip import upload_limits, verify_zip


class SafeXLSX(XLSX):
    """XLSX whose package is measured member by member (real decompressed sizes, member count, ratio,
    nested archives) before openpyxl opens it: openpyxl trusts the package and would expand a bomb in
    memory. Every import reads through here, the admin's own preview and `core.imports` jobs alike; a
    refused file raises `core.safezip.UnsafeArchive` with the reason."""

    def create_dataset(self, in_stream):
        verify_zip(in_stream, upload_limits())
        return super().create_dataset(in_stream)
