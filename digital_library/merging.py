"""The digital library's part of merging duplicate records (see `cataloguing.merging`): full texts, their
upload log, scanning requests and usage events follow the record kept."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import DigitalFile, FileUploadLog, ScanningRequest, UsageEvent

MODELS = ("digital_library.DigitalFile", "digital_library.FileUploadLog", "digital_library.ScanningRequest",
          "digital_library.UsageEvent")


def merge_check(keep, duplicate) -> list[str]:
    """The same file (the same bytes) is attached to a record once: it would be counted twice."""
    same = (DigitalFile.objects.filter(record=duplicate)
            .filter(sha256__in=DigitalFile.objects.filter(record=keep).values("sha256"))
            .values_list("original_name", flat=True))
    names = sorted({name or "—" for name in same})
    if names:
        return [_("The same full-text file is attached to both records (%(files)s): remove it from one of them "
                  "first.") % {"files": ", ".join(names)}]
    return []


def merge_move(keep, duplicate) -> int:
    moved = DigitalFile.objects.filter(record=duplicate).update(record=keep)
    moved += FileUploadLog.objects.filter(record=duplicate).update(record=keep)
    moved += ScanningRequest.objects.filter(record=duplicate).update(record=keep)
    moved += UsageEvent.objects.filter(record=duplicate).update(record=keep)
    return moved
