"""The library stamp is marked at receipt for every copy (issue 17.5, QP 607 §5.2: «Қорға келіп түскен барлық
басылымдарға кітапхана мөрі басылады»).

Why the copies received before are marked stamped: the procedure stamps every copy when it is received, so a copy
with a date of receipt was stamped on that day, on paper, whether or not anyone ticked the box here (the box was
ticked by hand in technical processing, and often was not). The register now says what the procedure did: those
copies are stamped, on their day of receipt. A copy without a date of receipt (typed in by hand, the legacy fund)
is left as it was: nothing says when, or whether, it was stamped. One UPDATE, set-based.

The box "stamped" was also how cataloguing marked a copy's technical processing done (its queues "not yet
stamped" and "to hand over" read it). Now the receipt ticks it, so processing gets its own day, `processed_on`:
the copies ticked before this migration were processed, on their day of receipt (or of entry when typed in).
"""

from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Coalesce, TruncDate


def keep_processing_done(apps, schema_editor):
    Item = apps.get_model("cataloguing", "Item")
    Item.objects.filter(stamped=True, processed_on__isnull=True).update(
        processed_on=Coalesce(F("received_on"), TruncDate("created_at")))


def mark_received_copies_stamped(apps, schema_editor):
    Item = apps.get_model("cataloguing", "Item")
    Item.objects.filter(received_on__isnull=False).update(stamped=True, stamped_on=F("received_on"))


class Migration(migrations.Migration):

    dependencies = [
        ('cataloguing', '0012_record_quality_flags_and_import_batch'),
    ]

    operations = [
        migrations.AddField(
            model_name='item',
            name='stamped_on',
            field=models.DateField(blank=True, null=True, verbose_name='stamped on'),
        ),
        migrations.AddField(
            model_name='item',
            name='processed_on',
            field=models.DateField(blank=True, null=True, verbose_name='technical processing done on'),
        ),
        # Read the old meaning of the box before the receipt's meaning overwrites it.
        migrations.RunPython(keep_processing_done, migrations.RunPython.noop),
        # Back to 0012: the column goes, and the boxes ticked stay ticked (they are true).
        migrations.RunPython(mark_received_copies_stamped, migrations.RunPython.noop),
    ]
