"""Before one open order per reader per title becomes a constraint (0006), close the duplicates that the race
in `reservation_create` let through: of each reader's open orders for one title the one holding a copy (the
earliest, if several do) is kept, else the earliest waiting one; the others are cancelled, and a copy held only
by a cancelled duplicate goes back on the shelf (the search entry recounts its copies after commit)."""

from django.db import migrations
from django.db.models import Count
from django.utils import timezone

from cataloguing.constants import ItemStatus
from circulation.constants import OPEN_RESERVATION_STATUSES, ReservationStatus


def close_duplicate_open_orders(apps, schema_editor):
    Reservation = apps.get_model("circulation", "Reservation")
    Item = apps.get_model("cataloguing", "Item")
    open_orders = Reservation.objects.filter(status__in=OPEN_RESERVATION_STATUSES)
    pairs = (
        open_orders.order_by().values("reader_id", "record_id").annotate(n=Count("pk")).filter(n__gt=1)
        .values_list("reader_id", "record_id")
    )
    now = timezone.now()
    released_items: list[int] = []
    for reader_id, record_id in pairs:
        orders = sorted(
            open_orders.filter(reader_id=reader_id, record_id=record_id),
            key=lambda order: (order.status != ReservationStatus.ACTIVE, order.created_at, order.pk),
        )
        for duplicate in orders[1:]:
            if duplicate.status == ReservationStatus.ACTIVE and duplicate.item_id:
                released_items.append(duplicate.item_id)
            duplicate.status = ReservationStatus.CANCELLED
            duplicate.closed_at = now
            duplicate.save(update_fields=["status", "closed_at"])
    if not released_items:
        return
    # A copy goes back on the shelf only when no other open order still holds it.
    still_held = Reservation.objects.filter(item_id__in=released_items, status=ReservationStatus.ACTIVE).values("item_id")
    items = Item.objects.filter(pk__in=released_items, status=ItemStatus.RESERVED).exclude(pk__in=still_held)
    record_ids = list(items.values_list("record_id", flat=True).distinct())
    items.update(status=ItemStatus.ON_SHELF, updated_at=now)
    if record_ids:
        from cataloguing.signals import send_items_changed

        send_items_changed(record_ids)


class Migration(migrations.Migration):

    dependencies = [
        ("cataloguing", "0008_marc_stored_as_json"),
        ("circulation", "0004_loan_reader_index_covered"),
    ]

    operations = [
        migrations.RunPython(close_duplicate_open_orders, migrations.RunPython.noop),
    ]
