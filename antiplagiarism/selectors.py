"""Reads of the originality checker that are more than a filter: the candidate-source search."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db import connection

from .constants import COMMON_FINGERPRINT_DOCUMENTS, MAX_CANDIDATES, MIN_SHARED_FINGERPRINTS
from .engine.report import SourceText
from .models import CollectionDocument, Fingerprint

_SQLITE_CHUNK = 900


def _candidate_ids_postgres(hashes: list[int], *, limit: int, minimum: int, exclude: set[int]) -> list[int]:
    table = Fingerprint._meta.db_table
    # One round trip: every fingerprint looked up through the (hash, document) index at once; fingerprints
    # that occur in very many documents are boilerplate and do not make a document a candidate.
    sql = f"""
        WITH hits AS (
            SELECT DISTINCT hash, document_id FROM {table} WHERE hash = ANY(%s::bigint[])
        ), common AS (
            SELECT hash FROM hits GROUP BY hash HAVING COUNT(*) > %s
        )
        SELECT document_id, COUNT(*) AS shared FROM hits
        WHERE hash NOT IN (SELECT hash FROM common) AND NOT (document_id = ANY(%s::bigint[]))
        GROUP BY document_id HAVING COUNT(*) >= %s
        ORDER BY shared DESC, document_id LIMIT %s
    """  # noqa: S608 - the table name is the model's, every value is a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [hashes, COMMON_FINGERPRINT_DOCUMENTS, list(exclude), minimum, limit])
        return [row[0] for row in cursor.fetchall()]


def _candidate_ids_portable(hashes: list[int], *, limit: int, minimum: int, exclude: set[int]) -> list[int]:
    documents_of_hash: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(hashes), _SQLITE_CHUNK):
        chunk = hashes[start: start + _SQLITE_CHUNK]
        for value, document_id in Fingerprint.objects.filter(hash__in=chunk).values_list("hash", "document_id"):
            documents_of_hash[value].add(document_id)
    shared: Counter[int] = Counter()
    for documents in documents_of_hash.values():
        if len(documents) > COMMON_FINGERPRINT_DOCUMENTS:
            continue
        shared.update(documents - exclude)
    ranked = sorted(((count, -doc) for doc, count in shared.items() if count >= minimum), reverse=True)
    return [-negative for _count, negative in ranked[:limit]]


def candidate_sources(
    hashes: list[int], *, limit: int = MAX_CANDIDATES, minimum: int = MIN_SHARED_FINGERPRINTS,
    exclude: set[int] | None = None,
) -> list[SourceText]:
    """The collection documents sharing the most fingerprints with the given ones, best first."""
    unique = sorted(set(hashes))
    if not unique:
        return []
    finder = _candidate_ids_postgres if connection.vendor == "postgresql" else _candidate_ids_portable
    ids = finder(unique, limit=limit, minimum=minimum, exclude=exclude or set())
    documents = CollectionDocument.objects.in_bulk(ids)
    return [
        SourceText(id=doc.pk, title=doc.title, text=doc.text, author_key=doc.author_key)
        for doc in (documents[i] for i in ids if i in documents)
    ]
