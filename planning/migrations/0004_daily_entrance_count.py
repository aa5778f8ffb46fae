# The daily entrance count: section 7's visitors, typed in or imported from the turnstile's file.

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('planning', '0003_approval_chain_calendar_qualification'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DailyEntranceCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(db_index=True, verbose_name='day')),
                ('entrance', models.CharField(help_text='The turnstile or the service point counting the visitors.', max_length=100, verbose_name='entrance')),
                ('count', models.PositiveIntegerField(validators=[django.core.validators.MaxValueValidator(100000)], verbose_name='visitors')),
                ('source', models.CharField(choices=[('entered', 'entered by hand'), ('turnstile', 'turnstile file')], default='entered', max_length=16, verbose_name='source')),
                ('recorded_at', models.DateTimeField(auto_now=True, verbose_name='recorded at')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
            ],
            options={
                'verbose_name': 'daily entrance count',
                'verbose_name_plural': 'daily entrance counts',
                'ordering': ['-day', 'entrance'],
                'constraints': [models.UniqueConstraint(fields=('day', 'entrance'), name='planning_entrance_count_one_per_day')],
            },
        ),
    ]
