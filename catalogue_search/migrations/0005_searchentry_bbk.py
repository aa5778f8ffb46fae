"""BBK class numbers in the search entry (issue 14: class numbers as shown find their records).

The entries of records that already carry a BBK number (MARC 084) are filled here; only those records' MARC
is read (the rest keep the empty default). On PostgreSQL a pattern index serves BBK prefix queries, as the
UDC one does.
"""

import json

from django.db import migrations, models

BBK_INDEX = "CREATE INDEX search_entry_bbk_prefix ON catalogue_search_searchentry (bbk varchar_pattern_ops)"
BATCH = 2000


def fill_bbk(apps, schema_editor):
    from catalogue_search.classification import bbk_index_key

    connection = schema_editor.connection
    entry_model = apps.get_model("catalogue_search", "SearchEntry")
    # json on PostgreSQL, text on SQLite: either way the record's MARC as text.
    marc_text = "marc::text" if connection.vendor == "postgresql" else "marc"
    find = "strpos" if connection.vendor == "postgresql" else "instr"
    last_id = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, {marc_text} FROM cataloguing_bibliographicrecord"  # noqa: S608  (constants only)
                f" WHERE id > %s AND {find}({marc_text}, %s) > 0 ORDER BY id LIMIT %s",
                [last_id, '"084"', BATCH],
            )
            rows = cursor.fetchall()
        if not rows:
            break
        for record_id, marc in rows:
            key = bbk_index_key(json.loads(marc) if isinstance(marc, str) else marc)
            if key:
                entry_model.objects.filter(record_id=record_id).update(bbk=key)
        last_id = rows[-1][0]
    if connection.vendor == "postgresql":
        schema_editor.execute(BBK_INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_bbk_prefix")


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue_search", "0004_one_full_text_index"),
        ("cataloguing", "0010_marc_import_queued_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="bbk",
            field=models.CharField(blank=True, default="", max_length=255, verbose_name="BBK"),
        ),
        migrations.RunPython(fill_bbk, drop_index),
    ]
