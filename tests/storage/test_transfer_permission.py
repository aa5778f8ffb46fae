"""Issue 13 point 13: receiving a transfer slip on the storage page shelves the copies, so it needs the
permission to place copies, not only the storage role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts import roles
from tests.factories import UserFactory, library_department

pytestmark = pytest.mark.django_db


def test_storage_librarian_without_placement_permission_cannot_receive_a_slip(client_for):
    Group.objects.get(name=roles.LIBRARIAN_STORAGE).permissions.remove(
        Permission.objects.get(content_type__app_label="storage", codename="add_itemplacement"))
    librarian = UserFactory(username="storage", roles=[roles.LIBRARIAN_STORAGE],
                            library_department=library_department("storage"))
    assert client_for(librarian).post(reverse("storage:transfers"), {"slip": 1, "room": "R1"}).status_code == 403
