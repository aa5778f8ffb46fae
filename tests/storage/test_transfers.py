from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import roles
from accounts.models import LibraryDepartment
from cataloguing.services import transfer_slip_create
from storage.services import transfer_slip_receive
from tests.factories import UserFactory
from tests.storage.factories import RoomFactory, item, location_of, shelf

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage_librarian(db):
    return UserFactory(username="keeper", roles=[roles.LIBRARIAN_STORAGE],
                       library_department=LibraryDepartment.objects.get(code="storage"))


def slip_of(*copies, by):
    return transfer_slip_create(items=list(copies), to_department=LibraryDepartment.objects.get(code="storage"),
                                user=by, from_department=LibraryDepartment.objects.get(code="cataloguing"))


def test_received_copies_go_on_the_shelf_of_their_udc(storage_librarian):
    room = RoomFactory(code="stack-1")
    shelf("s-5", "5", room)
    shelf("s-62", "62", room)
    mining = item(udc="622.2", status="processing")
    maths = item(udc="517.9", status="processing")
    history = item(udc="94(574)", status="processing")
    transfer_slip_receive(slip=slip_of(mining, maths, history, by=storage_librarian), room=room,
                          user=storage_librarian)
    assert location_of(mining).code == "s-62"
    assert location_of(maths).code == "s-5"
    assert location_of(history).code == "s-62"  # the last shelf of the room starts before 9
    mining.refresh_from_db()
    assert (mining.status, mining.department.code) == ("on_shelf", "storage")


def test_storage_librarian_accepts_a_slip_on_the_transfers_page(client_for, storage_librarian):
    room = RoomFactory(code="stack-1")
    copy = item(udc="622.2", status="processing")
    slip = slip_of(copy, by=storage_librarian)
    client = client_for(storage_librarian)
    assert slip.reference in client.get(reverse("storage:transfers")).content.decode()
    client.post(reverse("storage:transfers"), {"slip": slip.pk, "room": room.code})
    assert location_of(copy) == room
