"""S3 storages of the media and backups (django-storages over boto3), chosen by core/storage_settings.py.

Nothing in the bucket is public: no ACL is ever sent, and `url()` names no object, so media are served only by
the views that check rights, which stream `storage.open()` to the client.
"""

from __future__ import annotations

from django.conf import settings
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """A private bucket: objects carry no ACL, and `url()` names no object, as MEDIA_URL does on disk."""

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        # Same answer as FileSystemStorage under MEDIA_URL = "/media-not-public/": a link that serves nothing,
        # so an admin widget that shows "currently: …" never hands out a working address of the bucket.
        return f"{settings.MEDIA_URL}{name}"


class ProtectedS3Storage(PrivateS3Storage):
    """Full texts: like the local ProtectedFileStorage, no URL of any kind can be built from a template."""

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        raise NotImplementedError("Full-text files have no public URL; link to digital_library:file_download.")
