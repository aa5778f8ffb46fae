# Written by hand (the models file also holds another change in progress): one field.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cataloguing', '0009_record_versions_and_locks'),
    ]

    operations = [
        migrations.AddField(
            model_name='marcimport',
            name='queued_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='queued at'),
        ),
    ]
