"""`records_withdrawal_sync`: a record whose copies are all written off leaves the public catalogue (QP 607 §5.3).

"Records and cards of written-off editions are removed" from the catalogue readers use; the library keeps the
record for the fund's history (the inventory book and the acts name its copies), so it is marked withdrawn rather
than deleted: `BibliographicRecord.withdrawn_at`. The public search (its read model drops the entry), the record
page, SRU and OAI-PMH (a deleted record dated by it) read that mark. A copy back in the fund (a new receipt, a
merge bringing copies) clears it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from ..constants import ItemStatus
from ..models import BibliographicRecord, Item
from ..signals import send_record_changed


def records_withdrawal_sync(*, record_ids: Iterable[int], at: dt.datetime | None = None) -> tuple[int, int]:
    """Mark withdrawn the records among `record_ids` that have copies and every one written off, and clear the
    mark of those that have a copy in the fund again. Set-based: one query reads both states for all the
    records, then at most one UPDATE each way, whatever the number of records or copies. A record without any
    copy (an article, an e-resource, one just catalogued) is never withdrawn. Sends `record_changed` for the
    records whose mark changed (the search entry goes or comes back). Returns (withdrawn, returned)."""
    ids = sorted({int(pk) for pk in record_ids if pk is not None})
    if not ids:
        return 0, 0
    copies = Item.objects.filter(record=OuterRef("pk"))
    rows = (BibliographicRecord.objects.filter(pk__in=ids).order_by()
            .annotate(has_copies=Exists(copies),
                      in_fund=Exists(copies.exclude(status=ItemStatus.WRITTEN_OFF)))
            .values_list("pk", "withdrawn_at", "has_copies", "in_fund"))
    to_withdraw, to_return = [], []
    for pk, withdrawn_at, has_copies, in_fund in rows:
        if withdrawn_at is None and has_copies and not in_fund:
            to_withdraw.append(pk)
        elif withdrawn_at is not None and in_fund:
            to_return.append(pk)
    at = at or timezone.now()
    # Set-based writers raise the version themselves (models.VersionedSave); `updated_at` moves with the change.
    if to_withdraw:
        BibliographicRecord.objects.filter(pk__in=to_withdraw).update(
            withdrawn_at=at, updated_at=at, version=F("version") + 1)
    if to_return:
        BibliographicRecord.objects.filter(pk__in=to_return).update(
            withdrawn_at=None, updated_at=at, version=F("version") + 1)
    send_record_changed([*to_withdraw, *to_return])
    return len(to_withdraw), len(to_return)


def records_withdrawal_sweep(*, batch_size: int = 5000) -> int:
    """Withdraw the records already left without a copy in the fund (written off before withdrawal existed, or by
    a write outside the acts): the candidates read along the primary key a batch at a time, each batch withdrawn
    by `records_withdrawal_sync` in its own transaction (so that its `record_changed` goes out with it).
    Idempotent: a second run finds nothing. Returns the number of records withdrawn."""
    written_off = Item.objects.filter(record=OuterRef("pk"), status=ItemStatus.WRITTEN_OFF)
    in_fund = Item.objects.filter(record=OuterRef("pk")).exclude(status=ItemStatus.WRITTEN_OFF)
    candidates = (BibliographicRecord.objects.filter(withdrawn_at__isnull=True)
                  .filter(Exists(written_off)).exclude(Exists(in_fund)).order_by("pk"))
    withdrawn = 0
    last_id = 0
    while True:
        batch = list(candidates.filter(pk__gt=last_id).values_list("pk", flat=True)[:batch_size])
        if not batch:
            return withdrawn
        with transaction.atomic():
            withdrawn += records_withdrawal_sync(record_ids=batch)[0]
        last_id = batch[-1]
