"""The library stamp is marked at receipt for every copy (issue 17.5, QP 607 §5.2: «Қорға келіп түскен барлық
басылымдарға кітапхана мөрі басылады»).

Why the copies received before are marked stamped: the procedure stamps every copy when it is received, so a copy
with a date of receipt was stamped on that day, on paper, whether or not anyone ticked the box here (the box was
ticked by hand in technical processing, and often was not). The register now says what the procedure did: those
copies are stamped, on their day of receipt. A copy without a date of receipt (typed in by hand, the legacy fund)
is left as it was: nothing says when, or whether, it was stamped. One UPDATE, set-based.
"""

from django.db import migrations, models
from django.db.models import F


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
        # Back to 0012: the column goes, and the boxes ticked stay ticked (they are true).
        migrations.RunPython(mark_received_copies_stamped, migrations.RunPython.noop),
    ]
