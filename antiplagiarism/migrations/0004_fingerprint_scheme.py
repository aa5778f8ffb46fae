from django.db import migrations, models


class Migration(migrations.Migration):
    """The documents already in the collection were fingerprinted under scheme 1 (the look-alike skeleton); new
    ones take the current scheme. `manage.py refingerprint_collection` brings the old ones up to date."""

    dependencies = [
        ('antiplagiarism', '0003_check_failure_code'),
    ]

    operations = [
        migrations.AddField(
            model_name='collectiondocument',
            name='fingerprint_scheme',
            field=models.PositiveSmallIntegerField(default=1, verbose_name='fingerprint scheme'),
        ),
        migrations.AlterField(
            model_name='collectiondocument',
            name='fingerprint_scheme',
            field=models.PositiveSmallIntegerField(default=2, verbose_name='fingerprint scheme'),
        ),
    ]
