# A job's outcome is stored as a code and its figures and worded when read, in the reader's language.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_queued_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='importjob',
            name='message_code',
            field=models.CharField(blank=True, choices=[('checked', 'the file is correct'), ('checked_bad_rows', 'some rows have errors'), ('checked_all_bad', 'every row has errors'), ('unreadable', 'the file could not be read'), ('no_rows', 'the file holds no rows'), ('stopped', 'the import stopped'), ('failed_rows', 'rows failed during the import'), ('imported', 'imported')], max_length=32, verbose_name='outcome'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='message_params',
            field=models.JSONField(blank=True, default=dict, verbose_name='figures of the outcome'),
        ),
    ]
