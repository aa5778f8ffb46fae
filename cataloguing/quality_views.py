"""The cataloguer's quality-control queue (issue 17.2, QP 607 §5.3: the database's creators control record quality):
records imported although they break a completeness rule, with counts by reason, filters by reason and import
batch, and a link to edit each one; a save that brings a record up to the rules takes it off the queue."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accounts.access import roles_rule
from accounts.roles import LIBRARIAN_CATALOGUING
from core.access import access_rule, all_of, permission_rule

from .models import BibliographicRecord, MarcImport
from .quality import QualityReason, reason_labels

QUEUE_PAGE_SIZE = 50
# Who works the queue: the cataloguers who may edit records (the link to each record is the admin's edit page).
quality_queue_rule = all_of(roles_rule(LIBRARIAN_CATALOGUING),
                            permission_rule("cataloguing.change_bibliographicrecord"))


def flagged_count() -> int:
    """Records in the quality-control queue (the staff home's count; the partial index `cat_record_flagged`)."""
    return BibliographicRecord.objects.flagged().count()


def _reason_counts() -> dict[str, int]:
    """Flagged records per reason, in one query."""
    counts = BibliographicRecord.objects.flagged().aggregate(**{
        code: Count("pk", filter=Q(quality_flags__has_key=code)) for code in QualityReason.values})
    return {code: counts[code] for code in QualityReason.values}


def _batches() -> list[tuple[MarcImport, int]]:
    """The import batches that still have flagged records, newest first, with how many."""
    per_batch = dict(BibliographicRecord.objects.flagged().filter(import_batch__isnull=False)
                     .values_list("import_batch").annotate(n=Count("pk")).order_by())
    batches = MarcImport.objects.filter(pk__in=list(per_batch)).order_by("-created_at")
    return [(batch, per_batch[batch.pk]) for batch in batches]


@access_rule(quality_queue_rule)
def quality_queue(request: HttpRequest) -> HttpResponse:
    """The queue: every flagged record, or those of one reason and/or one import batch."""
    reason = request.GET.get("reason", "")
    reason = reason if reason in QualityReason.values else ""
    batch = request.GET.get("batch", "")
    batch = int(batch) if batch.isdigit() else None
    records = BibliographicRecord.objects.flagged()
    if reason:
        records = records.filter(quality_flags__has_key=reason)
    if batch is not None:
        records = records.filter(import_batch_id=batch)
    records = (records.select_related("database", "import_batch")
               .only("pk", "control_number", "title", "first_author", "year", "quality_flags", "import_batch",
                     "database__code", "database__name_kk", "database__name_ru", "database__name_en",
                     "import_batch__file", "import_batch__created_at")
               .order_by("-pk"))
    page = Paginator(records, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"record": record, "reasons": reason_labels(record.quality_flags),
             "edit_url": reverse("admin:cataloguing_bibliographicrecord_change", args=[record.pk])}
            for record in page]
    counts = _reason_counts()
    return render(request, "cataloguing/quality_queue.html", {
        "page": page, "rows": rows, "flagged_total": flagged_count(),
        "reasons": [(code, label, counts[code]) for code, label in QualityReason.choices if counts[code]],
        "batches": _batches(), "reason": reason, "batch": batch,
        "filtered_query": "&".join(part for part in (f"reason={reason}" if reason else "",
                                                     f"batch={batch}" if batch is not None else "") if part),
    })
