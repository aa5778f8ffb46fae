"""The daily entrance count (section 7's visits): one write path for the admin's form and the turnstile import."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ..models import DailyEntranceCount
from ..models.entrances import EntranceCountSource


@transaction.atomic
def entrance_count_record(*, day: dt.date, entrance: str, count: int, source: str = EntranceCountSource.ENTERED,
                          recorded_by=None, row: DailyEntranceCount | None = None) -> DailyEntranceCount:
    """Record the visitors of a day at an entrance: the day's figure there is replaced, never added to, so a
    turnstile file imported twice counts its visitors once. `row` is the row being corrected (the admin's change
    form); otherwise the day's row at that entrance is found or made. Checked (`full_clean`) before saving."""
    entrance = (entrance or "").strip()
    if row is None or row.pk is None:
        row = (DailyEntranceCount.objects.select_for_update().filter(day=day, entrance=entrance).first()
               or DailyEntranceCount())
    row.day, row.entrance, row.count, row.source, row.recorded_by = day, entrance, count, source, recorded_by
    row.full_clean()
    row.save()
    return row
