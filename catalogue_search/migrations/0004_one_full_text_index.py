"""One full-text index instead of two: title/author matches are found in `vector` by their weights (A, B), so
the title-and-authors vector and its GIN index go, and so does the ISBN index (ISBN queries use the bibliographic
record's own). Each new entry then costs one GIN insertion and one B-tree fewer."""

from django.db import migrations


def drop_head_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_head_fts")


def create_head_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX search_entry_head_fts ON catalogue_search_searchentry "
                              "USING gin (head_vector) WITH (fastupdate = on)")


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue_search', '0003_drop_indexes_no_query_needs'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='searchentry',
            name='search_entry_isbn',
        ),
        migrations.RunPython(drop_head_index, create_head_index),
        migrations.RemoveField(
            model_name='searchentry',
            name='head_vector',
        ),
    ]
