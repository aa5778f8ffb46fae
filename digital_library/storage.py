"""Where full-text files live: the "protected" storage of STORAGES (under MEDIA_ROOT, or in the private S3
bucket, core/storage_settings.py), with no public URL. Every read goes through the download view
(`views.file_deliver`), which checks the reader's right and counts the request."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from core.storage import storage_alias


class ProtectedFileStorage(FileSystemStorage):
    """MEDIA_ROOT storage that refuses to build a public URL, so no template can leak one by mistake."""

    def url(self, name):
        raise NotImplementedError("Full-text files have no public URL; link to digital_library:file_download.")


_protected = storage_alias("protected")


def protected_storage():
    """The field's storage: looked up lazily, so the S3 tests (and a deployment) choose it through STORAGES."""
    return _protected


def digital_file_path(instance, filename: str) -> str:
    """A random name under a dated folder: the reader's file name never decides where bytes are written."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    kind = getattr(instance, "kind", "") or "bin"
    today = timezone.localdate()
    return f"digital_library/{today:%Y/%m}/{uuid.uuid4().hex}{suffix or '.' + kind}"
