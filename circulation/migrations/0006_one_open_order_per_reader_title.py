from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("circulation", "0005_close_duplicate_open_orders"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="reservation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ("waiting", "active"))), fields=("reader", "record"),
                name="circulation_reservation_one_open_per_reader_title",
            ),
        ),
    ]
