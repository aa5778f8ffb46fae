"""Usage events record whether the request came from outside the university's networks (section 7's remote
users); the events already counted are judged by their address against today's networks."""

from django.db import migrations, models


def judge_recorded_addresses(apps, schema_editor):
    from digital_library.access import is_remote_address

    UsageEvent = apps.get_model("digital_library", "UsageEvent")
    addresses = UsageEvent.objects.exclude(ip_address=None).values_list("ip_address", flat=True).order_by().distinct()
    remote = [address for address in addresses.iterator() if is_remote_address(address)]
    for start in range(0, len(remote), 500):
        UsageEvent.objects.filter(ip_address__in=remote[start:start + 500]).update(remote=True)


class Migration(migrations.Migration):

    dependencies = [
        ("digital_library", "0002_embargo_lifted_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="usageevent",
            name="remote",
            field=models.BooleanField(default=False, verbose_name="from outside the university's networks"),
        ),
        migrations.RunPython(judge_recorded_addresses, migrations.RunPython.noop),
    ]
