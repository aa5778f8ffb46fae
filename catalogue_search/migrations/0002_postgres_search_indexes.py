"""PostgreSQL-only parts of the search read model: pg_trgm, the GIN indexes and the UDC prefix index.

On SQLite (demo) these are skipped: search there reads `folded` with LIKE. The rebuild command reads the
definitions back from pg_indexes when it drops and recreates them around a full rebuild.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTGRES_INDEXES = {
    # Full text, title and authors only: the first tier of candidates.
    "search_entry_head_fts": "CREATE INDEX search_entry_head_fts ON catalogue_search_searchentry "
    "USING gin (head_vector) WITH (fastupdate = on)",
    # Full text over every field: the second tier.
    "search_entry_fts": "CREATE INDEX search_entry_fts ON catalogue_search_searchentry "
    "USING gin (vector) WITH (fastupdate = on)",
    # UDC prefix queries ("622.2" finds 622.24 and 622.276) whatever the database collation.
    "search_entry_udc_prefix": "CREATE INDEX search_entry_udc_prefix ON catalogue_search_searchentry "
    "(udc varchar_pattern_ops)",
    # Typo fallback: similar vocabulary words.
    "search_word_trgm": "CREATE INDEX search_word_trgm ON catalogue_search_searchword USING gin (word gin_trgm_ops)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in POSTGRES_INDEXES.values():
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in POSTGRES_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalogue_search", "0001_search_entry")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
