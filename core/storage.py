"""Media storage behind the STORAGES setting (core/storage_settings.py builds it from the environment).

Every read and write of a media file goes through Django's storage API (`field.open()`, `storage.open()`,
`storage.save()`), so the same code runs on MEDIA_ROOT and on an S3-compatible bucket. Nothing in the bucket
is public: no ACL is ever sent, and `url()` names no object (media are served only by the views that check
rights, which stream `storage.open()` through a FileResponse). The S3 classes are in core/storage_s3.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class StorageAlias(LazyObject):
    """`storages[alias]`, looked up on first use and again after a test overrides STORAGES (as Django does for
    `default_storage`), so a model field can hold it while the tests switch between disk and S3."""

    def __init__(self, alias: str):
        self.__dict__["_alias"] = alias
        super().__init__()

    def _setup(self) -> None:
        self._wrapped = storages[self.__dict__["_alias"]]


_aliases: list[StorageAlias] = []


def storage_alias(alias: str) -> StorageAlias:
    lazy = StorageAlias(alias)
    _aliases.append(lazy)
    return lazy


@receiver(setting_changed)
def _reset_aliases(*, setting: str, **kwargs) -> None:
    if setting in {"STORAGES", "MEDIA_ROOT"}:
        for lazy in _aliases:
            lazy._wrapped = empty


def is_remote(storage: Storage) -> bool:
    """True when the storage keeps no file on this machine's disk (S3): code needing a path copies first."""
    try:
        storage.path("probe")
    except NotImplementedError:
        return True
    return False


def walk_files(storage: Storage, directory: str = "") -> Iterator[str]:
    """Every file name under `directory`, through the storage API (a bucket has no real directories)."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    prefix = f"{directory.rstrip('/')}/" if directory else ""
    for name in sorted(files):
        yield f"{prefix}{name}"
    for sub in sorted(directories):
        yield from walk_files(storage, f"{prefix}{sub}")


def media_sizes(storage: Storage) -> list[tuple[str, int]]:
    """(name, size) of every file in the storage: one paginated listing on S3, a directory walk on disk."""
    bucket = getattr(storage, "bucket", None)
    if bucket is not None:  # django-storages' S3Storage: names are relative to its `location`
        prefix = f"{storage.location.strip('/')}/" if storage.location else ""
        return sorted((obj.key[len(prefix):], obj.size) for obj in bucket.objects.filter(Prefix=prefix)
                      if not obj.key.endswith("/"))
    return [(name, storage.size(name)) for name in walk_files(storage)]
