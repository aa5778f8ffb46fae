"""Transfer slip 607-28: items change department and status only when the receiving department accepts."""

from __future__ import annotations

import pytest

from cataloguing import services
from cataloguing.constants import ItemStatus, TransferStatus
from cataloguing.exceptions import TransferError
from cataloguing.models import TransferSlip
from tests.cataloguing.factories import make_item, make_record
from tests.factories import library_department

pytestmark = pytest.mark.django_db


@pytest.fixture
def slip(cataloguer):
    record = make_record()
    items = [make_item(record, inventory_number=f"30000{n}") for n in range(3)]
    return services.transfer_slip_create(items=items, to_department=library_department("storage"), user=cataloguer)


def test_items_handed_over_are_in_transfer_until_accepted(slip):
    statuses = {line.item.status for line in slip.lines.select_related("item")}
    assert statuses == {ItemStatus.IN_TRANSFER}
    assert {line.item.department_id for line in slip.lines.select_related("item")} == {None}


def test_slips_are_numbered_without_gaps_per_year(cataloguer, slip):
    second = services.transfer_slip_create(items=[make_item(make_record(title="Екінші"))],
                                           to_department=library_department("service"), user=cataloguer)
    assert (slip.number, second.number) == (1, 2)
    assert second.year == slip.year


def test_receiving_department_accepts_and_only_then_items_move(slip, storage_librarian):
    services.transfer_slip_accept(slip=slip, user=storage_librarian)
    slip.refresh_from_db()
    assert slip.status == TransferStatus.ACCEPTED
    assert slip.accepted_by == storage_librarian
    for line in slip.lines.select_related("item"):
        assert line.item.status == ItemStatus.ON_SHELF
        assert line.item.department == library_department("storage")


def test_another_department_cannot_accept(slip, librarian):
    with pytest.raises(TransferError):
        services.transfer_slip_accept(slip=slip, user=librarian)
    assert slip.lines.first().item.status == ItemStatus.IN_TRANSFER


def test_slip_cannot_be_accepted_twice(slip, storage_librarian):
    services.transfer_slip_accept(slip=slip, user=storage_librarian)
    with pytest.raises(TransferError):
        services.transfer_slip_accept(slip=slip, user=storage_librarian)


def test_only_items_in_processing_can_be_handed_over(cataloguer):
    item = make_item(make_record(), status=ItemStatus.ON_LOAN)
    with pytest.raises(TransferError):
        services.transfer_slip_create(items=[item], to_department=library_department("storage"), user=cataloguer)
    assert not TransferSlip.objects.exists()


def test_receiving_librarian_accepts_on_the_transfers_page(client, slip, storage_librarian):
    client.force_login(storage_librarian)
    page = client.get("/cataloguing/transfers/")
    assert slip.reference in page.content.decode()
    response = client.post(f"/cataloguing/transfers/{slip.pk}/accept/")
    assert response.status_code == 302
    slip.refresh_from_db()
    assert slip.is_accepted


def test_other_departments_do_not_see_or_accept_the_slip(client, slip, librarian):
    client.force_login(librarian)
    assert slip.reference not in client.get("/cataloguing/transfers/").content.decode()
    assert client.post(f"/cataloguing/transfers/{slip.pk}/accept/").status_code == 404
    slip.refresh_from_db()
    assert not slip.is_accepted


def test_readers_cannot_open_the_transfers_page(client, reader):
    client.force_login(reader)
    assert client.get("/cataloguing/transfers/").status_code == 403


def test_transfer_slips_are_never_deleted(admin_client, slip):
    assert admin_client.post(f"/admin/cataloguing/transferslip/{slip.pk}/delete/", {"post": "yes"}).status_code == 403
    assert TransferSlip.objects.filter(pk=slip.pk).exists()


def test_hand_over_from_the_items_list(admin_user, client, cataloguer):
    record = make_record()
    items = [make_item(record, inventory_number=f"31000{n}") for n in range(2)]
    client.force_login(cataloguer)
    response = client.post("/admin/cataloguing/item/", {
        "action": "make_transfer_slip", "_selected_action": [i.pk for i in items], "apply": "1",
        "to_department": library_department("service").pk, "note": "",
    })
    assert response.status_code == 302
    slip = TransferSlip.objects.get()
    assert slip.lines.count() == 2
    assert slip.to_department.code == "service"
