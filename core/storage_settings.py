"""The STORAGES setting from the environment (read while settings load, so no storage backend is imported here).

Without `S3_BUCKET` every file stays under MEDIA_ROOT, as on a single server. With it, the media (full texts,
reader photos, uploaded works, generated books and PDFs, import files) and the off-site backups go to an
S3-compatible bucket through django-storages: private objects only (no ACL is sent, so the bucket's own
"private" default applies), every URL signed and short-lived, and no download that bypasses the views that
check rights (see core/storage.py).
"""

from __future__ import annotations

from typing import Any

LOCAL_MEDIA = "django.core.files.storage.FileSystemStorage"
LOCAL_PROTECTED = "digital_library.storage.ProtectedFileStorage"
S3_MEDIA = "core.storage_s3.PrivateS3Storage"
S3_PROTECTED = "core.storage_s3.ProtectedS3Storage"
S3_BACKUPS = "core.storage_s3.PrivateS3Storage"
# Signed URLs (only ever issued after a view checked the right to the file) expire after this long.
DEFAULT_SIGNED_URL_SECONDS = 60


def s3_options(
    *, bucket: str, endpoint_url: str = "", access_key: str = "", secret_key: str = "", region: str = "",
    location: str = "", signed_url_seconds: int = DEFAULT_SIGNED_URL_SECONDS,
) -> dict[str, Any]:
    """django-storages' S3Storage options for a private bucket (an empty value leaves boto3 its own default)."""
    options: dict[str, Any] = {
        "bucket_name": bucket,
        # No ACL header at all: the object inherits the bucket's private default (and buckets with
        # "object ownership: bucket owner enforced" refuse any ACL anyway).
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": signed_url_seconds,
        # Two uploads of "photo.jpg" never overwrite each other: the second gets a suffix, as on disk.
        "file_overwrite": False,
        "location": location,
    }
    if endpoint_url:
        # MinIO, Ceph, moto and most non-AWS stores serve buckets under the path, not as sub-domains.
        options.update(endpoint_url=endpoint_url, addressing_style="path")
    if access_key:
        options["access_key"] = access_key
    if secret_key:
        options["secret_key"] = secret_key
    if region:
        options["region_name"] = region
    return options


def storages_setting(
    *, static_backend: str, bucket: str = "", endpoint_url: str = "", access_key: str = "", secret_key: str = "",
    region: str = "", signed_url_seconds: int = DEFAULT_SIGNED_URL_SECONDS,
) -> dict[str, dict[str, Any]]:
    """Django's STORAGES: "default" (media), "protected" (full texts: no URL at all) and "backups"."""
    storages: dict[str, dict[str, Any]] = {"staticfiles": {"BACKEND": static_backend}}
    if not bucket:
        storages["default"] = {"BACKEND": LOCAL_MEDIA}
        storages["protected"] = {"BACKEND": LOCAL_PROTECTED}
        return storages
    common = {"bucket": bucket, "endpoint_url": endpoint_url, "access_key": access_key, "secret_key": secret_key,
              "region": region, "signed_url_seconds": signed_url_seconds}
    storages["default"] = {"BACKEND": S3_MEDIA, "OPTIONS": s3_options(**common, location="media")}
    storages["protected"] = {"BACKEND": S3_PROTECTED, "OPTIONS": s3_options(**common, location="media")}
    storages["backups"] = {"BACKEND": S3_BACKUPS, "OPTIONS": s3_options(**common, location="backups")}
    return storages
