"""Reads of the originality checker that are more than a filter: the candidate-source search."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from django.db import connection, transaction

from .constants import (
    COMMON_FINGERPRINT_MIN_DOCUMENTS,
    COMMON_FINGERPRINT_SHARE,
    MAX_CANDIDATES,
    MIN_SHARED_FINGERPRINTS,
)
from .engine.report import SourceText
from .models import CollectionDocument, Fingerprint

_SQLITE_CHUNK = 900


def common_threshold(documents: int) -> int:
    return max(COMMON_FINGERPRINT_MIN_DOCUMENTS, math.ceil(COMMON_FINGERPRINT_SHARE * documents))


def _candidates_postgres(hashes, *, limit, minimum, exclude, common_over):
    table = Fingerprint._meta.db_table
    # One round trip: every fingerprint looked up through the (hash, document) index at once; the common
    # ones come back as such and do not count towards a document's rank.
    sql = f"""
        WITH hits AS MATERIALIZED (
            SELECT DISTINCT hash, document_id FROM {table} WHERE hash = ANY(%s::bigint[])
        ), common AS (
            SELECT hash FROM hits GROUP BY hash HAVING COUNT(*) > %s
        )
        SELECT 'common', hash, 0 FROM common
        UNION ALL
        (SELECT 'document', document_id, COUNT(*) FROM hits
         WHERE hash NOT IN (SELECT hash FROM common) AND NOT (document_id = ANY(%s::bigint[]))
         GROUP BY document_id HAVING COUNT(*) >= %s
         ORDER BY COUNT(*) DESC, document_id LIMIT %s)
    """  # noqa: S608 - the table name is the model's, every value is a parameter
    with transaction.atomic(), connection.cursor() as cursor:
        # The lookup is always selective (a few thousand hashes among millions), but right after a bulk load,
        # before autovacuum has analysed the table, the planner takes it for a scan of the whole table and
        # the check time grows with the collection. The index is the only sensible path, so it is imposed.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, [hashes, common_over, list(exclude), minimum, limit])
        rows = cursor.fetchall()
    return [row[1] for row in rows if row[0] == "document"], {row[1] for row in rows if row[0] == "common"}


def _candidates_portable(hashes, *, limit, minimum, exclude, common_over):
    documents_of_hash: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(hashes), _SQLITE_CHUNK):
        chunk = hashes[start: start + _SQLITE_CHUNK]
        for value, document_id in Fingerprint.objects.filter(hash__in=chunk).values_list("hash", "document_id"):
            documents_of_hash[value].add(document_id)
    shared: Counter[int] = Counter()
    common = set()
    for value, documents in documents_of_hash.items():
        if len(documents) > common_over:
            common.add(value)
            continue
        shared.update(documents - exclude)
    ranked = sorted(((count, -doc) for doc, count in shared.items() if count >= minimum), reverse=True)
    return [-negative for _count, negative in ranked[:limit]], common


def candidate_sources(
    hashes: list[int], *, limit: int = MAX_CANDIDATES, minimum: int = MIN_SHARED_FINGERPRINTS,
    exclude: set[int] | None = None,
) -> tuple[list[SourceText], set[int]]:
    """The collection documents sharing the most fingerprints with the given ones, best first, and the
    fingerprints among the given ones that are too common in the collection to mean anything."""
    unique = sorted(set(hashes))
    if not unique:
        return [], set()
    finder = _candidates_postgres if connection.vendor == "postgresql" else _candidates_portable
    common_over = common_threshold(CollectionDocument.objects.count())
    ids, common = finder(unique, limit=limit, minimum=minimum, exclude=exclude or set(), common_over=common_over)
    documents = CollectionDocument.objects.in_bulk(ids)
    sources = [
        SourceText(id=doc.pk, title=doc.title, text=doc.text, author_key=doc.author_key)
        for doc in (documents[i] for i in ids if i in documents)
    ]
    return sources, common


def checks_to_accept_count() -> int:
    """Finished checks whose work is not yet in the comparison collection: the digital library decides on them."""
    from .models import Check

    return Check.objects.filter(status=Check.Status.DONE, accepted_at__isnull=True).count()
