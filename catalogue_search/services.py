"""Keeping the search read model in step with cataloguing (issue 3, item 10).

Everything is set-based: one statement per batch of records, whatever the batch size, so that a MARC import
of 100 000 records or a full rebuild of a million costs a few hundred statements, not a million.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import Count, Q

from cataloguing.constants import AVAILABLE_STATUSES, NOT_IN_FUND_STATUSES
from cataloguing.models import BibliographicRecord, Item

from .classification import bbk_index_key
from .constants import MAX_VOCABULARY_WORD, MIN_VOCABULARY_WORD, REINDEX_BATCH
from .models import SearchEntry
from .normalize import fold_document

_RECORD_COLUMNS = ("id", "database_id", "year", "language", "document_type", "isbn", "udc", "title", "subtitle",
                   "authors", "subjects", "annotation", "marc")

# Per field: tsvector of the original text with the Russian config (Russian stemming for Cyrillic words,
# English stemming for ASCII words) plus the 'simple' tsvector of the script-neutral fold, each word at its Kazakh
# stem (`normalize.fold_document`, the same words SQLite's LIKE reads).
_VECTOR_SQL = (
    "setweight(to_tsvector('russian', r.title || ' ' || r.subtitle) || to_tsvector('simple', b.f_title), 'A')"
    " || setweight(to_tsvector('russian', r.authors) || to_tsvector('simple', b.f_authors), 'B')"
    " || setweight(to_tsvector('russian', r.subjects) || to_tsvector('simple', b.f_subjects), 'C')"
    " || setweight(to_tsvector('russian', r.annotation) || to_tsvector('simple', b.f_annotation), 'D')"
)

# Constant SQL fragments only; every value is a parameter. An entry whose text and figures did not change is
# not rewritten (no new row version, no GIN insertion): most signals are about a copy's status.
_UPSERT_SQL = f"""
INSERT INTO catalogue_search_searchentry
    (record_id, database_id, year, language, document_type, isbn, udc, bbk, folded_head, folded,
     items_count, available_count, vector, indexed_at)
SELECT r.id, r.database_id, r.year, r.language, r.document_type, r.isbn, r.udc, b.bbk,
       f.f_head, concat_ws(' ', NULLIF(f.f_head, ''), NULLIF(b.f_subjects, ''), NULLIF(b.f_annotation, '')),
       c.items, c.available, {_VECTOR_SQL}, now()
FROM (SELECT (e->>0)::bigint AS record_id, e->>1 AS f_title, e->>2 AS f_authors, e->>3 AS f_subjects,
             e->>4 AS f_annotation, e->>5 AS bbk
      FROM jsonb_array_elements(%s::jsonb) AS e) AS b
JOIN cataloguing_bibliographicrecord r ON r.id = b.record_id
CROSS JOIN LATERAL (SELECT concat_ws(' ', NULLIF(b.f_title, ''), NULLIF(b.f_authors, '')) AS f_head) f
CROSS JOIN LATERAL (SELECT count(i.id) FILTER (WHERE i.status <> ALL(%s::text[])) AS items,
                           count(i.id) FILTER (WHERE i.status = ANY(%s::text[])) AS available
                    FROM cataloguing_item i WHERE i.record_id = r.id) c
ON CONFLICT (record_id) DO UPDATE SET
    database_id = EXCLUDED.database_id, year = EXCLUDED.year, language = EXCLUDED.language,
    document_type = EXCLUDED.document_type, isbn = EXCLUDED.isbn, udc = EXCLUDED.udc, bbk = EXCLUDED.bbk,
    folded_head = EXCLUDED.folded_head, folded = EXCLUDED.folded, items_count = EXCLUDED.items_count,
    available_count = EXCLUDED.available_count, vector = EXCLUDED.vector,
    indexed_at = EXCLUDED.indexed_at
WHERE (catalogue_search_searchentry.folded, catalogue_search_searchentry.folded_head,
       catalogue_search_searchentry.database_id, catalogue_search_searchentry.year,
       catalogue_search_searchentry.language, catalogue_search_searchentry.document_type,
       catalogue_search_searchentry.isbn, catalogue_search_searchentry.udc, catalogue_search_searchentry.bbk,
       catalogue_search_searchentry.items_count, catalogue_search_searchentry.available_count)
      IS DISTINCT FROM (EXCLUDED.folded, EXCLUDED.folded_head, EXCLUDED.database_id, EXCLUDED.year,
                        EXCLUDED.language, EXCLUDED.document_type, EXCLUDED.isbn, EXCLUDED.udc, EXCLUDED.bbk,
                        EXCLUDED.items_count, EXCLUDED.available_count)
"""  # noqa: S608

# The batch's distinct words are picked in Python (a set over the folded texts): splitting and filtering
# twenty words a record in SQL cost more than the insert itself.
_VOCABULARY_SQL = """
INSERT INTO catalogue_search_searchword (word) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING
"""
_NUMBER = re.compile(r"[0-9]+")


def _batches(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _copy_counts(record_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(copies in the fund, copies on the shelf) per record, in one grouped query."""
    rows = (
        Item.objects.filter(record_id__in=record_ids)
        .values("record_id")
        .annotate(
            in_fund=Count("pk", filter=~Q(status__in=NOT_IN_FUND_STATUSES)),
            available=Count("pk", filter=Q(status__in=AVAILABLE_STATUSES)),
        )
        .order_by()
    )
    return {row["record_id"]: (row["in_fund"], row["available"]) for row in rows}


# One array parameter rather than a thousand placeholders to build, send and parse. The MARC is sent back only
# for records holding an 084 field (BBK), so that most records cost no MARC transfer or parsing.
_TEXTS_SQL = ("SELECT id, title, subtitle, authors, subjects, annotation,"
              " CASE WHEN strpos(marc::text, '\"084\"') > 0 THEN marc::text END"
              " FROM cataloguing_bibliographicrecord WHERE id = ANY(%s::bigint[]) AND withdrawn_at IS NULL")


def _reindex_postgres(record_ids: list[int]) -> set[int]:
    """Fold the records' text here, and let one statement do the rest (facets, copies, vectors); returns the
    ids of the records that exist."""
    with connection.cursor() as cursor:
        cursor.execute(_TEXTS_SQL, [record_ids])
        batch = [(pk, fold_document(_joined(title, subtitle)), fold_document(authors), fold_document(subjects),
                  fold_document(annotation), bbk_index_key(json.loads(marc)) if marc else "")
                 for pk, title, subtitle, authors, subjects, annotation, marc in cursor.fetchall()]
        if not batch:
            return set()
        # The batch travels as one JSON array of rows (json.dumps is C; psycopg adapts a list parameter element
        # by element in Python). The folded title-and-authors and whole-record texts are joined in SQL
        # (concat_ws, as _joined does): half the text to send.
        cursor.execute(_UPSERT_SQL, [json.dumps(batch, ensure_ascii=False), _NOT_IN_FUND, _AVAILABLE])
        words = _vocabulary([text for row in batch for text in row[1:5]])
        if words:
            cursor.execute(_VOCABULARY_SQL, [words])
    return {row[0] for row in batch}


def _folded_rows(record_ids: list[int]) -> list[dict]:
    records = BibliographicRecord.objects.public().filter(pk__in=record_ids).order_by().values_list(*_RECORD_COLUMNS)
    counts = _copy_counts(record_ids)
    rows = []
    for values in records:
        row = dict(zip(_RECORD_COLUMNS, values, strict=True))
        row["f_title"] = fold_document(_joined(row["title"], row["subtitle"]))
        row["f_authors"] = fold_document(row["authors"])
        row["f_subjects"] = fold_document(row["subjects"])
        row["f_annotation"] = fold_document(row["annotation"])
        row["bbk"] = bbk_index_key(row.pop("marc"))
        row["items"], row["available"] = counts.get(row["id"], (0, 0))
        rows.append(row)
    return rows


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _vocabulary(texts: list[str]) -> list[str]:
    """Distinct words of folded texts worth a place in the typo vocabulary (not too short or long, not
    numbers), sorted so that the index takes them in order."""
    words: set[str] = set()
    for text in texts:
        words.update(text.split(" "))
    return sorted(w for w in words if MIN_VOCABULARY_WORD <= len(w) <= MAX_VOCABULARY_WORD and not _NUMBER.fullmatch(w))


def _write_portable(rows: list[dict]) -> None:
    entries = []
    for row in rows:
        head = _joined(row["f_title"], row["f_authors"])
        entries.append(SearchEntry(
            record_id=row["id"], database_id=row["database_id"], year=row["year"], language=row["language"],
            document_type=row["document_type"], isbn=row["isbn"], udc=row["udc"], bbk=row["bbk"], folded_head=head,
            folded=_joined(head, row["f_subjects"], row["f_annotation"]), items_count=row["items"],
            available_count=row["available"],
        ))
    SearchEntry.objects.bulk_create(
        entries, update_conflicts=True, unique_fields=["record"],
        update_fields=["database", "year", "language", "document_type", "isbn", "udc", "bbk", "folded_head", "folded",
                       "items_count", "available_count", "indexed_at"],
    )


@transaction.atomic
def reindex_records(record_ids: Iterable[int], *, batch_size: int = REINDEX_BATCH) -> int:
    """Bring the search entries of these records in step with cataloguing: upsert the records that exist,
    drop the entries of records that no longer do (merged away) or are withdrawn (QP 607 §5.3: every copy
    written off; the public search, and SRU on it, no longer find them). Returns the number of entries written.

    One read and one write statement per batch, whatever the batch size (issue 3: sized for 1–2M copies).
    """
    ids = sorted({int(pk) for pk in record_ids})
    written = 0
    for batch in _batches(ids, batch_size):
        if connection.vendor == "postgresql":
            found = _reindex_postgres(batch)
        else:
            rows = _folded_rows(batch)
            if rows:
                _write_portable(rows)
            found = {row["id"] for row in rows}
        written += len(found)
        if len(found) < len(batch):
            SearchEntry.objects.filter(record_id__in=[pk for pk in batch if pk not in found]).delete()
    return written


# Recount in one statement (the desk's hot path: every issue and return ends here). Entries whose figures did
# not change are not rewritten; the ids of entries that were are returned.
_RECOUNT_SQL = """
UPDATE catalogue_search_searchentry e
SET items_count = c.in_fund, available_count = c.available
FROM (SELECT r.id,
             count(i.id) FILTER (WHERE i.status <> ALL(%s::text[])) AS in_fund,
             count(i.id) FILTER (WHERE i.status = ANY(%s::text[])) AS available
      FROM unnest(%s::bigint[]) AS r(id) LEFT JOIN cataloguing_item i ON i.record_id = r.id
      GROUP BY r.id) c
WHERE e.record_id = c.id AND (e.items_count, e.available_count) IS DISTINCT FROM (c.in_fund, c.available)
RETURNING e.record_id
"""


_NOT_IN_FUND = [str(status) for status in NOT_IN_FUND_STATUSES]  # plain strings, not enum members, for psycopg
_AVAILABLE = [str(status) for status in AVAILABLE_STATUSES]


def _recount_postgres(batch: list[int]) -> set[int]:
    """Recount copies of the batch's entries; returns the ids of the entries that were rewritten."""
    with connection.cursor() as cursor:
        cursor.execute(_RECOUNT_SQL, [_NOT_IN_FUND, _AVAILABLE, batch])
        return {row[0] for row in cursor.fetchall()}


def _recount_portable(batch: list[int]) -> set[int]:
    counts = _copy_counts(batch)
    existing = set(SearchEntry.objects.filter(record_id__in=batch).values_list("record_id", flat=True))
    by_counts: dict[tuple[int, int], list[int]] = {}
    for pk in existing:
        by_counts.setdefault(counts.get(pk, (0, 0)), []).append(pk)
    # One UPDATE per distinct (copies, available) pair: a handful even for a large batch.
    for (in_fund, available), pks in by_counts.items():
        SearchEntry.objects.filter(record_id__in=pks).exclude(
            items_count=in_fund, available_count=available
        ).update(items_count=in_fund, available_count=available)
    return existing


def refresh_availability(record_ids: Iterable[int]) -> None:
    """Recount copies and copies on the shelf of these records (their copies changed). Records without an
    entry yet get a full entry. On PostgreSQL one statement per batch when every entry exists (the desk)."""
    ids = sorted({int(pk) for pk in record_ids})
    for batch in _batches(ids, REINDEX_BATCH):
        if connection.vendor == "postgresql":
            seen = _recount_postgres(batch)
            if len(seen) < len(batch):
                # Not rewritten: either unchanged or without an entry yet.
                seen |= set(SearchEntry.objects.filter(record_id__in=[pk for pk in batch if pk not in seen])
                            .values_list("record_id", flat=True))
        else:
            with transaction.atomic():
                seen = _recount_portable(batch)
        missing = [pk for pk in batch if pk not in seen]
        if missing:
            reindex_records(missing)


def rebuild_search_index(*, batch_size: int = REINDEX_BATCH, full: bool = False,
                         progress: Callable[[int, int], None] | None = None) -> int:
    """Re-index every record, batch by batch in primary-key order (idempotent: entries are upserted).

    `full` also empties the vocabulary first and, on PostgreSQL, drops the GIN indexes for the duration
    and builds them again at the end (much faster than maintaining them row by row for a million records).
    """
    from .models import SearchWord

    total = BibliographicRecord.objects.count()
    dropped: list[str] = []
    if full:
        SearchWord.objects.all().delete()
        if connection.vendor == "postgresql":
            dropped = _drop_gin_indexes()
    done = 0
    last_id = 0
    try:
        while True:
            batch = list(
                BibliographicRecord.objects.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[
                    :batch_size
                ]
            )
            if not batch:
                break
            reindex_records(batch, batch_size=batch_size)
            last_id = batch[-1]
            done += len(batch)
            if progress:
                progress(done, total)
    finally:
        if dropped:
            _create_indexes(dropped)
    return done


def _drop_gin_indexes() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('catalogue_search_searchentry',"
            " 'catalogue_search_searchword') AND indexdef LIKE '%%USING gin%%'"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    return [definition for _name, definition in indexes]


def _create_indexes(definitions: list[str]) -> None:
    with connection.cursor() as cursor:
        # Deferred foreign-key checks of this transaction must run before CREATE INDEX may.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # A GIN build over a million tsvectors wants more than the default 64 MB of sort memory.
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")
        cursor.execute("ANALYZE catalogue_search_searchentry")
        cursor.execute("ANALYZE catalogue_search_searchword")

