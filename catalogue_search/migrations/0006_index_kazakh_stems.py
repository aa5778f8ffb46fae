"""The search index holds each word's Kazakh stem (issue 21): existing entries are folded again.

Queries are now folded to stems (`normalize.search_words`), so an entry written before would miss its inflected
words until re-indexed. Every entry's folded texts (and on PostgreSQL its vector, the same expression as
`services._VECTOR_SQL` at this migration) are rewritten in batches from its record, and the typo vocabulary is
refilled with stems. On PostgreSQL the full-text and trigram GIN indexes are dropped for the duration and built
again at the end, as `rebuild_search_index --full` does: 1,000,000 entries take a few minutes (bench/README.md,
«Kazakh stemming»). A catalogue without entries costs nothing. Reversing keeps the stems (harmless: the old code
would simply miss inflected words until `rebuild_search_index` runs).
"""

import json
import re

from django.db import migrations

BATCH = 5000
MIN_WORD, MAX_WORD = 3, 64
NUMBER = re.compile(r"[0-9]+")

GIN_INDEXES = {
    "search_entry_fts": "CREATE INDEX search_entry_fts ON catalogue_search_searchentry "
    "USING gin (vector) WITH (fastupdate = on)",
    "search_word_trgm": "CREATE INDEX search_word_trgm ON catalogue_search_searchword USING gin (word gin_trgm_ops)",
}

REFOLD_SQL = """
UPDATE catalogue_search_searchentry e
SET folded_head = h.f_head,
    folded = concat_ws(' ', NULLIF(h.f_head, ''), NULLIF(b.f_subjects, ''), NULLIF(b.f_annotation, '')),
    vector = setweight(to_tsvector('russian', r.title || ' ' || r.subtitle) || to_tsvector('simple', b.f_title), 'A')
          || setweight(to_tsvector('russian', r.authors) || to_tsvector('simple', b.f_authors), 'B')
          || setweight(to_tsvector('russian', r.subjects) || to_tsvector('simple', b.f_subjects), 'C')
          || setweight(to_tsvector('russian', r.annotation) || to_tsvector('simple', b.f_annotation), 'D')
FROM (SELECT (x->>0)::bigint AS record_id, x->>1 AS f_title, x->>2 AS f_authors, x->>3 AS f_subjects,
             x->>4 AS f_annotation
      FROM jsonb_array_elements(%s::jsonb) AS x) AS b
JOIN cataloguing_bibliographicrecord r ON r.id = b.record_id
CROSS JOIN LATERAL (SELECT concat_ws(' ', NULLIF(b.f_title, ''), NULLIF(b.f_authors, '')) AS f_head) h
WHERE e.record_id = b.record_id
"""

TEXTS_SQL = (
    "SELECT r.id, r.title, r.subtitle, r.authors, r.subjects, r.annotation"
    " FROM catalogue_search_searchentry e JOIN cataloguing_bibliographicrecord r ON r.id = e.record_id"
    # Both sides bounded: a merge join would otherwise walk the records' key from the first one every batch.
    " WHERE e.record_id > %s AND r.id > %s ORDER BY e.record_id LIMIT %s"
)


def _joined(*parts):
    return " ".join(part for part in parts if part)


def refold_entries(apps, schema_editor):
    from catalogue_search.normalize import fold_document

    connection = schema_editor.connection
    entry_model = apps.get_model("catalogue_search", "SearchEntry")
    word_model = apps.get_model("catalogue_search", "SearchWord")
    if not entry_model.objects.exists():
        return
    postgres = connection.vendor == "postgresql"
    word_model.objects.all().delete()
    if postgres:
        for name in GIN_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    last_id = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(TEXTS_SQL, [last_id, last_id, BATCH])
            rows = cursor.fetchall()
        if not rows:
            break
        batch = [(pk, fold_document(_joined(title, subtitle)), fold_document(authors), fold_document(subjects),
                  fold_document(annotation)) for pk, title, subtitle, authors, subjects, annotation in rows]
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(REFOLD_SQL, [json.dumps(batch, ensure_ascii=False)])
        else:
            entries = []
            for pk, f_title, f_authors, f_subjects, f_annotation in batch:
                head = _joined(f_title, f_authors)
                entries.append(entry_model(record_id=pk, folded_head=head,
                                           folded=_joined(head, f_subjects, f_annotation)))
            entry_model.objects.bulk_update(entries, ["folded_head", "folded"])
        words = set()
        for row in batch:
            for text in row[1:]:
                words.update(text.split(" "))
        word_model.objects.bulk_create(
            [word_model(word=w) for w in sorted(words)
             if MIN_WORD <= len(w) <= MAX_WORD and not NUMBER.fullmatch(w)],
            ignore_conflicts=True,
        )
        last_id = rows[-1][0]
    if postgres:
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET maintenance_work_mem = '512MB'")
        for definition in GIN_INDEXES.values():
            schema_editor.execute(definition)
        schema_editor.execute("RESET maintenance_work_mem")
        schema_editor.execute("ANALYZE catalogue_search_searchentry")
        schema_editor.execute("ANALYZE catalogue_search_searchword")


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue_search", "0005_searchentry_bbk"),
    ]

    operations = [
        migrations.RunPython(refold_entries, migrations.RunPython.noop, elidable=True),
    ]
